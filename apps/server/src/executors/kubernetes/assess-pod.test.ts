import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { assessPod, deletedFailure, primaryResult, type AssessOptions } from './assess-pod';

const options = (since = new Map<string, number>(), now = 1_000_000): AssessOptions => ({
  primary: 'primary',
  now,
  unschedulableSeconds: 60,
  imagePullGraceSeconds: 30,
  configErrorGraceSeconds: 0,
  since,
});

const pod = (status: V1Pod['status'], spec: Partial<NonNullable<V1Pod['spec']>> = {}): V1Pod => ({
  metadata: { name: 'p', namespace: 'ns' },
  spec: { restartPolicy: 'Never', containers: [{ name: 'primary', resources: { limits: { memory: '1Gi' } } }, { name: 'sidecar' }], ...spec },
  status,
});
const terminated = (name: string, exitCode: number, extra: Record<string, string> = {}) => ({
  name,
  image: 'i',
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { terminated: { exitCode, ...extra } },
});
const running = (name: string) => ({ name, image: 'i', imageID: '', ready: true, restartCount: 0, state: { running: {} } });
const waiting = (name: string, reason: string, message?: string) => ({ name, image: 'img:1', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason, message } } });

describe('assessPod: the primary container decides', () => {
  it('the primary ended with 0 while the sidecar runs: the attempt ended', () => {
    const v = assessPod(pod({ phase: 'Running', containerStatuses: [terminated('primary', 0), running('sidecar')] }), options());
    expect(v).toEqual({ type: 'primary-ended', terminated: { exitCode: 0 } });
  });

  it('a sidecar that failed while the primary runs changes nothing', () => {
    expect(assessPod(pod({ phase: 'Running', containerStatuses: [running('primary'), terminated('sidecar', 3)] }), options())).toEqual({ type: 'waiting' });
  });

  it('the primary ended non-zero: the attempt ended (its result comes from the primary)', () => {
    const v = assessPod(pod({ phase: 'Failed', containerStatuses: [terminated('primary', 2), terminated('sidecar', 0)] }), options());
    expect(v).toMatchObject({ type: 'primary-ended', terminated: { exitCode: 2 } });
  });

  it('a primary restarted by the kubelet (restartPolicy OnFailure) ended with its last state', () => {
    const status = { name: 'primary', image: 'i', imageID: '', ready: false, restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 5 } } };
    expect(assessPod(pod({ phase: 'Running', containerStatuses: [status] }, { restartPolicy: 'OnFailure' }), options())).toMatchObject({ type: 'primary-ended', terminated: { exitCode: 5 } });
  });
});

describe('assessPod: pods that cannot run', () => {
  it('an evicted pod is evicted, even though its primary was killed', () => {
    const v = assessPod(pod({ phase: 'Failed', reason: 'Evicted', message: 'low on memory', containerStatuses: [terminated('primary', 137)] }), options());
    expect(v).toEqual({ type: 'failed', failure: { ok: false, kind: 'evicted', reason: 'Evicted: low on memory' } });
  });

  it('a pod being preempted (DisruptionTarget) is evicted', () => {
    const v = assessPod(pod({ phase: 'Running', conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: 'preempted' }] }), options());
    expect(v).toEqual({ type: 'failed', failure: { ok: false, kind: 'evicted', reason: 'PreemptionByScheduler: preempted' } });
  });

  it('a failed init container fails the attempt with its exit code', () => {
    const v = assessPod(
      pod({ phase: 'Failed', initContainerStatuses: [terminated('init', 4)], containerStatuses: [waiting('primary', 'PodInitializing')] }, { initContainers: [{ name: 'init' }] }),
      options(),
    );
    expect(v).toEqual({ type: 'failed', failure: { ok: false, kind: 'error', reason: 'init container "init" exited with code 4', exitCode: 4 } });
  });

  it('a native sidecar (init container with restartPolicy Always) is not an init step', () => {
    const v = assessPod(
      pod({ phase: 'Running', initContainerStatuses: [terminated('logger', 1)], containerStatuses: [running('primary')] }, { initContainers: [{ name: 'logger', restartPolicy: 'Always' }] }),
      options(),
    );
    expect(v).toEqual({ type: 'waiting' });
  });

  it('ImagePullBackOff waits out its grace period, then fails with the kubelet message', () => {
    const since = new Map<string, number>();
    const p = pod({ phase: 'Pending', containerStatuses: [waiting('primary', 'ImagePullBackOff', 'Back-off pulling image "x"')] });
    expect(assessPod(p, options(since, 1_000_000))).toEqual({ type: 'waiting', recheckAt: 1_030_000 });
    expect(assessPod({ ...p, status: { ...p.status, containerStatuses: [waiting('primary', 'ErrImagePull', 'not found')] } }, options(since, 1_010_000))).toEqual({
      type: 'waiting',
      recheckAt: 1_030_000,
    });
    expect(assessPod(p, options(since, 1_030_000))).toEqual({
      type: 'failed',
      failure: { ok: false, kind: 'image', reason: 'ImagePullBackOff: Back-off pulling image "x" (container "primary")' },
    });
  });

  it('a grace period starts again when the condition cleared meanwhile', () => {
    const since = new Map<string, number>();
    const backoff = pod({ phase: 'Pending', containerStatuses: [waiting('primary', 'ImagePullBackOff')] });
    assessPod(backoff, options(since, 1_000_000));
    assessPod(pod({ phase: 'Pending', containerStatuses: [waiting('primary', 'ContainerCreating')] }), options(since, 1_020_000));
    expect(assessPod(backoff, options(since, 1_040_000))).toEqual({ type: 'waiting', recheckAt: 1_070_000 });
  });

  it('InvalidImageName fails at once', () => {
    expect(assessPod(pod({ phase: 'Pending', containerStatuses: [waiting('sidecar', 'InvalidImageName', 'bad name')] }), options())).toMatchObject({
      type: 'failed',
      failure: { kind: 'image', reason: 'InvalidImageName: bad name (container "sidecar")' },
    });
  });

  it('CreateContainerConfigError fails after its (here zero) grace period', () => {
    expect(assessPod(pod({ phase: 'Pending', containerStatuses: [waiting('primary', 'CreateContainerConfigError', 'secret "s" not found')] }), options())).toMatchObject({
      type: 'failed',
      failure: { kind: 'config', reason: 'CreateContainerConfigError: secret "s" not found (container "primary")' },
    });
  });

  it("Unschedulable fails after the wait, with the scheduler's message", () => {
    const since = new Map<string, number>();
    const p = pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 node(s) didn\'t match Pod\'s node affinity/selector.' }] });
    expect(assessPod(p, options(since, 0))).toEqual({ type: 'waiting', recheckAt: 60_000 });
    expect(assessPod(p, options(since, 60_000))).toEqual({
      type: 'failed',
      failure: { ok: false, kind: 'unschedulable', reason: "Unschedulable: 0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector." },
    });
  });
});

describe('primaryResult', () => {
  const p = pod({});
  it('reads the envelope of the termination message', () => {
    expect(primaryResult(p, 'primary', { exitCode: 0, message: '{"ok":true,"outputs":{"o0":1}}' }, undefined)).toEqual({ ok: true, outputs: { o0: 1 } });
    expect(primaryResult(p, 'primary', { exitCode: 1, message: '{"ok":false,"error":"ValueError: boom"}' }, undefined)).toEqual({
      ok: false,
      kind: 'error',
      reason: 'ValueError: boom',
      exitCode: 1,
    });
  });

  it('takes the outputs from the marker line when the message says so', () => {
    expect(primaryResult(p, 'primary', { exitCode: 0, message: '{"ok":true,"outputsInLog":true}' }, '{"ok":true,"outputs":{"o0":"big"}}')).toEqual({ ok: true, outputs: { o0: 'big' } });
  });

  it('OOMKilled is oom, with the memory limit', () => {
    expect(primaryResult(p, 'primary', { exitCode: 137, reason: 'OOMKilled' }, undefined)).toEqual({
      ok: false,
      kind: 'oom',
      reason: 'OOMKilled: container "primary" ran out of memory (memory limit 1Gi)',
      exitCode: 137,
    });
  });

  it('a plain non-zero exit carries the last line of the message (the log tail)', () => {
    expect(primaryResult(p, 'primary', { exitCode: 3, reason: 'Error', message: 'a\nb: it broke\n' }, undefined)).toEqual({
      ok: false,
      kind: 'error',
      reason: 'container "primary" exited with code 3: b: it broke',
      exitCode: 3,
    });
  });
});

describe('deletedFailure', () => {
  it('names the pod', () => {
    expect(deletedFailure(pod({}), 'x')).toEqual({ ok: false, kind: 'deleted', reason: 'the pod ns/p was deleted by someone else before its primary container ended' });
  });
  it('an eviction through the API is evicted', () => {
    expect(deletedFailure(pod({ conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' }] }), 'x')).toEqual({
      ok: false,
      kind: 'evicted',
      reason: 'EvictionByEvictionAPI: Eviction API: evicting',
    });
  });
});

describe('assessPod: a pod stuck in ContainerCreating with a Warning Event', () => {
  const creating = pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }], containerStatuses: [waiting('primary', 'ContainerCreating'), waiting('sidecar', 'ContainerCreating')] });
  const stuck = (since: Map<string, number>, now: number, reason = 'FailedMount') =>
    assessPod(creating, { ...options(since, now), stuckGraceSeconds: 30, warning: { reason, message: 'MountVolume.SetUp failed for volume "cfg" : configmap "cfg" not found' } });

  it('waits out the grace period, then fails with the Event\'s reason (FailedMount is the pod\'s configuration)', () => {
    const since = new Map<string, number>();
    expect(stuck(since, 1_000_000)).toEqual({ type: 'waiting', recheckAt: 1_030_000 });
    expect(stuck(since, 1_030_000)).toEqual({
      type: 'failed',
      failure: { ok: false, kind: 'config', reason: 'FailedMount: MountVolume.SetUp failed for volume "cfg" : configmap "cfg" not found (container "primary" ContainerCreating for 30s)' },
    });
  });

  it('FailedCreatePodSandBox is the system\'s', () => {
    const since = new Map<string, number>([['stuck:FailedCreatePodSandBox', 0]]);
    expect(stuck(since, 1_000_000, 'FailedCreatePodSandBox')).toMatchObject({ type: 'failed', failure: { kind: 'system' } });
  });

  it('an unknown Warning, or no grace setting, keeps waiting; a pod that started is no longer stuck', () => {
    expect(stuck(new Map([['stuck:Whatever', 0]]), 1_000_000, 'Whatever')).toEqual({ type: 'waiting' });
    expect(assessPod(creating, { ...options(), warning: { reason: 'FailedMount', message: 'x' } })).toEqual({ type: 'waiting' });
    const started = pod({ phase: 'Running', conditions: [{ type: 'PodScheduled', status: 'True' }], containerStatuses: [running('primary'), running('sidecar')] });
    expect(assessPod(started, { ...options(new Map([['stuck:FailedMount', 0]])), stuckGraceSeconds: 30, warning: { reason: 'FailedMount', message: 'x' } })).toEqual({ type: 'waiting' });
  });
});
