import { describe, it } from 'vitest';
import { describeExecutorContract } from '../contract/executor-contract';
import { freshNamespace, testKubeConfig } from './testing/k8s-test-env';
import { REAL_NODE, RealNodeExecutor, realNodeUnavailable } from './testing/real-node';

/**
 * The executor contract suite, unchanged, on the real node: real code in real containers, no scripts. The pods/log
 * API merges a container's stdout and stderr, as against kwok.
 */
const unavailable = realNodeUnavailable();
if (unavailable) {
  describe('executor contract: kubernetes (real node)', () => {
    it.skip(`SKIPPED — ${unavailable}`, () => {});
  });
} else {
  describeExecutorContract(
    'kubernetes (real node)',
    async () => {
      const kc = testKubeConfig();
      return new RealNodeExecutor(kc, await freshNamespace(kc, 'pf-real-contract'));
    },
    { logStreams: 'combined', shellImage: REAL_NODE.shellImage, testTimeoutMs: 120_000 },
  );
}
