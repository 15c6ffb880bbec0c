import { mkdirSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { podRequests } from '@podflow/core';
import { attemptFailure, type AttemptRequest, type AttemptResult, type AttemptSink, type Executor } from '../executor';
import { LocalObjectStore } from './local-store';
import { OWNER_ENV, ownerKey, ownerMark } from './process-lifetime';
import { trackPath, untrackPath } from './process-registry';
import { runLocalPod, type LocalPodHost, type StopCause } from './run-local-pod';
import { detectSandbox, type SandboxKind, type SandboxPreference } from './sandbox';
import { NodeCapacity } from './node-capacity';
import { CodeDirCache } from './code-dir-cache';
import { PodDirs } from './pod-dirs';
import { WarmWorkerPool } from './warm-worker-pool';
import { RequirementsEnvs } from './requirements-envs';

export interface LocalExecutorOptions {
  /** Podflow's data directory: pods' working files, PVCs, the ConfigMap/Secret store, warm worker files. */
  dataDir: string;
  /**
   * The cores pods are fitted into (default: os.availableParallelism()); also the warm pool's size. A pod takes its
   * CPU request, one core if it has none: so by default plain tasks run one per core, and the seed's map items (half a
   * core each) two per core, as a node of this machine would schedule them. Memory requests are fitted into the
   * machine's memory; at most 110 pods run at once (the kubelet's default).
   */
  maxConcurrentPods?: number;
  /** Run plain single-container tasks on warm, forking Python workers (default true). */
  warmWorker?: boolean;
  /** How to make mount namespaces for volume mounts (default `auto`: bubblewrap, else `unshare` as root). */
  sandbox?: SandboxPreference;
  /** Cap on a pod's terminationGracePeriodSeconds when its containers are stopped (default 2). */
  maxGracePeriodSeconds?: number;
  /** The environment every container starts from, under its own (default: PATH, HOME, locale… of this process). */
  baseEnv?: Record<string, string>;
  /** Where pip's PIP_* settings for tasks' requirements are read from (default: this process's environment). */
  pipEnv?: Record<string, string | undefined>;
}

/** The PIP_* variables of an environment. */
function pipEnv(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[0].startsWith('PIP_') && e[1] !== undefined));
}

/** What differs from a cluster, for the UI to state once (DESIGN.md §4). */
export const LOCAL_EXECUTOR_LIMITS: readonly string[] = [
  'Images are not pulled: every container runs its command on this machine, so a container without a command cannot run.',
  'Containers share the host network (status.podIP is 127.0.0.1).',
  'Resource limits are not enforced; requests decide how many pods run at once, as a node fits them (a pod without a CPU request takes one core).',
  'Volume mounts need a private mount namespace (bubblewrap, or unshare as root).',
  "hostPath volumes are this computer's own directories, outside any sandbox (Podflow's data directory is refused).",
];

/** Host variables a container process starts with (images are not pulled: commands run on this machine). */
const INHERITED_ENV = ['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'PYENV_ROOT', 'PYENV_VERSION', 'VIRTUAL_ENV'];
const TMPFS_MAGIC = 0x01021994;
const KUBELET_MAX_PODS = 110;

/**
 * Runs compiled pods as processes on this machine (DESIGN.md §4 "Local executor"). Known limits: images are not
 * pulled (commands run on the host), containers share the host network, resource limits are not enforced, pod
 * `restartPolicy` is treated as Never, and processes that leave their process group (daemons) are not tracked.
 */
export class LocalExecutor implements Executor {
  readonly name = 'local';
  readonly dataDir: string;
  private readonly capacity: NodeCapacity;
  private readonly host: LocalPodHost;
  private closed = false;
  /** Stops of the attempts in flight (close() stops them all). */
  private readonly stops = new Set<() => void>();
  private readonly inFlight = new Set<Promise<AttemptResult>>();
  private sandboxProbe: Promise<{ kind: SandboxKind } | { kind: undefined; why: string }> | undefined;
  private memoryRoot: string | null | undefined;

  constructor(options: LocalExecutorOptions) {
    this.dataDir = resolve(options.dataDir);
    mkdirSync(this.dataDir, { recursive: true });
    const limit = Math.max(1, options.maxConcurrentPods ?? availableParallelism());
    this.capacity = new NodeCapacity({ cpu: limit, memory: totalmem(), pods: KUBELET_MAX_PODS });
    const inherited = options.baseEnv ?? Object.fromEntries(INHERITED_ENV.flatMap((k) => (process.env[k] !== undefined ? [[k, process.env[k] as string]] : [])));
    // Every process of this executor carries its owner, so that a restart can find what outlived a crash.
    const baseEnv = { ...inherited, [OWNER_ENV]: ownerMark(this.dataDir) };
    const preference = options.sandbox ?? 'auto';
    this.host = {
      dataDir: this.dataDir,
      store: new LocalObjectStore(this.dataDir),
      sandbox: () => (this.sandboxProbe ??= detectSandbox(preference)),
      warm: options.warmWorker === false ? undefined : new WarmWorkerPool({ size: limit, python: 'python3', env: baseEnv, dir: join(this.dataDir, 'worker') }),
      baseEnv,
      memoryRoot: () => this.memoryDir(),
      maxGraceSeconds: options.maxGracePeriodSeconds ?? 2,
      codeDirs: new CodeDirCache(join(this.dataDir, 'code')),
      podDirs: new PodDirs(join(this.dataDir, 'pods'), join(this.dataDir, 'spare')),
      // pip reads this server's PIP_* variables (PIP_INDEX_URL, PIP_FIND_LINKS, PIP_NO_INDEX…): how a machine points
      // the local executor at a private index or a wheel directory.
      envs: new RequirementsEnvs({ dataDir: this.dataDir, python: 'python3', env: { ...baseEnv, ...pipEnv(options.pipEnv ?? process.env) } }),
    };
  }

  runAttempt(request: AttemptRequest, sink: AttemptSink, signal: AbortSignal): Promise<AttemptResult> {
    const attempt = this.attempt(request, sink, signal);
    this.inFlight.add(attempt);
    void attempt.finally(() => this.inFlight.delete(attempt));
    return attempt;
  }

  private async attempt(request: AttemptRequest, sink: AttemptSink, signal: AbortSignal): Promise<AttemptResult> {
    const stop = new AbortController();
    let cause: StopCause = { kind: 'cancelled', reason: 'cancelled' };
    const abort = (c: StopCause) => {
      if (stop.signal.aborted) return;
      cause = c;
      stop.abort();
    };
    const onAbort = () => abort({ kind: 'cancelled', reason: 'cancelled' });
    const onClose = () => abort({ kind: 'cancelled', reason: 'the local executor was closed' });
    signal.addEventListener('abort', onAbort, { once: true });
    this.stops.add(onClose);
    if (signal.aborted) onAbort();
    if (this.closed) onClose();
    let timer: NodeJS.Timeout | undefined;
    let release: (() => void) | undefined;
    try {
      release = await this.capacity.acquire(podRequests(request.compiled.pod), stop.signal);
      if (!release) return attemptFailure(cause.kind, cause.reason);
      // The timeout counts from "pod creation": once the pod fits on this machine.
      if (request.timeoutSeconds !== undefined && request.timeoutSeconds > 0) {
        const seconds = request.timeoutSeconds;
        timer = setTimeout(() => abort({ kind: 'timeout', reason: `timed out after ${seconds}s (timeoutSeconds)` }), seconds * 1000);
      }
      return await runLocalPod(this.host, request, sink, stop.signal, () => cause);
    } catch (e) {
      return attemptFailure('system', `the local executor failed: ${(e as Error).message}`);
    } finally {
      clearTimeout(timer);
      release?.();
      signal.removeEventListener('abort', onAbort);
      this.stops.delete(onClose);
    }
  }

  /**
   * A per-executor directory under /dev/shm (a tmpfs) for emptyDir `medium: Memory` and primaries' termination files;
   * undefined where there is none.
   */
  private memoryDir(): string | undefined {
    if (this.memoryRoot === undefined) {
      this.memoryRoot = null;
      try {
        if (statfsSync('/dev/shm').type === TMPFS_MAGIC) {
          // One per executor, removed by close() (or when the process exits): nothing stays on the host.
          this.memoryRoot = mkdtempSync(`/dev/shm/podflow-${ownerKey()}.`);
          trackPath(this.memoryRoot);
        }
      } catch {
        // no usable tmpfs: emptyDir Memory falls back to a plain directory of the pod
      }
    }
    return this.memoryRoot ?? undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.host.envs.close();
    for (const stop of this.stops) stop();
    await Promise.all(this.inFlight);
    await this.host.warm?.close();
    this.host.codeDirs?.close();
    this.host.podDirs.close();
    if (this.memoryRoot) {
      rmSync(this.memoryRoot, { recursive: true, force: true });
      untrackPath(this.memoryRoot);
    }
    this.memoryRoot = undefined;
  }
}
