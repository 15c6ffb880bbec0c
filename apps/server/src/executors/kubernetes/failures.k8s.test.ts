import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { ANNOTATION, LABEL } from '@podflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractRequest, RecordingSink, type ContractTask } from '../contract/contract-pods';
import type { AttemptRequest, AttemptResult } from '../executor';
import { createKubernetesExecutor, type KubernetesExecutor } from './index';
import { freshNamespace, leftovers, testKubeConfig, waitForPod } from './testing/k8s-test-env';
import { envelope, running, ScriptedExecutor, terminated, waiting, type PodScript } from './testing/scripted-executor';

/**
 * How attempts end on a real API server when things go wrong (DESIGN.md §4: a failure with a reason a person can act
 * on), and that the executor deletes what it created in every case.
 */
let kc: KubeConfig;
let core: CoreV1Api;
let namespace: string;
let inner: KubernetesExecutor;
let executor: ScriptedExecutor;
const scripts = new Map<string, PodScript>();

const TASK: ContractTask = { name: 'work', code: 'def work() -> str:\n    return "done"\n' };
const withPod = (pod: ContractTask['pod']): ContractTask => ({ ...TASK, pod });

/** One attempt of `task`, its pod doing what `script` says. */
function attempt(script: PodScript, task: ContractTask = TASK, extra: Partial<AttemptRequest> = {}, sink = new RecordingSink(), signal = new AbortController().signal) {
  const request = contractRequest(task, {}, extra);
  scripts.set(request.compiled.pod.metadata!.name!, script);
  return { request, sink, result: executor.runAttempt(request, sink, signal) };
}

const podGone = async (name: string) => {
  await expect(core.readNamespacedPod({ namespace, name })).rejects.toMatchObject({ code: 404 });
};

beforeAll(async () => {
  kc = testKubeConfig();
  core = kc.makeApiClient(CoreV1Api);
  namespace = await freshNamespace(kc, 'pf-fail');
  inner = createKubernetesExecutor({
    kubeConfig: kc,
    namespace,
    unschedulableTimeoutSeconds: 2,
    imagePullGraceSeconds: 1,
    configErrorGraceSeconds: 0,
  });
  executor = new ScriptedExecutor(inner, (request) => scripts.get(request.compiled.pod.metadata!.name!));
});

afterAll(async () => {
  await executor?.close();
});

describe('failure reasons from the pod status', () => {
  it('OOMKilled: kind oom, naming the memory limit', async () => {
    const task = withPod({ spec: { containers: [{ name: 'primary', resources: { limits: { memory: '100Mi' } } }] } });
    const { request, result } = attempt({ outcome: 'fail', exitCode: 137, reason: 'OOMKilled' }, task);
    expect(await result).toEqual({ ok: false, kind: 'oom', reason: 'OOMKilled: container "primary" ran out of memory (memory limit 100Mi)', exitCode: 137 });
    await podGone(request.compiled.pod.metadata!.name!);
  });

  it('ImagePullBackOff for longer than the grace period: kind image, with the kubelet message', async () => {
    const message = 'Back-off pulling image "registry.example/nope:1": ErrImagePull: not found';
    const { request, result } = attempt({
      outcome: 'pending',
      then: { when: 'scheduled', status: () => ({ containerStatuses: [waiting('primary', 'ImagePullBackOff', message)] }) },
    });
    expect(await result).toEqual({ ok: false, kind: 'image', reason: `ImagePullBackOff: ${message} (container "primary")` });
    await podGone(request.compiled.pod.metadata!.name!);
  });

  it('CreateContainerConfigError: kind config', async () => {
    const message = 'secret "db-password" not found';
    const { result } = attempt({
      outcome: 'pending',
      then: { when: 'scheduled', status: () => ({ containerStatuses: [waiting('primary', 'CreateContainerConfigError', message)] }) },
    });
    expect(await result).toEqual({ ok: false, kind: 'config', reason: `CreateContainerConfigError: ${message} (container "primary")` });
  });

  it("Unschedulable after the configured wait, with the scheduler's message", async () => {
    const task = withPod({ spec: { containers: [{ name: 'primary' }], nodeSelector: { 'podflow.test/disk': 'ssd' } } });
    const { request, result } = attempt({}, task);
    const end = await result;
    expect(end).toMatchObject({ ok: false, kind: 'unschedulable' });
    expect((end as { reason: string }).reason).toMatch(/^Unschedulable: 0\/1 nodes are available: 1 node\(s\) didn't match Pod's node affinity\/selector/);
    await podGone(request.compiled.pod.metadata!.name!);
  });

  it('an evicted pod: kind evicted, with the reason', async () => {
    const { result } = attempt({
      outcome: 'hang',
      then: {
        when: 'running',
        status: () => ({
          phase: 'Failed',
          reason: 'Evicted',
          message: 'The node was low on resource: memory.',
          containerStatuses: [terminated('primary', 137, { reason: 'ContainerStatusUnknown' })],
        }),
      },
    });
    // The kubelet killed the containers of the evicted pod: their exit is not the task's end.
    expect(await result).toEqual({ ok: false, kind: 'evicted', reason: 'Evicted: The node was low on resource: memory.' });
  });

  it('a non-zero exit without an envelope carries the termination message (the log tail)', async () => {
    const { result } = attempt({ outcome: 'fail', exitCode: 2, message: 'usage: something\nerror: bad flag --x' });
    expect(await result).toEqual({ ok: false, kind: 'error', reason: 'container "primary" exited with code 2: error: bad flag --x', exitCode: 2 });
  });

  it('a timeout counts from pod creation, Pending time included', async () => {
    const { request, result } = attempt({ outcome: 'pending' }, TASK, { timeoutSeconds: 2 });
    expect(await result).toEqual({ ok: false, kind: 'timeout', reason: 'timed out after 2s (timeoutSeconds)' });
    await podGone(request.compiled.pod.metadata!.name!);
  });

  it('cancelling a pending pod deletes it', async () => {
    const controller = new AbortController();
    const { request, result } = attempt({ outcome: 'pending' }, TASK, {}, new RecordingSink(), controller.signal);
    await waitForPod(kc, namespace, request.compiled.pod.metadata!.name!, (p) => !!p.spec?.nodeName);
    controller.abort();
    expect(await result).toEqual({ ok: false, kind: 'cancelled', reason: 'cancelled' });
    await podGone(request.compiled.pod.metadata!.name!);
  });

  it('a namespace that does not exist: kind config, naming it', async () => {
    const other = createKubernetesExecutor({ kubeConfig: kc, namespace: 'pf-no-such-namespace' });
    try {
      const result: AttemptResult = await other.runAttempt(contractRequest(TASK), new RecordingSink(), new AbortController().signal);
      expect(result).toMatchObject({ ok: false, kind: 'config' });
      expect((result as { reason: string }).reason).toMatch(/namespaces "pf-no-such-namespace" not found/);
    } finally {
      await other.close();
    }
  });

  it('an identity that may not list pods: kind config, saying what is forbidden', async () => {
    // The same client certificate, impersonating a user that RBAC grants nothing.
    const restricted = new KubeConfig();
    restricted.loadFromString(kc.exportConfig());
    const user = restricted.getCurrentUser()!;
    restricted.users = restricted.users.map((u) => (u.name === user.name ? { ...u, impersonateUser: 'podflow-test-nobody' } : u));
    const other = createKubernetesExecutor({ kubeConfig: restricted, namespace });
    try {
      const result = await other.runAttempt(contractRequest(TASK), new RecordingSink(), new AbortController().signal);
      expect(result).toMatchObject({ ok: false, kind: 'config' });
      expect((result as { reason: string }).reason).toMatch(/^watching the pods of namespace .* was refused: pods is forbidden: User "podflow-test-nobody" cannot list/);
    } finally {
      await other.close();
    }
  });
});

describe('what the executor creates', () => {
  it('creates the pod exactly as compiled (only the namespace is the executor’s)', async () => {
    const controller = new AbortController();
    const task = withPod({
      labels: { team: 'data' },
      spec: {
        containers: [{ name: 'primary', env: [{ name: 'A', value: '1' }] }, { name: 'sidecar', image: 'busybox:1.36', command: ['sleep', '1000'] }],
        initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['true'] }],
        tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }],
      },
    });
    const { request, result } = attempt({ outcome: 'hang' }, task, {}, new RecordingSink(), controller.signal);
    const name = request.compiled.pod.metadata!.name!;
    const live = await waitForPod(kc, namespace, name, (p) => p.status?.phase === 'Running');
    controller.abort();
    await result;
    const compiled = request.compiled.pod;
    const pick = (cs: { name: string; image?: string; command?: string[]; args?: string[]; env?: unknown[]; volumeMounts?: unknown[] }[] | undefined) =>
      JSON.parse(JSON.stringify((cs ?? []).map((c) => ({ name: c.name, image: c.image, command: c.command, args: c.args, env: c.env, volumeMounts: c.volumeMounts }))));
    expect(pick(live.spec?.containers)).toEqual(pick(compiled.spec?.containers));
    expect(pick(live.spec?.initContainers)).toEqual(pick(compiled.spec?.initContainers));
    // The API server adds its defaults (defaultMode…); everything compiled is there as compiled.
    expect(JSON.parse(JSON.stringify(live.spec?.volumes))).toMatchObject(JSON.parse(JSON.stringify(compiled.spec?.volumes)));
    // (admission adds the not-ready/unreachable tolerations)
    expect(live.spec?.tolerations).toEqual(expect.arrayContaining(compiled.spec!.tolerations!));
    expect(live.spec?.restartPolicy).toBe('Never');
    expect(live.metadata?.labels).toEqual(compiled.metadata?.labels);
    expect(live.metadata?.annotations).toMatchObject(compiled.metadata!.annotations!);
    expect(live.metadata?.annotations?.[ANNOTATION.primaryContainer]).toBe('primary');
  });

  it('the per-attempt inputs ConfigMap is owned by the pod while it runs and deleted with it; the shared code ConfigMaps stay', async () => {
    const big: ContractTask = { name: 'big_inputs', code: 'def big_inputs(s: str) -> int:\n    return len(s)\n' };
    const request = contractRequest(big, { s: 'z'.repeat(80 * 1024) });
    const cmName = request.compiled.configMaps.find((cm) => cm.metadata?.labels?.[LABEL.run])!.metadata!.name!;
    scripts.set(request.compiled.pod.metadata!.name!, {
      outcome: 'hang',
      then: { when: 'running', status: () => ({ containerStatuses: [terminated('primary', 0, { message: envelope({ ok: true, outputs: { o0: 80 * 1024 } }) })] }) },
    });
    const pending = executor.runAttempt(request, new RecordingSink(), new AbortController().signal);
    const pod = await waitForPod(kc, namespace, request.compiled.pod.metadata!.name!, (p) => p.status?.phase === 'Running');
    const cm = await core.readNamespacedConfigMap({ namespace, name: cmName });
    expect(cm.metadata?.ownerReferences?.map((o) => [o.kind, o.name, o.uid])).toEqual([['Pod', pod.metadata!.name, pod.metadata!.uid]]);
    expect(await pending).toEqual({ ok: true, outputs: { o0: 80 * 1024 } });
    await expect(core.readNamespacedConfigMap({ namespace, name: cmName })).rejects.toMatchObject({ code: 404 });
    for (const shared of request.compiled.configMaps.filter((c) => !c.metadata?.labels?.[LABEL.run])) {
      const kept = await core.readNamespacedConfigMap({ namespace, name: shared.metadata!.name! });
      expect(kept.immutable).toBe(true);
    }
  });

  it('streams a running container’s log as it is written, and the rest after it ended', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podflow-follow-'));
    const file = join(dir, 'primary.log');
    const line = (text: string) => `${new Date().toISOString().replace(/Z$/, '000000Z')} stdout F ${text}\n`;
    writeFileSync(file, line('first'));
    const sink = new RecordingSink();
    const request = contractRequest(TASK);
    const name = request.compiled.pod.metadata!.name!;
    const custom = kc.makeApiClient(CustomObjectsApi);
    await custom.createNamespacedCustomObject({
      group: 'kwok.x-k8s.io',
      version: 'v1alpha1',
      namespace,
      plural: 'logs',
      body: { apiVersion: 'kwok.x-k8s.io/v1alpha1', kind: 'Logs', metadata: { name, namespace }, spec: { logs: [{ logsFile: file, follow: true }] } },
    });
    try {
      scripts.set(name, { outcome: 'hang' });
      const pending = executor.runAttempt(request, sink, new AbortController().signal);
      await sink.waitForLine((l) => l.line === 'first');
      appendFileSync(file, line('second'));
      await sink.waitForLine((l) => l.line === 'second'); // while the pod still runs
      expect((await core.readNamespacedPod({ namespace, name })).status?.phase).toBe('Running');
      appendFileSync(file, line('third'));
      await core.patchNamespacedPodStatus(
        { name, namespace, body: { status: { containerStatuses: [terminated('primary', 0, { message: envelope({ ok: true, outputs: { o0: 'done' } }) })] } } },
        (await import('@kubernetes/client-node')).setHeaderOptions('Content-Type', 'application/merge-patch+json'),
      );
      expect(await pending).toEqual({ ok: true, outputs: { o0: 'done' } });
      expect(sink.lines('primary')).toEqual(['first', 'second', 'third']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** A switch for the sink's `watched` (whether someone follows the run live). */
  const liveSwitch = (watching: boolean) => {
    const listeners = new Set<() => void>();
    return {
      set(on: boolean) {
        watching = on;
        for (const l of [...listeners]) l();
      },
      watched: { now: () => watching, onChange: (l: () => void) => (listeners.add(l), () => void listeners.delete(l)) },
    };
  };

  /** A hanging pod whose primary logs what `file` holds (kwok follows the file); resolves once the executor saw it Running. */
  async function hangingWithLog(sink: RecordingSink, file: string) {
    const request = contractRequest(TASK);
    const name = request.compiled.pod.metadata!.name!;
    await kc.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group: 'kwok.x-k8s.io',
      version: 'v1alpha1',
      namespace,
      plural: 'logs',
      body: { apiVersion: 'kwok.x-k8s.io/v1alpha1', kind: 'Logs', metadata: { name, namespace }, spec: { logs: [{ logsFile: file, follow: true }] } },
    });
    scripts.set(name, { outcome: 'hang' });
    const pending = executor.runAttempt(request, sink, new AbortController().signal);
    await waitForPod(kc, namespace, name, (p) => p.status?.phase === 'Running');
    while (inner.watchOf(namespace).get(name)?.status?.containerStatuses?.[0]?.state?.running === undefined) await new Promise((r) => setTimeout(r, 20));
    const end = async () =>
      core.patchNamespacedPodStatus(
        { name, namespace, body: { status: { containerStatuses: [terminated('primary', 0, { message: envelope({ ok: true, outputs: { o0: 'done' } }) })] } } },
        (await import('@kubernetes/client-node')).setHeaderOptions('Content-Type', 'application/merge-patch+json'),
      );
    return { name, pending, end };
  }

  it('with nobody watching the run, a container’s log is read once, after it ended: every line, one log request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podflow-unwatched-'));
    const file = join(dir, 'primary.log');
    const line = (text: string) => `${new Date().toISOString().replace(/Z$/, '000000Z')} stdout F ${text}\n`;
    writeFileSync(file, line('first') + line('second'));
    const sink = new RecordingSink();
    sink.watched = liveSwitch(false).watched;
    try {
      const readsBefore = inner.api.logReads;
      const { pending, end } = await hangingWithLog(sink, file);
      appendFileSync(file, line('third'));
      await new Promise((r) => setTimeout(r, 300)); // a followed log would have delivered by now
      expect(sink.lines('primary')).toEqual([]);
      await end();
      expect(await pending).toEqual({ ok: true, outputs: { o0: 'done' } });
      expect(sink.lines('primary')).toEqual(['first', 'second', 'third']);
      expect(inner.api.logReads - readsBefore).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a watcher arriving while the container runs starts the stream at once, from the first line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podflow-joined-'));
    const file = join(dir, 'primary.log');
    const line = (text: string) => `${new Date().toISOString().replace(/Z$/, '000000Z')} stdout F ${text}\n`;
    writeFileSync(file, line('first'));
    const sink = new RecordingSink();
    const live = liveSwitch(false);
    sink.watched = live.watched;
    try {
      const { name, pending, end } = await hangingWithLog(sink, file);
      live.set(true);
      await sink.waitForLine((l) => l.line === 'first');
      appendFileSync(file, line('second'));
      await sink.waitForLine((l) => l.line === 'second'); // while the pod still runs
      expect((await core.readNamespacedPod({ namespace, name })).status?.phase).toBe('Running');
      await end();
      expect(await pending).toEqual({ ok: true, outputs: { o0: 'done' } });
      expect(sink.lines('primary')).toEqual(['first', 'second']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a sidecar still running when the primary ends is stopped with the pod and reported ended', async () => {
    const task = withPod({ spec: { containers: [{ name: 'primary' }, { name: 'sidecar', image: 'busybox:1.36', command: ['sleep', '1000'] }] } });
    const sink = new RecordingSink();
    const { request, result } = attempt(
      {
        outcome: 'hang',
        then: { when: 'running', status: () => ({ containerStatuses: [terminated('primary', 0, { message: envelope({ ok: true, outputs: { o0: 'x' } }) }), running('sidecar')] }) },
      },
      task,
      {},
      sink,
    );
    expect(await result).toEqual({ ok: true, outputs: { o0: 'x' } });
    expect(sink.ended).toEqual([
      { container: 'primary', exitCode: 0, reason: 'Completed' },
      { container: 'sidecar', exitCode: null, reason: 'Killed: the pod was deleted' },
    ]);
    await podGone(request.compiled.pod.metadata!.name!);
  });

  it('leaves no pod and no per-attempt ConfigMap behind', async () => {
    expect(await leftovers(kc, namespace)).toEqual({ pods: [], configMaps: [] });
  });
});
