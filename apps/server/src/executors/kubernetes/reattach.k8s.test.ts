import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, type KubeConfig, type V1ConfigMap, type V1Pod } from '@kubernetes/client-node';
import { LABEL } from '@podflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractRequest, RecordingSink, type ContractTask } from '../contract/contract-pods';
import type { AttemptRequest } from '../executor';
import { createKubernetesExecutor, type KubernetesExecutor } from './index';
import { freshNamespace, leftovers, testKubeConfig, waitForPod } from './testing/k8s-test-env';
import { envelope, terminated } from './testing/scripted-executor';

/**
 * After a server restart, `reattach(runId)` finds a run's pods by label and waits on them again: here the objects of
 * an attempt are created as the previous server process would have, and a new executor picks them up.
 */
let kc: KubeConfig;
let core: CoreV1Api;
let namespace: string;
let executor: KubernetesExecutor;
const dir = mkdtempSync(join(tmpdir(), 'podflow-reattach-'));

const TASK: ContractTask = { name: 'measure', code: 'def measure(s: str) -> int:\n    return len(s)\n' };

/** What the previous process had created for `request` before it went away: ConfigMaps and the pod (running forever). */
async function leftBehind(request: AttemptRequest): Promise<V1Pod> {
  for (const cm of request.compiled.configMaps) {
    const body = { ...cm, metadata: { ...cm.metadata, namespace } } as unknown as V1ConfigMap;
    await core.createNamespacedConfigMap({ namespace, body }).catch((e: { code?: number }) => {
      if (e.code !== 409) throw e;
    });
  }
  const pod = request.compiled.pod;
  const body = { ...pod, metadata: { ...pod.metadata, namespace, annotations: { ...pod.metadata?.annotations, 'podflow.test/outcome': 'hang' } } } as unknown as V1Pod;
  await core.createNamespacedPod({ namespace, body });
  return waitForPod(kc, namespace, pod.metadata!.name!, (p) => p.status?.phase === 'Running');
}

const finishPrimary = (name: string, outputs: Record<string, unknown>) =>
  core.patchNamespacedPodStatus(
    { name, namespace, body: { status: { containerStatuses: [terminated('primary', 0, { message: envelope({ ok: true, outputs }) })] } } },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );

beforeAll(async () => {
  kc = testKubeConfig();
  core = kc.makeApiClient(CoreV1Api);
  namespace = await freshNamespace(kc, 'pf-reattach');
  executor = createKubernetesExecutor({ kubeConfig: kc, namespace });
});

afterAll(async () => {
  await executor?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Waits until the pod's log (as kwok serves it) holds `text`. */
async function serves(name: string, text: string): Promise<void> {
  for (let i = 0; ; i++) {
    const log = await core.readNamespacedPodLog({ namespace, name, container: 'primary' });
    if (log.includes(text)) return;
    if (i >= 200) throw new Error(`kwok never served the pod's own log: ${log}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('reattach(runId)', () => {
  it("finds the run's pods by label, resumes them, streams only new log lines, and cleans up", async () => {
    const request = contractRequest(TASK, { s: 'q'.repeat(70 * 1024) });
    const name = request.compiled.pod.metadata!.name!;
    // Its log: one line stored before the restart, one written after.
    const file = join(dir, `${name}.log`);
    writeFileSync(file, `2026-01-01T00:00:01.000000000Z stdout F before the restart\n2026-01-01T00:00:02.500000000Z stdout F after the restart\n`);
    await kc.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group: 'kwok.x-k8s.io',
      version: 'v1alpha1',
      namespace,
      plural: 'logs',
      body: { apiVersion: 'kwok.x-k8s.io/v1alpha1', kind: 'Logs', metadata: { name, namespace }, spec: { logs: [{ logsFile: file, follow: false }] } },
    });
    await leftBehind(request);
    // kwok picks the Logs object up on its own time: until it has, the pod serves kwok's default log
    await serves(name, 'after the restart');
    const inputsConfigMap = request.compiled.configMaps.find((cm) => cm.metadata?.labels?.[LABEL.run])!.metadata!.name!;

    const found = await executor.reattach(request.runId);
    expect(found.map((f) => ({ podName: f.podName, executionId: f.executionId, nodeId: f.nodeId, attempt: f.attempt, namespace: f.namespace }))).toEqual([
      { podName: name, executionId: 'measure', nodeId: 'measure', attempt: 0, namespace },
    ]);
    expect(await executor.reattach('some-other-run')).toEqual([]);

    const sink = new RecordingSink();
    const pending = found[0]!.resume(sink, new AbortController().signal, { logsAfter: Date.parse('2026-01-01T00:00:01Z') });
    await finishPrimary(name, { o0: 70 * 1024 });
    expect(await pending).toEqual({ ok: true, outputs: { o0: 70 * 1024 } });
    expect(sink.lines('primary')).toEqual(['after the restart']);
    await expect(core.readNamespacedPod({ namespace, name })).rejects.toMatchObject({ code: 404 });
    await expect(core.readNamespacedConfigMap({ namespace, name: inputsConfigMap })).rejects.toMatchObject({ code: 404 });
  });

  it("the timeout still counts from the pod's creation", async () => {
    const request = contractRequest(TASK, { s: 'short' });
    await leftBehind(request);
    await new Promise((r) => setTimeout(r, 1500));
    const [found] = await executor.reattach(request.runId);
    expect(await found!.resume(new RecordingSink(), new AbortController().signal, { timeoutSeconds: 1 })).toEqual({
      ok: false,
      kind: 'timeout',
      reason: 'timed out after 1s (timeoutSeconds)',
    });
  });

  it('cancelling a resumed attempt deletes its pod', async () => {
    const request = contractRequest(TASK, { s: 'short' });
    await leftBehind(request);
    const [found] = await executor.reattach(request.runId);
    const controller = new AbortController();
    const pending = found!.resume(new RecordingSink(), controller.signal);
    controller.abort();
    expect(await pending).toEqual({ ok: false, kind: 'cancelled', reason: 'cancelled' });
    expect(await leftovers(kc, namespace)).toEqual({ pods: [], configMaps: [] });
  });
});
