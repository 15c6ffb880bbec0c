import { defineConfig } from 'vitest/config';

// Unit and integration tests of every package. Browser flows are Playwright's (e2e/); the Kubernetes suite
// (*.k8s.test.ts) runs against a real API server started by scripts/test.mjs.
export default defineConfig({
  test: {
    include: ['packages/**/*.test.ts', 'apps/**/*.test.ts', 'apps/**/*.test.tsx', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.k8s.test.ts', '**/*.realnode.test.ts', 'e2e/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
