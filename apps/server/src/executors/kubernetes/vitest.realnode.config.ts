import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The real-node suite (*.realnode.test.ts), run by scripts/k8s/test-realnode.mjs against the test control plane plus
// a real kubelet with containerd (KUBECONFIG and PODFLOW_REALNODE set). Files run one at a time: the node has 2 CPUs.
export default defineConfig({
  root: fileURLToPath(new URL('../../../../../', import.meta.url)),
  test: {
    include: ['apps/server/src/**/*.realnode.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    testTimeout: 240_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
