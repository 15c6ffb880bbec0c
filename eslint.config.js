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
);
