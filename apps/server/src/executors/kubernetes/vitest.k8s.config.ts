import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The Kubernetes suite (*.k8s.test.ts), run by scripts/k8s/test-k8s.mjs against a real kube-apiserver + kwok
// (KUBECONFIG set). Files run one at a time: one of them restarts the API server under everyone's feet.
export default defineConfig({
  root: fileURLToPath(new URL('../../../../../', import.meta.url)),
  test: {
    include: ['apps/server/src/**/*.k8s.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
