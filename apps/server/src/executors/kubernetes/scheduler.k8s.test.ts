import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRun } from '../../scheduler/start-run';
import type { AttemptRequest } from '../executor';
import { createKubernetesExecutor } from './index';
import { freshNamespace, leftovers, PodCensus, testKubeConfig, waitForPod } from './testing/k8s-test-env';
import { RunRecorder, workflowDoc } from './testing/run-recorder';
import { envelope, ScriptedExecutor, type PodScript } from './testing/scripted-executor';

/** Runs through the real scheduler (apps/server/src/scheduler) and the Kubernetes executor, against the API server. */

const SQUARE = 'def square(x: int, pad: str) -> int:\n    return x * x\n';
const squareDoc = (concurrency: number, retries = 0) =>
  workflowDoc('k8s-map', {
    inputs: [
      { name: 'xs', type: 'list[int]' },
      { name: 'pad', type: 'str', default: '' },
    ],
    outputs: [{ name: 'squares', type: 'list[int]', from: { node: 'square', output: 'o0' } }],
    tasks: [{ name: 'square', type: 'python', code: SQUARE }],
    nodes: [{ id: 'square', task: 'square', map: { concurrency, retries }, inputs: { x: { input: 'xs' }, pad: { input: 'pad' } } }],
  });

/** What the square task's entrypoint would write. */
const squareScript = (request: AttemptRequest): PodScript => {
  const x = request.compiled.inputs.x as number;
  return { message: envelope({ ok: true, outputs: { o0: x * x } }) };
};

let kc: KubeConfig;
let namespace: string;
const runIds = (() => {
  let n = 0;
  return (what: string) => `${what}-${process.pid}-${++n}`;
})();

beforeAll(async () => {
  kc = testKubeConfig();
  namespace = await freshNamespace(kc, 'pf-sched');
});

describe('a map of 200 items with concurrency 20, through the scheduler', () => {
  const cases = [
    { label: 'small inputs', pad: '' },
    { label: 'inputs over 64 KiB (a per-attempt inputs ConfigMap each)', pad: 'p'.repeat(70 * 1024) },
  ];
  for (const { label, pad } of cases) {
    it(`${label}: never more than 20 pods at once, every item done, nothing left behind`, { timeout: 600_000 }, async () => {
      const runId = runIds('map200');
      const census = new PodCensus(kc, namespace, `podflow/run=${runId}`);
      await census.start();
      const executor = new ScriptedExecutor(createKubernetesExecutor({ kubeConfig: kc, namespace }), squareScript);
      const recorder = new RunRecorder();
      const xs = Array.from({ length: 200 }, (_, i) => i);
      try {
        const handle = startRun({ doc: squareDoc(20), runId, inputs: { xs, pad }, executor, emit: recorder.emit });
        const result = await handle.done;
        expect(result).toEqual({ status: 'succeeded', outputs: { squares: xs.map((x) => x * x) } });
        expect(recorder.of('attempt-succeeded')).toHaveLength(200);
        expect(recorder.of('attempt-failed')).toEqual([]);

        await census.until(() => census.current === 0);
        expect(census.created.size).toBe(200);
        expect(census.deleted.size).toBe(200);
        expect(census.max).toBeLessThanOrEqual(20);
        expect(census.max).toBeGreaterThan(1);
        expect(census.broken).toBe(false);
        expect(await leftovers(kc, namespace)).toEqual({ pods: [], configMaps: [] });

      } finally {
        census.stop();
        await executor.close();
      }
    });
  }
});

describe('API calls per pod (issue #19)', () => {
  it('a map nobody watches live: a create and one log read per pod, deletions batched, nothing else', { timeout: 300_000 }, async () => {
    const runId = runIds('calls');
    const inner = createKubernetesExecutor({ kubeConfig: kc, namespace });
    const executor = new ScriptedExecutor(inner, (request) => ({ ...squareScript(request), logs: { primary: [`squaring ${request.compiled.inputs.x as number}`] } }));
    const census = new PodCensus(kc, namespace, `podflow/run=${runId}`);
    await census.start();
    const recorder = new RunRecorder();
    const items = 60;
    const xs = Array.from({ length: items }, (_, i) => i);
    try {
      const watched = { now: () => false, onChange: () => () => {} };
      const result = await startRun({ doc: squareDoc(20), runId, inputs: { xs, pad: '' }, executor, emit: recorder.emit, watched }).done;
      expect(result).toEqual({ status: 'succeeded', outputs: { squares: xs.map((x) => x * x) } });
      // Every line arrived, each once.
      expect(recorder.of('log').map((e) => e.line).sort()).toEqual(xs.map((x) => `squaring ${x}`).sort());
      await census.until(() => census.current === 0);
      expect(census.deleted.size).toBe(items);
      const batches = inner.reaperOf(namespace).batches;
      expect(batches).toBeGreaterThan(0);
      expect(batches).toBeLessThan(items); // several pods per deletecollection
      expect(inner.api.logReads).toBe(items);
      // A create and one log read per pod, the batches; once per executor: the two shared code ConfigMaps, and the
      // first list of the namespace's pods and of its Events (the watches that follow are not calls per pod).
      expect(inner.api.calls).toBe(2 * items + batches + 2 + 2);
    } finally {
      census.stop();
      await executor.close();
    }
  });
});

describe('retries through the scheduler', () => {
  it('an item that fails on its first attempt only is retried and the map succeeds', async () => {
    const runId = runIds('retry');
    const executor = new ScriptedExecutor(createKubernetesExecutor({ kubeConfig: kc, namespace }), (request) =>
      request.executionId === 'square[2]' && request.attempt === 0
        ? { outcome: 'fail', exitCode: 3, message: envelope({ ok: false, error: 'RuntimeError: flaky (task.py line 2)' }) }
        : squareScript(request),
    );
    const recorder = new RunRecorder();
    try {
      const result = await startRun({ doc: squareDoc(3, 1), runId, inputs: { xs: [1, 2, 3, 4, 5] }, executor, emit: recorder.emit }).done;
      expect(result).toEqual({ status: 'succeeded', outputs: { squares: [1, 4, 9, 16, 25] } });
      expect(recorder.of('attempt-failed')).toEqual([
        { type: 'attempt-failed', executionId: 'square[2]', attempt: 0, kind: 'error', reason: 'RuntimeError: flaky (task.py line 2)', exitCode: 3, at: expect.any(Number) },
      ]);
      expect(recorder.of('node-retrying').map((e) => e.executionId)).toEqual(['square[2]']);
      expect(recorder.of('attempt-succeeded').filter((e) => e.executionId === 'square[2]').map((e) => e.attempt)).toEqual([1]);
      expect(await leftovers(kc, namespace)).toEqual({ pods: [], configMaps: [] });
    } finally {
      await executor.close();
    }
  });

  it('a pod deleted by someone else is reported as deleted and retried', async () => {
    const runId = runIds('deleted');
    const doc = workflowDoc('k8s-deleted', {
      outputs: [{ name: 'o0', type: 'str', from: { node: 'slow', output: 'o0' } }],
      tasks: [{ name: 'slow', type: 'python', code: 'def slow() -> str:\n    return "finally"\n', retries: 1 }],
      nodes: [{ id: 'slow', task: 'slow' }],
    });
    const executor = new ScriptedExecutor(createKubernetesExecutor({ kubeConfig: kc, namespace }), (request) =>
      request.attempt === 0 ? { outcome: 'hang' } : { message: envelope({ ok: true, outputs: { o0: 'finally' } }) },
    );
    const recorder = new RunRecorder();
    try {
      const handle = startRun({ doc, runId, inputs: {}, executor, emit: recorder.emit });
      const started = await recorder.waitFor('attempt-started', (e) => e.attempt === 0);
      await waitForPod(kc, namespace, started.podName, (p) => p.status?.phase === 'Running');
      await kc.makeApiClient(CoreV1Api).deleteNamespacedPod({ namespace, name: started.podName });
      const result = await handle.done;
      expect(result).toEqual({ status: 'succeeded', outputs: { o0: 'finally' } });
      const failed = recorder.of('attempt-failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ executionId: 'slow', attempt: 0, kind: 'deleted' });
      expect(failed[0]!.reason).toMatch(/deleted by someone else/);
      expect(recorder.of('node-retrying')).toHaveLength(1);
      expect(await leftovers(kc, namespace)).toEqual({ pods: [], configMaps: [] });
    } finally {
      await executor.close();
    }
  });
});

afterAll(async () => {
  // The namespace stays (no controller-manager to finish deleting it); the cluster is thrown away.
});
