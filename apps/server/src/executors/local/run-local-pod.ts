import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { ANNOTATION, CODE_VOLUME, DEFAULT_NAMESPACE, DEPS_VOLUME, ENTRYPOINT_SOURCE, ENV, LABEL, POD_EVENT, REQUIREMENTS_CONTAINER } from '@podflow/core';
import { attemptFailure, type AttemptRequest, type AttemptResult, type AttemptSink } from '../executor';
import { attemptResultFromPrimary, describeExit, markerPayloadOf } from '../result-envelope';
import { launchHostProcess } from './host-process';
import type { LocalObjectStore } from './local-store';
import { isWarmEligible, planContainers, type ContainerPlan } from './plan-containers';
import { PodConfigError } from './pod-config-error';
import { PodObjects } from './pod-objects';
import type { ContainerExit, RunningContainer } from './running-container';
import { namespaceOps, type SandboxKind } from './sandbox';
import { materialiseVolumes } from './volumes';
import type { PodDirs } from './pod-dirs';
import { fileEquals, type CodeDirCache } from './code-dir-cache';
import { RequirementsError, type RequirementsEnvs } from './requirements-envs';
import type { WarmTaskRequest, WarmWorkerPool } from './warm-worker-pool';
import { LOCAL_ENTRYPOINT_SOURCE } from './generated/local-entrypoint-source';

/** The local bundle: Podflow's entrypoint plus the warm worker (scripts/runtime/bundle-entrypoint.mjs). */
const workerEntrypoint = Buffer.from(LOCAL_ENTRYPOINT_SOURCE);

/** What one local executor shares between its pods. */
export interface LocalPodHost {
  dataDir: string;
  store: LocalObjectStore;
  /** The mount-namespace tool of this machine (probed once), or why there is none. */
  sandbox(): Promise<{ kind: SandboxKind } | { kind: undefined; why: string }>;
  /** Absent when warm workers are disabled. */
  warm: WarmWorkerPool | undefined;
  /** The environment every container process starts from (PATH, HOME, locale…), under the container's own. */
  baseEnv: Record<string, string>;
  /** A directory on a tmpfs (emptyDir `medium: Memory`, termination files), created on demand; undefined where there is none. */
  memoryRoot(): string | undefined;
  /** Cap on terminationGracePeriodSeconds when stopping containers. */
  maxGraceSeconds: number;
  /** Content-addressed code directories shared by the pods of this executor (code-dir-cache.ts). */
  codeDirs?: CodeDirCache;
  /** The cached environments of tasks' requirements. */
  envs: RequirementsEnvs;
  /** The pods' own directories, made and removed (or kept for the next pod of the same shape). */
  podDirs: PodDirs;
}

/** Why the pod is being stopped from outside, once it is. */
export type StopCause = { kind: 'cancelled' | 'timeout'; reason: string };

/**
 * Runs one attempt of a compiled pod on this machine, a small kubelet (DESIGN.md §4): volumes, init containers in
 * order (native sidecars keep running), then every container at once; the attempt ends with the primary; the rest
 * are stopped (SIGTERM, grace, SIGKILL to their process groups) and the pod's directories are deleted.
 */
export async function runLocalPod(
  host: LocalPodHost,
  request: AttemptRequest,
  sink: AttemptSink,
  stop: AbortSignal,
  stopCause: () => StopCause,
): Promise<AttemptResult> {
  const { pod, configMaps } = request.compiled;
  const podName = pod.metadata?.name ?? request.executionId;
  const primary = pod.metadata?.annotations?.[ANNOTATION.primaryContainer] ?? 'primary';
  if (!(pod.spec?.containers ?? []).some((c) => c.name === primary)) {
    return attemptFailure('config', `the pod has no container "${primary}" (the primary, named by the ${ANNOTATION.primaryContainer} annotation)`);
  }

  // The task's requirements: a cached environment per distinct set, built once (DESIGN.md §4). On a cluster the pod's
  // own init container installs them; here that container is not run, and PODFLOW_DEPS_DIR points at the cache.
  let depsDir: string | undefined;
  if (request.compiled.requirements?.length) {
    const say = (line: string) => sink.log(REQUIREMENTS_CONTAINER, 'stdout', line, Date.now());
    sink.podEvent?.(POD_EVENT.installingRequirements, request.compiled.requirements.join(', '), false);
    // Reported as the pod's install step (an init container that ended), so its log has a place in the UI.
    try {
      const env = await host.envs.ensure(request.compiled.requirements, say, stop);
      depsDir = env.site;
      sink.containerEnded?.(REQUIREMENTS_CONTAINER, 0, env.cached ? 'Completed (cached environment)' : 'Completed');
    } catch (e) {
      if (stop.aborted) return stoppedResult(stopCause());
      if (!(e instanceof RequirementsError)) throw e;
      sink.log(REQUIREMENTS_CONTAINER, 'stderr', e.message, Date.now());
      sink.containerEnded?.(REQUIREMENTS_CONTAINER, 1, 'Error');
      return attemptFailure('error', `task "${request.compiled.task}": could not install its requirements: ${e.message}`);
    }
    sink.podEvent?.(POD_EVENT.requirementsReady, request.compiled.requirements.join(', '), false);
  }

  // The containers that get a work directory of their own (those without a workingDir), made with the pod's directory.
  const workNames = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].filter((c) => !c.workingDir && c.name !== REQUIREMENTS_CONTAINER).map((c) => c.name);
  const ownDir = host.podDirs.take(podName, workNames);
  const podDir = ownDir.path;
  let memoryDir: string | undefined;
  let terminationFile: string | undefined;
  const running = new Set<Promise<ContainerExit>>();
  const live = new Map<string, RunningContainer>();
  try {
    const objects = new PodObjects(configMaps, host.store, pod.metadata?.namespace ?? DEFAULT_NAMESPACE);
    const needsMemory = (pod.spec?.volumes ?? []).some((v) => v.emptyDir?.medium === 'Memory');
    const memoryRoot = needsMemory ? host.memoryRoot() : undefined;
    if (memoryRoot) memoryDir = mkdtempSync(join(memoryRoot, `${podName.slice(0, 80)}-`));

    let plans: ContainerPlan[];
    let codeDir: string | undefined;
    // The primary's termination file: on the executor's tmpfs where the primary sees it (no mount namespace of its
    // own: bubblewrap's /dev is private), since creating and truncating files costs far more on a journalled disk.
    const primarySpec = pod.spec?.containers?.find((c) => c.name === primary);
    const ownMounts = (primarySpec?.volumeMounts ?? []).some((m) => m.name !== CODE_VOLUME && m.name !== DEPS_VOLUME);
    const terminationRoot = ownMounts ? undefined : host.memoryRoot();
    terminationFile = terminationRoot ? join(terminationRoot, `${basename(podDir)}.termination-log`) : join(podDir, 'termination-log');
    try {
      const shared = host.codeDirs && sharesCode(pod, configMaps) ? { cache: host.codeDirs, volumes: new Set([CODE_VOLUME]) } : undefined;
      const volumes = materialiseVolumes(pod, objects, { podDir, memoryDir, pvcRoot: join(host.dataDir, 'pvc'), dataDir: host.dataDir, ...(shared ? { shared } : {}) });
      codeDir = volumes.get(CODE_VOLUME)?.hostPath;
      writeFileSync(terminationFile, '');
      plans = planContainers({
        pod,
        primary,
        objects,
        volumes,
        podDir,
        primaryOverrides: { ...(codeDir ? { [ENV.codeDir]: codeDir } : {}), ...(depsDir ? { [ENV.depsDir]: depsDir } : {}), [ENV.outputsFile]: terminationFile },
      });
    } catch (e) {
      if (e instanceof PodConfigError) return attemptFailure('config', e.message);
      throw e;
    }
    const needsSandbox = plans.some((p) => p.mounts.length > 0);
    const sandbox = needsSandbox ? await host.sandbox() : undefined;
    if (sandbox && sandbox.kind === undefined) {
      const first = plans.find((p) => p.mounts.length > 0);
      const mount = first?.mounts[0];
      return attemptFailure(
        'config',
        `cannot mount volume "${mount?.volume}" at ${mount?.target} in container "${first?.container.name}": ${sandbox.why}; ` +
          'the local executor needs a private mount namespace for volume mounts',
      );
    }
    // The worker runs this build's entrypoint, so only a pod that carries this build's entrypoint may use it.
    const warm = host.warm && codeDir !== undefined && carriesThisEntrypoint(plans, host.codeDirs) ? host.warm : undefined;

    let markerPayload: string | undefined;
    const launch = (plan: ContainerPlan): RunningContainer => {
      const name = plan.container.name;
      const onLine = (stream: 'stdout' | 'stderr', line: string, ts: number) => {
        if (plan.kind === 'primary' && stream === 'stdout') {
          const payload = markerPayloadOf(line);
          if (payload !== undefined) {
            markerPayload = payload;
            return;
          }
        }
        sink.log(name, stream, line, ts);
      };
      const env: Record<string, string> = { ...host.baseEnv, HOSTNAME: podName, ...plan.env };
      let rc: RunningContainer;
      const namespaces = sandbox?.kind !== undefined && isRoot();
      // The primary is forked by a warm worker; so are the other containers whose command the host has, which the
      // fork execs: no new process from the server, no shell, no sandbox tool (the fork builds the namespace).
      const onWorker =
        warm && (isWarmEligible(plan, namespaces) || (plan.kind !== 'primary' && (plan.mounts.length === 0 || namespaces) && hostHasCommand(plan.argv[0], env.PATH)));
      if (warm && onWorker) {
        let namespace: WarmTaskRequest['namespace'];
        if (plan.mounts.length > 0) {
          namespace = { root: join(podDir, 'root', name), ops: namespaceOps(plan.mounts) };
          mkdirSync(namespace.root, { recursive: true });
        }
        const task = plan.kind === 'primary' ? { codeDir: plan.env[ENV.codeDir] ?? codeDir ?? '' } : { codeDir: codeDir ?? '', argv: plan.argv };
        rc = warm.run(workerEntrypoint, { name, ...task, env, cwd: plan.cwd, onLine, ...(namespace ? { namespace } : {}) });
      } else {
        const box = plan.mounts.length > 0 && sandbox?.kind ? { kind: sandbox.kind, mounts: plan.mounts, root: join(podDir, 'root', name) } : undefined;
        if (box) mkdirSync(box.root, { recursive: true });
        rc = launchHostProcess({ name, argv: plan.argv, env, cwd: plan.cwd, sandbox: box, onLine });
      }
      live.set(name, rc);
      const ended = rc.exited.then((exit) => {
        live.delete(name);
        running.delete(ended);
        sink.containerEnded?.(name, exit.exitCode, endReason(exit));
        return exit;
      });
      running.add(ended);
      return rc;
    };

    const stopped = new Promise<'stopped'>((resolve) => {
      if (stop.aborted) resolve('stopped');
      else stop.addEventListener('abort', () => resolve('stopped'), { once: true });
    });
    const grace = Math.min(pod.spec?.terminationGracePeriodSeconds ?? 30, host.maxGraceSeconds) * 1000;
    const stopAll = () => stopContainers(live, running, grace);

    try {
      // Init containers, in order; native sidecars (restartPolicy Always) keep running.
      for (const plan of plans.filter((p) => p.kind === 'init' || p.kind === 'sidecar')) {
        const rc = launch(plan);
        if (plan.kind === 'sidecar') continue;
        const outcome = await Promise.race([rc.exited, stopped]);
        if (outcome === 'stopped') return stoppedResult(stopCause());
        const failed = startFailure(plan.container.name, outcome, 'init container');
        if (failed) return failed;
        if (outcome.exitCode !== 0) {
          return attemptFailure('error', `init ${describeExit(plan.container.name, outcome.exitCode, outcome.signal)}`, outcome.exitCode);
        }
      }
      // Then every container at once; the attempt ends with the primary.
      let primaryExit: Promise<ContainerExit> | undefined;
      for (const plan of plans.filter((p) => p.kind === 'primary' || p.kind === 'container')) {
        const rc = launch(plan);
        if (plan.kind === 'primary') primaryExit = rc.exited;
      }
      const outcome = await Promise.race([primaryExit as Promise<ContainerExit>, stopped]);
      if (outcome === 'stopped' || stop.aborted) return stoppedResult(stopCause());
      const failed = startFailure(primary, outcome, 'container');
      if (failed) return failed;
      const terminationMessage = readIfThere(terminationFile);
      return attemptResultFromPrimary({ container: primary, exitCode: outcome.exitCode, signal: outcome.signal, terminationMessage, markerPayload });
    } finally {
      await stopAll();
    }
  } catch (e) {
    return attemptFailure('system', `the local executor failed: ${(e as Error).message}`);
  } finally {
    await Promise.all(running);
    // Asynchronous: deleting many small files must not hold up the other pods' event loop.
    if (terminationFile && !terminationFile.startsWith(`${podDir}/`)) removeFile(terminationFile);
    await Promise.all([host.podDirs.release(ownDir), memoryDir && rm(memoryDir, { recursive: true, force: true, maxRetries: 3 })]);
  }
}

const isRoot = () => process.getuid?.() === 0;

function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Deletes a file if it is there (rmSync would first lstat it, and take the recursive path's machinery). */
function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/**
 * Commands found before, by PATH. Only finding is remembered: a command removed since then makes the worker's exec
 * fail, which reports the same start error as the server would.
 */
const foundCommands = new Set<string>();

/** Whether `command` names an executable file on this machine (as execvp finds it with this PATH). */
function hostHasCommand(command: string | undefined, path: string | undefined): boolean {
  if (!command) return false;
  const key = `${command}\0${path ?? ''}`;
  if (foundCommands.has(key)) return true;
  const candidates = command.includes('/') ? (isAbsolute(command) ? [command] : []) : (path ?? '').split(':').filter(isAbsolute).map((dir) => join(dir, command));
  const found = candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
  if (found && foundCommands.size < 1000) foundCommands.add(key);
  return found;
}

function stoppedResult(cause: StopCause): AttemptResult {
  return attemptFailure(cause.kind, cause.reason);
}

function startFailure(name: string, exit: ContainerExit, what: string): AttemptResult | undefined {
  if (exit.startError) return attemptFailure('config', `${what} "${name}" could not start: ${exit.startError}`);
  if (exit.lostReason) return attemptFailure('system', `${what} "${name}": ${exit.lostReason}`);
  return undefined;
}

function endReason(exit: ContainerExit): string {
  if (exit.startError) return `StartError: ${exit.startError}`;
  if (exit.lostReason) return exit.lostReason;
  if (exit.exitCode === 0) return 'Completed';
  return exit.signal ? `Error (${exit.signal})` : 'Error';
}

/** SIGTERM to every container still running, SIGKILL to those left after the grace period; waits until all are gone. */
async function stopContainers(live: Map<string, RunningContainer>, running: Set<Promise<ContainerExit>>, graceMs: number): Promise<void> {
  if (live.size === 0) return;
  for (const rc of live.values()) rc.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(running), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
  clearTimeout(timer);
  for (const rc of live.values()) rc.kill('SIGKILL');
  await Promise.all(running);
}

function carriesThisEntrypoint(plans: readonly ContainerPlan[], codeDirs: CodeDirCache | undefined): boolean {
  const codeDir = plans.find((p) => p.kind === 'primary')?.env[ENV.codeDir];
  if (!codeDir) return false;
  const check = () => fileEquals(join(codeDir, 'entrypoint.py'), ENTRYPOINT_SOURCE);
  // A shared code directory cannot change while it is in use (it is checked before each reuse): read it once.
  return codeDirs ? codeDirs.memo(codeDir, 'entrypoint', check) : check();
}

/**
 * Whether the pod's code volume is made only of immutable ConfigMaps compiled for every run alike (the runtime and
 * the task, named by content) — not a run's own inputs — so that pods with the same code can share its directory.
 */
function sharesCode(pod: AttemptRequest['compiled']['pod'], configMaps: AttemptRequest['compiled']['configMaps']): boolean {
  const volume = pod.spec?.volumes?.find((v) => v.name === CODE_VOLUME);
  const sources = volume?.projected?.sources;
  if (!sources?.length) return false;
  return sources.every((s) => {
    const cm = s.configMap && configMaps.find((c) => c.metadata?.name === s.configMap!.name);
    return !!cm && cm.immutable === true && cm.metadata?.labels?.[LABEL.run] === undefined;
  });
}
