// The pane's jsdom tests' environment: jest's jsdom with nwsapi's selector cache made large enough.
// jsdom's getComputedStyle matches every CSS rule against the element; Fluent UI inserts more than the
// 1 000 rules nwsapi keeps compiled (an LRU), so each call recompiled every selector and a role query or
// an axe run on the summary took minutes. Only the cache size changes; matching is nwsapi's own.
'use strict';
const fs = require('fs');
const Module = require('module');
const path = require('path');

const jsdomPath = require.resolve('jsdom', { paths: [require.resolve('jest-environment-jsdom')] });
const nwsapiPath = require.resolve('nwsapi', { paths: [jsdomPath] });
const source = fs.readFileSync(nwsapiPath, 'utf8');
const limit = 'CACHE_LIMIT = 1000,';
if (!source.includes(limit)) throw new Error(`nwsapi changed: "${limit}" not found in ${nwsapiPath}`);
const patched = new Module(nwsapiPath, module);
patched.filename = nwsapiPath;
patched.paths = Module._nodeModulePaths(path.dirname(nwsapiPath));
patched._compile(source.replace(limit, 'CACHE_LIMIT = 100000,'), nwsapiPath);
patched.loaded = true;
require.cache[nwsapiPath] = patched;

module.exports = require('jest-environment-jsdom').TestEnvironment;
