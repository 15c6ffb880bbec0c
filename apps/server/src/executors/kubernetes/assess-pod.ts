import type { V1ContainerStateTerminated, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { attemptFailure, type AttemptFailure, type AttemptResult } from '../executor';
import { attemptResultFromPrimary, describeExit } from '../result-envelope';

/**
 * Reading a pod's status the way Flyte's pod plugin does (reference/flyte-pod-semantics.md §2, "Completion and
 * sidecar semantics"): the PRIMARY container decides — its end is the attempt's end, whatever the sidecars do —
 * and a pod that cannot start fails with the reason Kubernetes gives, after a grace period where the condition can
 * clear by itself (an image pull that is retried, a pod waiting for a node). Pure: the caller feeds it snapshots.
 */
export interface AssessOptions {
  primary: string;
  now: number;
  /** How long a pod may stay Unschedulable (PodScheduled=False) before the attempt fails. */
  unschedulableSeconds: number;
  /** How long ErrImagePull / ImagePullBackOff may last. */
  imagePullGraceSeconds: number;
  /** How long CreateContainerConfigError / CreateContainerError may last (a missing Secret may yet appear). */
  configErrorGraceSeconds: number;
  /**
   * The latest Warning Event about the pod (FailedMount, FailedCreatePodSandBox…), if any: a pod waiting in
   * ContainerCreating with a reason in STUCK_REASONS fails after `stuckGraceSeconds`, with that reason.
   */
  warning?: { reason: string; message: string };
  stuckGraceSeconds?: number;
  /** When each graced condition was first seen, by key; updated by `assessPod` (conditions that cleared are dropped). */
  since: Map<string, number>;
}

export type PodVerdict =
  /** Keep waiting; `recheckAt` (epoch ms) is when a grace period ends, if one is running. */
  | { type: 'waiting'; recheckAt?: number }
  /** The primary container ended: the attempt's result comes from it (and from its log). */
  | { type: 'primary-ended'; terminated: V1ContainerStateTerminated }
  | { type: 'failed'; failure: AttemptFailure };

const IMAGE_NOW = new Set(['InvalidImageName', 'ErrImageNeverPull']);
const IMAGE_GRACED = new Set(['ErrImagePull', 'ImagePullBackOff']);
/** Warning Events that keep a pod in ContainerCreating, and the kind of failure they are once the grace is over. */
export const STUCK_REASONS: Record<string, AttemptFailure['kind']> = {
  FailedMount: 'config',
  FailedAttachVolume: 'config',
  FailedMapVolume: 'config',
  FailedCreatePodSandBox: 'system',
  FailedCreatePodContainer: 'system',
};
const CREATING = new Set(['ContainerCreating', 'PodInitializing']);
const CONFIG_GRACED = new Set(['CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'PreCreateHookError', 'PreStartHookError']);

export function containerStatus(pod: V1Pod | undefined, name: string): V1ContainerStatus | undefined {
  const status = pod?.status;
  return status?.containerStatuses?.find((s) => s.name === name) ?? status?.initContainerStatuses?.find((s) => s.name === name);
}

/** The container has run (is running or has ended at least once). */
export function hasStarted(status: V1ContainerStatus | undefined): boolean {
  return !!(status?.state?.running || status?.state?.terminated || status?.lastState?.terminated);
}

/** How a container ended: its current state, or — when the kubelet already restarted it — its last one. */
export function endedState(status: V1ContainerStatus | undefined): V1ContainerStateTerminated | undefined {
  if (!status) return undefined;
  return status.state?.terminated ?? ((status.restartCount ?? 0) > 0 && !status.state?.running ? status.lastState?.terminated : undefined);
}

export function assessPod(pod: V1Pod, o: AssessOptions): PodVerdict {
  const active = new Set<string>();
  let recheckAt: number | undefined;
  /** True once `key` has held for `seconds`; otherwise notes when to look again. */
  const graceOver = (key: string, seconds: number): boolean => {
    active.add(key);
    const first = o.since.get(key) ?? o.now;
    o.since.set(key, first);
    const at = first + seconds * 1000;
    if (o.now >= at) return true;
    recheckAt = recheckAt === undefined ? at : Math.min(recheckAt, at);
    return false;
  };
  try {
    const status = pod.status ?? {};
    const primary = status.containerStatuses?.find((s) => s.name === o.primary);
    const primaryEnd = endedState(primary);
    if (primaryEnd?.exitCode === 0) return { type: 'primary-ended', terminated: primaryEnd };
    // An evicted or preempted pod's containers are killed: their exit is not the task's doing.
    if (status.reason === 'Evicted') return failed('evicted', `Evicted: ${status.message ?? 'the node evicted the pod'}`);
    const disruption = status.conditions?.find((c) => c.type === 'DisruptionTarget' && c.status === 'True');
    if (disruption) return failed('evicted', `${disruption.reason ?? 'Disrupted'}: ${disruption.message ?? 'the pod is being evicted'}`);
    if (primaryEnd) return { type: 'primary-ended', terminated: primaryEnd };

    const restartNever = pod.spec?.restartPolicy === 'Never';
    for (const c of pod.spec?.initContainers ?? []) {
      if (c.restartPolicy === 'Always') continue; // a native sidecar
      const ended = endedState(status.initContainerStatuses?.find((s) => s.name === c.name));
      if (ended && ended.exitCode !== 0 && (restartNever || status.phase === 'Failed')) {
        if (ended.reason === 'OOMKilled') return failed('oom', `OOMKilled: init container "${c.name}" ran out of memory${limitText(pod, c.name)}`, ended.exitCode);
        return failed('error', `init ${describeExit(c.name, ended.exitCode)}${detailOf(ended)}`, ended.exitCode);
      }
    }

    if (status.phase === 'Failed') {
      return failed('system', `${status.reason ?? 'PodFailed'}: ${status.message ?? `the pod failed before container "${o.primary}" ended`}`);
    }
    if (status.phase === 'Succeeded') {
      return failed('system', `the pod succeeded, but it reported no end of container "${o.primary}"`);
    }

    for (const s of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) {
      const waiting = s.state?.waiting;
      const reason = waiting?.reason;
      if (!reason) continue;
      const text = `${reason}: ${waiting.message || `image "${s.image}"`} (container "${s.name}")`;
      if (IMAGE_NOW.has(reason)) return failed('image', text);
      if (IMAGE_GRACED.has(reason) && graceOver(`image:${s.name}`, o.imagePullGraceSeconds)) return failed('image', text);
      if (CONFIG_GRACED.has(reason) && graceOver(`config:${s.name}`, o.configErrorGraceSeconds)) return failed('config', text);
    }

    const warning = o.warning;
    const stuckKind = warning ? STUCK_REASONS[warning.reason] : undefined;
    if (warning && stuckKind && o.stuckGraceSeconds !== undefined) {
      const creating = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])].find((s) => CREATING.has(s.state?.waiting?.reason ?? ''));
      const bound = status.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'True');
      if ((creating || (bound && status.phase === 'Pending' && !status.containerStatuses?.some((s) => s.state?.running))) && graceOver(`stuck:${warning.reason}`, o.stuckGraceSeconds)) {
        const where = creating ? `container "${creating.name}" ${creating.state!.waiting!.reason}` : 'the pod Pending';
        return failed(stuckKind, `${warning.reason}: ${warning.message} (${where} for ${o.stuckGraceSeconds}s)`);
      }
    }

    const scheduled = status.conditions?.find((c) => c.type === 'PodScheduled');
    if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable' && graceOver('unschedulable', o.unschedulableSeconds)) {
      return failed('unschedulable', `Unschedulable: ${scheduled.message || 'no node can run the pod'}`);
    }
    return recheckAt === undefined ? { type: 'waiting' } : { type: 'waiting', recheckAt };
  } finally {
    for (const key of [...o.since.keys()]) if (!active.has(key)) o.since.delete(key);
  }
}

/**
 * The attempt's result once the primary container ended: OOMKilled is `oom`; otherwise the shared envelope reading
 * (termination message, or the `::podflow-outputs::` line of its log) decides, and a non-zero exit without an
 * envelope carries the termination message's last line (the log tail under FallbackToLogsOnError).
 */
export function primaryResult(pod: V1Pod, primary: string, ended: V1ContainerStateTerminated, markerPayload: string | undefined): AttemptResult {
  if (ended.reason === 'OOMKilled') {
    return attemptFailure('oom', `OOMKilled: container "${primary}" ran out of memory${limitText(pod, primary)}`, ended.exitCode);
  }
  const result = attemptResultFromPrimary({
    container: primary,
    exitCode: ended.exitCode,
    signal: ended.signal ? `signal ${ended.signal}` : null,
    ...(ended.message ? { terminationMessage: ended.message } : {}),
    ...(markerPayload !== undefined ? { markerPayload } : {}),
  });
  if (!result.ok && result.reason === describeExit(primary, ended.exitCode)) {
    return { ...result, reason: `${result.reason}${detailOf(ended)}` };
  }
  return result;
}

/** Someone else deleted the pod (or evicted it: the DisruptionTarget condition says why). */
export function deletedFailure(pod: V1Pod | undefined, fallbackName: string): AttemptFailure {
  const disruption = pod?.status?.conditions?.find((c) => c.type === 'DisruptionTarget' && c.status === 'True');
  if (disruption) return attemptFailure('evicted', `${disruption.reason ?? 'Disrupted'}: ${disruption.message ?? 'the pod was evicted'}`);
  const name = pod?.metadata ? `${pod.metadata.namespace}/${pod.metadata.name}` : fallbackName;
  return attemptFailure('deleted', `the pod ${name} was deleted by someone else before its primary container ended`);
}

function failed(kind: AttemptFailure['kind'], reason: string, exitCode?: number | null): PodVerdict {
  return { type: 'failed', failure: attemptFailure(kind, reason, exitCode) };
}

/** ` (reason): last line of the message` for a termination that is not a plain exit. */
function detailOf(ended: V1ContainerStateTerminated): string {
  const reason = ended.reason && ended.reason !== 'Error' && ended.reason !== 'Completed' ? ` (${ended.reason})` : '';
  const lines = (ended.message ?? '').trim().split('\n');
  const last = lines[lines.length - 1]?.trim() ?? '';
  return `${reason}${last ? `: ${last.slice(0, 300)}` : ''}`;
}

function limitText(pod: V1Pod, container: string): string {
  const c = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((x) => x.name === container);
  const limit = c?.resources?.limits?.memory;
  return limit !== undefined ? ` (memory limit ${String(limit)})` : '';
}
