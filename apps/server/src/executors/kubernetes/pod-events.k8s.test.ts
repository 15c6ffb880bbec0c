import type { KubeConfig } from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { startRun } from '../../scheduler/start-run';
import { createKubernetesExecutor } from './index';
import type { KubernetesExecutorOptions } from './kubernetes-executor';
import { freshNamespace, testKubeConfig } from './testing/k8s-test-env';
import { RunRecorder, workflowDoc } from './testing/run-recorder';
import { ScriptedExecutor } from './testing/scripted-executor';

// Issue #17 §2: the Events of a run's pods reach the attempt and the node live (`pod-event` run events), and a pod
// stuck in ContainerCreating with a known reason fails after the grace period with that reason. FailedScheduling
// comes from the real kube-scheduler; kwok makes no Events, so the others are SIMULATED by kwok Stages
// (scripts/k8s/kwok-stages.yaml, `podflow.test/simulate`), which set the container state and report the Event a
// kubelet would.
let kc: KubeConfig;
let namespace: string;
let n = 0;

beforeAll(async () => {
  kc = testKubeConfig();
  namespace = await freshNamespace(kc, 'pf-events');
});

const CODE = 'def t() -> int:\n    return 1\n';

async function run(pod: Record<string, unknown>, options: Partial<KubernetesExecutorOptions>) {
  const doc = workflowDoc('events', { tasks: [{ name: 't', type: 'python', code: CODE, pod }], nodes: [{ id: 't', task: 't' }] });
  const executor = new ScriptedExecutor(createKubernetesExecutor({ kubeConfig: kc, namespace, ...options }), () => ({ outcome: 'pending' }));
  const recorder = new RunRecorder();
  try {
    const result = await startRun({ doc, runId: `events-${process.pid}-${++n}`, inputs: {}, executor, emit: recorder.emit }).done;
    return { result, recorder };
  } finally {
    await executor.close();
  }
}

/** The pod-event reported before the attempt failed (live, not only at the end). */
function liveEvent(recorder: RunRecorder, reason: string) {
  const i = recorder.events.findIndex((e) => e.type === 'pod-event' && e.reason === reason);
  const failedAt = recorder.events.findIndex((e) => e.type === 'attempt-failed');
  expect(i, `a pod-event ${reason}`).toBeGreaterThanOrEqual(0);
  expect(i).toBeLessThan(failedAt);
  return recorder.events[i] as Extract<(typeof recorder.events)[number], { type: 'pod-event' }>;
}

describe('Events of the run\'s pods', () => {
  it('FailedScheduling (real, from kube-scheduler): live on the attempt, then Unschedulable', async () => {
    const { result, recorder } = await run({ spec: { nodeSelector: { node_group: 'memory' } } }, { unschedulableTimeoutSeconds: 2 });
    const event = liveEvent(recorder, 'FailedScheduling');
    expect(event).toMatchObject({ executionId: 't', attempt: 0, warning: true, message: expect.stringMatching(/^0\/1 nodes are available: 1 node\(s\) didn't match Pod's node affinity\/selector/) });
    expect(recorder.of('attempt-failed')[0]).toMatchObject({ kind: 'unschedulable', reason: expect.stringMatching(/^Unschedulable: 0\/1 nodes are available/) });
    expect(result.status).toBe('failed');
  });

  it('FailedMount (simulated): stuck in ContainerCreating, fails after the grace period with the reason', async () => {
    const { result, recorder } = await run({ annotations: { 'podflow.test/simulate': 'FailedMount' } }, { stuckGraceSeconds: 1 });
    expect(liveEvent(recorder, 'FailedMount')).toMatchObject({ warning: true, message: 'MountVolume.SetUp failed for volume "config" : configmap "podflow-missing-config" not found' });
    expect(recorder.of('attempt-failed')[0]).toMatchObject({
      kind: 'config',
      reason: 'FailedMount: MountVolume.SetUp failed for volume "config" : configmap "podflow-missing-config" not found (container "primary" ContainerCreating for 1s)',
    });
    expect(recorder.of('node-failed')[0]?.reason).toMatch(/^FailedMount: /);
    expect(result.status).toBe('failed');
  });

  it('FailedCreatePodSandBox (simulated): fails as the system\'s problem after the grace period', async () => {
    const { recorder } = await run({ annotations: { 'podflow.test/simulate': 'FailedCreatePodSandBox' } }, { stuckGraceSeconds: 1 });
    expect(liveEvent(recorder, 'FailedCreatePodSandBox').message).toMatch(/^Failed to create pod sandbox: /);
    expect(recorder.of('attempt-failed')[0]).toMatchObject({ kind: 'system', reason: expect.stringMatching(/^FailedCreatePodSandBox: Failed to create pod sandbox: .* \(container "primary" ContainerCreating for 1s\)$/) });
  });

  it('BackOff pulling an image (simulated): the Event live, ImagePullBackOff after the image grace period', async () => {
    const { recorder } = await run({ annotations: { 'podflow.test/simulate': 'ImagePullBackOff' } }, { imagePullGraceSeconds: 1 });
    expect(liveEvent(recorder, 'BackOff')).toMatchObject({ warning: true, message: 'Back-off pulling image "registry.invalid/podflow/nope:1"' });
    expect(recorder.of('attempt-failed')[0]).toMatchObject({ kind: 'image', reason: 'ImagePullBackOff: Back-off pulling image "registry.invalid/podflow/nope:1" (container "primary")' });
  });

  it('an image pull error (simulated ErrImagePull, Event "Failed"): live, then kind image', async () => {
    const { recorder } = await run({ annotations: { 'podflow.test/simulate': 'ErrImagePull' } }, { imagePullGraceSeconds: 1 });
    expect(liveEvent(recorder, 'Failed').message).toMatch(/^Failed to pull image "registry.invalid\/podflow\/nope:1": /);
    expect(recorder.of('attempt-failed')[0]).toMatchObject({ kind: 'image', reason: expect.stringMatching(/^ErrImagePull: rpc error: code = NotFound/) });
  });

  it('a pod that is merely slow to mount is not failed early: without a stuck grace override it waits (120 s default)', async () => {
    const recorder = new RunRecorder();
    const doc = workflowDoc('events', { tasks: [{ name: 't', type: 'python', code: CODE, pod: { annotations: { 'podflow.test/simulate': 'FailedMount' } }, timeoutSeconds: 4 }], nodes: [{ id: 't', task: 't' }] });
    const executor = new ScriptedExecutor(createKubernetesExecutor({ kubeConfig: kc, namespace }), () => ({ outcome: 'pending' }));
    try {
      await startRun({ doc, runId: `events-${process.pid}-${++n}`, inputs: {}, executor, emit: recorder.emit }).done;
    } finally {
      await executor.close();
    }
    liveEvent(recorder, 'FailedMount');
    expect(recorder.of('attempt-failed')[0]).toMatchObject({ kind: 'timeout' });
  });
});
