import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, Watch, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import type { AttemptRequest, AttemptResult, AttemptSink, Executor } from '../../executor';
import type { KubernetesExecutor } from '../kubernetes-executor';

/**
 * On the test cluster kwok plays the kubelet: a pod runs no code, it does what annotations on it say
 * (scripts/k8s/README.md). A `PodScript` says what the pod of one attempt should do — how its primary ends, what each
 * container logs (served through kwok's Logs CRD) and, for what kwok's stages cannot do (a sidecar that outlives the
 * primary, an init container that fails, an image that cannot be pulled), the status a real kubelet would report,
 * written to the pod's status once it reached a stage.
 */
export interface PodScript {
  outcome?: 'succeed' | 'fail' | 'hang' | 'pending';
  exitCode?: number;
  /** The primary's termination message (what the entrypoint writes: a result envelope). */
  message?: string;
  reason?: string;
  durationMs?: number;
  /** Log lines by container (all lines of a container; every container not named logs nothing). */
  logs?: Record<string, (string | { line: string; stream: 'stdout' | 'stderr' })[]>;
  /** A status (merge patch) to report once the pod is `running` (kwok made it Running) or `scheduled` (bound). */
  then?: { when: 'running' | 'scheduled'; status: (pod: V1Pod) => Record<string, unknown> };
}

export type Script = (request: AttemptRequest) => PodScript | undefined;

export const envelope = (value: unknown): string => JSON.stringify(value);

/** Wraps the real executor: adds the script's kwok annotations to the compiled pod and plays the rest. */
export class ScriptedExecutor implements Executor {
  readonly name: string;
  private readonly dir = mkdtempSync(join(tmpdir(), 'podflow-kwok-logs-'));
  private readonly core: CoreV1Api;
  private readonly custom: CustomObjectsApi;
  private kubelet: Promise<{ host: string; port: number }> | undefined;

  constructor(
    readonly inner: KubernetesExecutor,
    private readonly script: Script,
    private readonly kc: KubeConfig = inner.kubeConfig,
  ) {
    this.name = inner.name;
    this.core = kc.makeApiClient(CoreV1Api);
    this.custom = kc.makeApiClient(CustomObjectsApi);
  }

  async runAttempt(request: AttemptRequest, sink: AttemptSink, signal: AbortSignal): Promise<AttemptResult> {
    const script = this.script(request) ?? {};
    const pod = request.compiled.pod;
    const name = pod.metadata!.name!;
    const namespace = this.inner.namespaceOf(pod);
    const annotations: Record<string, string> = { ...pod.metadata?.annotations };
    if (script.outcome) annotations['podflow.test/outcome'] = script.outcome;
    if (script.exitCode !== undefined) annotations['podflow.test/exit-code'] = String(script.exitCode);
    if (script.message !== undefined) annotations['podflow.test/message'] = script.message;
    if (script.reason !== undefined) annotations['podflow.test/reason'] = script.reason;
    if (script.durationMs !== undefined) annotations['podflow.test/duration-ms'] = String(script.durationMs);
    const scripted: AttemptRequest = { ...request, compiled: { ...request.compiled, pod: { ...pod, metadata: { ...pod.metadata, annotations } } } };

    let logsObject = false;
    let follower: AbortController | undefined;
    try {
      if (script.logs) {
        await this.serveLogs(namespace, name, pod, script.logs);
        logsObject = true;
      }
      if (script.then) follower = await this.playStatus(namespace, name, script.then);
      return await this.inner.runAttempt(scripted, sink, signal);
    } finally {
      follower?.abort();
      if (logsObject) {
        await this.custom.deleteNamespacedCustomObject({ group: 'kwok.x-k8s.io', version: 'v1alpha1', namespace, plural: 'logs', name }).catch(() => {});
      }
    }
  }

  async close(): Promise<void> {
    try {
      await this.inner.close();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  /** Writes each container's log in CRI format, points a kwok Logs object at the files, and waits until kwok serves them. */
  private async serveLogs(namespace: string, pod: string, spec: AttemptRequest['compiled']['pod'], logs: NonNullable<PodScript['logs']>): Promise<void> {
    const stamp = new Date().toISOString().replace(/Z$/, '000000Z');
    const entries: { containers?: string[]; logsFile: string; follow: boolean }[] = [];
    const expected = new Map<string, string>();
    for (const [container, lines] of Object.entries(logs)) {
      const file = join(this.dir, `${namespace}-${pod}-${container}.log`);
      const texts = lines.map((l) => (typeof l === 'string' ? { line: l, stream: 'stdout' as const } : l));
      writeFileSync(file, texts.map((l) => `${stamp} ${l.stream} F ${l.line}\n`).join(''));
      entries.push({ containers: [container], logsFile: file, follow: false });
      expected.set(container, texts.map((l) => `${l.line}\n`).join(''));
    }
    const empty = join(this.dir, `${namespace}-${pod}-empty.log`);
    writeFileSync(empty, '');
    entries.push({ logsFile: empty, follow: false }); // every other container: no output
    const body = { apiVersion: 'kwok.x-k8s.io/v1alpha1', kind: 'Logs', metadata: { name: pod, namespace }, spec: { logs: entries } };
    const logsObject = { group: 'kwok.x-k8s.io', version: 'v1alpha1', namespace, plural: 'logs' };
    // kwok learns of the Logs object through its own watch; ask its log endpoint until it answers with the file. Under
    // load kwok has been seen to miss the object for good: after 20 s it is made again (a new event), three times.
    const names = [...(spec.spec?.initContainers ?? []), ...(spec.spec?.containers ?? [])].map((c) => c.name);
    const probe = names[0]!;
    const want = expected.get(probe) ?? '';
    let got: string | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (attempt > 0) await this.custom.deleteNamespacedCustomObject({ ...logsObject, name: pod }).catch(() => undefined);
      await this.custom.createNamespacedCustomObject({ ...logsObject, body });
      const deadline = Date.now() + 20_000;
      while (Date.now() <= deadline) {
        got = await this.kubeletLog(namespace, pod, probe).catch(() => undefined);
        if (got === want) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`kwok did not pick up the Logs object of ${namespace}/${pod} (got ${JSON.stringify(got)})`);
  }

  private async kubeletLog(namespace: string, pod: string, container: string): Promise<string> {
    this.kubelet ??= this.core.readNode({ name: 'kwok-node-0' }).then((node) => ({
      host: node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '127.0.0.1',
      port: node.status?.daemonEndpoints?.kubeletEndpoint?.Port ?? 10250,
    }));
    const { host, port } = await this.kubelet;
    return new Promise((resolve, reject) => {
      https
        .get({ host, port, path: `/containerLogs/${namespace}/${pod}/${container}`, rejectUnauthorized: false }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`HTTP ${res.statusCode}`))));
          res.on('error', reject);
        })
        .on('error', reject);
    });
  }

  /** Watches the pod (before it exists) and writes `then.status` to it once it reached `then.when`. */
  private async playStatus(namespace: string, pod: string, then: NonNullable<PodScript['then']>): Promise<AbortController> {
    let played = false;
    const reached = (p: V1Pod) => (then.when === 'running' ? p.status?.phase === 'Running' && !!p.status.containerStatuses?.length : !!p.spec?.nodeName);
    return new Watch(this.kc).watch(
      `/api/v1/namespaces/${namespace}/pods`,
      { fieldSelector: `metadata.name=${pod}` },
      (type: string, p: V1Pod) => {
        if (played || type === 'DELETED' || p.metadata?.deletionTimestamp || !reached(p)) return;
        played = true;
        void this.core
          .patchNamespacedPodStatus({ name: pod, namespace, body: { status: then.status(p) } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch))
          .catch((e: unknown) => console.error(`scripted status of ${namespace}/${pod} failed: ${(e as Error).message}`));
      },
      () => {},
    );
  }
}

/** A container status as a kubelet writes it. */
export function terminated(name: string, exitCode: number, extra: { reason?: string; message?: string } = {}): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    name,
    image: 'scripted',
    imageID: '',
    ready: false,
    started: false,
    restartCount: 0,
    state: { terminated: { exitCode, reason: extra.reason ?? (exitCode === 0 ? 'Completed' : 'Error'), ...(extra.message ? { message: extra.message } : {}), startedAt: now, finishedAt: now } },
  };
}

export function running(name: string): Record<string, unknown> {
  return { name, image: 'scripted', imageID: '', ready: true, started: true, restartCount: 0, state: { running: { startedAt: new Date().toISOString() } } };
}

export function waiting(name: string, reason: string, message?: string): Record<string, unknown> {
  return { name, image: 'scripted', imageID: '', ready: false, started: false, restartCount: 0, state: { waiting: { reason, ...(message ? { message } : {}) } } };
}
