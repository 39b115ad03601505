// ESLint 9 flat config: `npm run lint` (with `prettier --check`). Formatting is Prettier's job, so no
// stylistic rule is on here. Every `eslint-disable` comment must name a rule that is on and that
// fires there (unused directives are errors).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import officeAddins from './eslint/office-addins-sync.mjs';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['build/', 'dist/', 'out/', 'coverage/', 'test-results/', 'node_modules/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.es2021 } },
    rules: {
      // The code's disable comments name no-var-requires (a require whose value is used: exceljs internals
      // patched in src/cli/xlsx.ts, package.json in a test). typescript-eslint 8 reports the same calls again
      // under no-require-imports; one rule, the one the comments name, until the mechanical lint commit.
      '@typescript-eslint/no-var-requires': 'error',
      '@typescript-eslint/no-require-imports': 'off',
      // `_` marks a parameter kept for an interface's shape (tsc's noUnusedParameters already checks the rest)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Messages go to stdout/stderr through process.* in the CLI; a stray console.log is a leftover
      'no-console': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },

  // The engine, the workbook layer and the round's operations are host-neutral: no Node, DOM or Office
  // (brief; CONTRIBUTING.md)
  {
    files: ['src/engine/**/*.ts', 'src/workbook/**/*.ts', 'src/round/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto', 'util', 'zlib', 'stream', 'buffer'],
              message: 'src/engine and src/workbook are host-neutral: no Node imports.',
            },
            {
              group: ['exceljs', 'exceljs/*', 'react', 'react-dom', '@fluentui/*', '../excel/*', '../cli/*', '../taskpane/*'],
              message: 'Imports point down: engine ← workbook ← adapters ← pane.',
            },
            {
              group: ['../engine/*', '../../engine/*'],
              message: 'Outside the engine, use its public API: import from src/engine (index.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../workbook/*', '../workbook', '*/workbook/*'],
              message: 'The engine imports nothing of the workbook layer.',
            },
            { group: ['node:*', 'fs', 'path', 'crypto', 'util'], message: 'The engine is pure: no Node imports.' },
          ],
        },
      ],
    },
  },

  // Node code: the CLI, scripts, tests, bench, configs
  {
    files: [
      'src/cli/**/*.ts',
      'scripts/**/*.{ts,js,mjs}',
      'bench/**/*.{ts,js}',
      'test/**/*.{ts,tsx}',
      '*.{js,mjs,cjs}',
      'bin/**/*.js',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-var-requires': 'off' },
  },
  { files: ['test/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.jest } } },
  // The simulated Excel host is plain browser JavaScript in the style of office.js (`const self = this`)
  {
    files: ['test/browser/sim/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { '@typescript-eslint/no-this-alias': 'off' },
  },

  // Plain ES5 scripts of the pane's pages (browser-check.js, commands.js): the browser and office.js
  {
    files: ['src/taskpane/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, Office: 'readonly' } },
  },

  // The pane: React hooks, browser globals
  {
    files: ['src/taskpane/**/*.{ts,tsx}', 'test/addin/**/*.{ts,tsx}', 'test/browser/**/*.{ts,js}'],
    languageOptions: { globals: { ...globals.browser, Office: 'readonly', Excel: 'readonly' } },
  },
  {
    files: ['src/taskpane/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },

  // Office.js code: the Office add-in rules, taught that `await sync(context)` (the adapter's wrapper in
  // src/excel/office-host.ts, which counts syncs) is a `context.sync()` (eslint/office-addins-sync.mjs).
  {
    files: ['src/excel/**/*.ts', 'src/taskpane/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, Office: 'readonly', Excel: 'readonly', OfficeExtension: 'readonly' } },
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/no-office-initialize': 'error',
      'office-addins/no-empty-load': 'error',
      'office-addins/no-navigational-load': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/call-sync-after-load': 'error',
      'office-addins/no-context-sync-in-loop': 'error',
    },
  },
);
