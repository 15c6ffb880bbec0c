import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'bench/.build/**', 'test-results/**', 'playwright-report/**', 'packages/core/src/k8s/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // packages/core runs unchanged in the browser and in Node: no DOM framework, no Node built-ins.
    files: ['packages/core/**/*.ts'],
    ignores: ['packages/core/**/*.test.ts', 'packages/core/src/__fixtures__/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*'], message: 'packages/core is pure: it may not import Node built-ins.' },
          { group: ['react', 'react-dom', 'react/*', '@xyflow/*', 'monaco-editor', 'monaco-editor/*'], message: 'packages/core is pure: it may not import UI code.' },
        ],
        paths: ['fs', 'path', 'child_process', 'os', 'crypto', 'url', 'util', 'stream', 'events', 'http', 'https', 'net', 'worker_threads'].map((name) => ({
          name,
          message: 'packages/core is pure: it may not import Node built-ins.',
        })),
      }],
    },
  },
  {
    // The editor talks to the server only through the HTTP API, whose shapes live in core.
    files: ['apps/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '(^|/)server/src(/|$)|^@podflow/server(/|$)', message: 'apps/web may not import server code: share it through packages/core.' },
          { regex: '(^|/)bench(/|$)', message: 'product code may not import benchmark code (bench/).' },
        ],
      }],
    },
  },
  {
    files: ['apps/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '(^|/)web/src(/|$)|^@podflow/web(/|$)', message: 'apps/server may not import editor code: share it through packages/core.' },
          { regex: '(^|/)bench(/|$)', message: 'product code may not import benchmark code (bench/).' },
        ],
      }],
    },
  },
  {
    // Benchmark code lives in bench/ (tests never time things; `npm run bench` measures).
    files: ['apps/**/*.bench.ts', 'packages/**/*.bench.ts', 'apps/**/load-test*.ts', 'packages/**/load-test*.ts', 'e2e/**/*.bench.ts'],
    rules: { 'no-restricted-syntax': ['error', { selector: 'Program', message: 'benchmark code lives in bench/; move this file there.' }] },
  },
);
