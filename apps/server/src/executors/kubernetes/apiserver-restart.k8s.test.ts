import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { contractRequest, RecordingSink } from '../contract/contract-pods';
import { startRun } from '../../scheduler/start-run';
import { createKubernetesExecutor } from './index';
import { freshNamespace, leftovers, testKubeConfig, waitForPod } from './testing/k8s-test-env';
import { RunRecorder, workflowDoc } from './testing/run-recorder';
import { envelope, ScriptedExecutor, terminated } from './testing/scripted-executor';

/**
 * The API server goes away in the middle of a run and comes back (scripts/k8s/restart-apiserver.sh: the same
 * kube-apiserver command line, etcd kept): the shared watch resumes — from its resourceVersion, or by listing again —
 * API calls are retried, and the run finishes as if nothing had happened.
 */
const restartScript = fileURLToPath(new URL('../../../../../scripts/k8s/restart-apiserver.sh', import.meta.url));

describe('the API server restarts mid-run', () => {
  it('the watch resumes and the run is not lost', { timeout: 300_000 }, async () => {
    const clusterDir = process.env.PODFLOW_K8S_DIR;
    if (!clusterDir) throw new Error('PODFLOW_K8S_DIR is not set: run the Kubernetes tests with `node scripts/k8s/test-k8s.mjs OUT.json`');
    const kc = testKubeConfig();
    const core = kc.makeApiClient(CoreV1Api);
    const namespace = await freshNamespace(kc, 'pf-restart');
    const inner = createKubernetesExecutor({ kubeConfig: kc, namespace, apiRetrySeconds: 120 });
    const executor = new ScriptedExecutor(inner, (request) =>
      request.compiled.task === 'square'
        ? { durationMs: 1500, message: envelope({ ok: true, outputs: { o0: (request.compiled.inputs.x as number) ** 2 } }) }
        : { outcome: 'hang' },
    );
    try {
      // A map that is running when the API server goes…
      const doc = workflowDoc('k8s-restart', {
        inputs: [{ name: 'xs', type: 'list[int]' }],
        outputs: [{ name: 'squares', type: 'list[int]', from: { node: 'square', output: 'o0' } }],
        tasks: [{ name: 'square', type: 'python', code: 'def square(x: int) -> int:\n    return x * x\n' }],
        nodes: [{ id: 'square', task: 'square', map: { concurrency: 6 }, inputs: { x: { input: 'xs' } } }],
      });
      const xs = Array.from({ length: 30 }, (_, i) => i);
      const recorder = new RunRecorder();
      const run = startRun({ doc, runId: `restart-${process.pid}`, inputs: { xs }, executor, emit: recorder.emit });
      // …and a pod that can only end after it came back.
      const lone = contractRequest({ name: 'lone', code: 'def lone() -> str:\n    return "x"\n' });
      const loneName = lone.compiled.pod.metadata!.name!;
      const loneResult = executor.runAttempt(lone, new RecordingSink(), new AbortController().signal);
      await waitForPod(kc, namespace, loneName, (p) => p.status?.phase === 'Running');
      let succeeded = 0;
      await recorder.waitFor('attempt-succeeded', () => ++succeeded >= 6);
      const watchesBefore = inner.watchOf(namespace).stats.watches;

      await promisify(execFile)(restartScript, [clusterDir, '2'], { timeout: 120_000 });

      await core.patchNamespacedPodStatus(
        { name: loneName, namespace, body: { status: { containerStatuses: [terminated('primary', 0, { message: envelope({ ok: true, outputs: { o0: 'after' } }) })] } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      expect(await loneResult).toEqual({ ok: true, outputs: { o0: 'after' } });
      expect(await run.done).toEqual({ status: 'succeeded', outputs: { squares: xs.map((x) => x * x) } });
      expect(recorder.of('attempt-failed')).toEqual([]);
      expect(recorder.of('attempt-succeeded')).toHaveLength(30);

      const stats = inner.watchOf(namespace).stats;
      expect(stats.watches).toBeGreaterThan(watchesBefore); // it reconnected
      console.log(`[measure] API server restart: watch ${JSON.stringify(stats)}; ${inner.api.calls} API calls`);
      expect(await leftovers(kc, namespace)).toEqual({ pods: [], configMaps: [] });
    } finally {
      await executor.close();
    }
  });

  it('an API server away for longer than unreachableSeconds fails the attempts in flight, naming it and why (issue #12)', { timeout: 300_000 }, async () => {
    const clusterDir = process.env.PODFLOW_K8S_DIR!;
    const kc = testKubeConfig();
    const namespace = await freshNamespace(kc, 'pf-lost');
    const inner = createKubernetesExecutor({ kubeConfig: kc, namespace, unreachableSeconds: 2, apiRetrySeconds: 120 });
    const executor = new ScriptedExecutor(inner, () => ({ outcome: 'hang' }));
    try {
      const request = contractRequest({ name: 'stays', code: 'def stays() -> str:\n    return "x"\n' });
      const name = request.compiled.pod.metadata!.name!;
      const result = executor.runAttempt(request, new RecordingSink(), new AbortController().signal);
      await waitForPod(kc, namespace, name, (p) => p.status?.phase === 'Running');
      const restart = promisify(execFile)(restartScript, [clusterDir, '8'], { timeout: 120_000 });
      const server = kc.getCurrentCluster()!.server;
      // Fails while the API server is still away (2 s bound, 8 s down), not when it is back.
      const failed = await result;
      expect(failed).toEqual({ ok: false, kind: 'system', reason: `cannot reach the Kubernetes API at ${server}: connection refused` });
      await restart;
      // Once it is back, the attempt's pod was deleted (its clean-up retried through the outage).
      expect(await leftovers(kc, namespace)).toEqual({ pods: [], configMaps: [] });
    } finally {
      await executor.close();
    }
  });
});
