#!/usr/bin/env node
'use strict';
// The `finsam` command line. The code lives in src/cli (TypeScript), built to build/ by
// `npm run build:cli` (also run by `npm ci` through the prepare script).
let main;
try {
  main = require('../build/cli/main.js');
} catch (error) {
  if (
    error &&
    error.code === 'MODULE_NOT_FOUND' &&
    /Cannot find module '\.\.\/build\/cli\/main\.js'/.test(String(error.message))
  ) {
    process.stderr.write('finsam: kommandoraden är inte byggd. Kör först: npm run build:cli\n');
    process.exit(1);
  }
  throw error;
}
main.cli();
