import type { V1ConfigMap, V1ContainerStateTerminated, V1Pod } from '@kubernetes/client-node';
import { LABEL } from '@podflow/core';
import { attemptFailure, type AttemptFailure, type AttemptResult, type AttemptSink, type LiveWatch } from '../executor';
import { markerPayloadOf } from '../result-envelope';
import { assessPod, containerStatus, deletedFailure, endedState, hasStarted, primaryResult } from './assess-pod';
import { ContainerLog } from './container-log';
import { GuardedSink } from './guarded-sink';
import { apiMessage, apiStatus, isTransient, networkReason, UnreachableError, type KubeApi } from './kube-api';
import type { NamespaceEventWatch, PodEventNotice } from './namespace-event-watch';
import type { NamespacePodWatch, PodEvent } from './namespace-pod-watch';
import type { PodReaper } from './pod-reaper';

export interface AttemptSettings {
  unschedulableSeconds: number;
  imagePullGraceSeconds: number;
  configErrorGraceSeconds: number;
  /** Cap on the pod's terminationGracePeriodSeconds when the executor deletes it. */
  maxGracePeriodSeconds: number;
  /** How long a deleted pod may take to go (beyond its grace period) before it is force-deleted. */
  deleteWaitSeconds: number;
  /** How long reading a container's log is retried while the API server is unreachable. */
  logRetrySeconds: number;
  /** A pod in ContainerCreating with a known Warning Event (FailedMount…) fails after this long. */
  stuckGraceSeconds: number;
}

/** What the attempts in one namespace share. */
export interface AttemptHost {
  api: KubeApi;
  watch: NamespacePodWatch;
  /** The namespace's Events about pods (why a pod is stuck). */
  events: NamespaceEventWatch;
  /** Deletes ended pods of the namespace in batches. */
  reaper: PodReaper;
  namespace: string;
  settings: AttemptSettings;
  /** Creates a shared, immutable, content-named ConfigMap once per executor (409 AlreadyExists is fine). */
  ensureSharedConfigMap(configMap: V1ConfigMap): Promise<void>;
  log(message: string): void;
}

export type PodSource =
  /** Create the objects compiled for this attempt. */
  | { kind: 'create'; pod: V1Pod; shared: V1ConfigMap[]; perAttempt: V1ConfigMap[] }
  /** Resume an attempt whose pod already exists (after a server restart). */
  | { kind: 'adopt'; pod: V1Pod; perAttempt: string[]; logsAfter?: number };

type Decision = { primary: V1ContainerStateTerminated } | { failure: AttemptFailure };

/**
 * One attempt of one pod on a cluster (DESIGN.md §4 "Kubernetes executor"): create the ConfigMaps and the Pod as
 * compiled, follow the pod through the namespace's shared watch, stream every container's log into the sink, end
 * with the primary container (sidecars are then stopped by deleting the pod), and delete everything the attempt
 * created — on success, failure, timeout and cancel alike — before settling.
 *
 * The log API merges a container's stdout and stderr (split streams are an alpha feature, off by default), so every
 * line is reported as `stdout`.
 */
export class PodAttempt {
  private latest: V1Pod | undefined;
  private uid: string | undefined;
  private gone = false;
  private deletingByUs = false;
  /** The pod may exist (a create was sent), so it must be deleted. */
  private mayExist = false;
  private stopCause: AttemptFailure | undefined;
  private readonly stopped = new AbortController();
  private waiters = new Set<() => void>();
  private readonly since = new Map<string, number>();
  private readonly logs = new Set<ContainerLog>();
  private readonly started = new Set<string>();
  private readonly endedReported = new Set<string>();
  private markerPayload: string | undefined;
  private stopping = false;
  private readonly perAttempt: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly out: GuardedSink;
  /** The latest Warning Event about this pod. */
  private warning: { reason: string; message: string } | undefined;

  constructor(
    private readonly host: AttemptHost,
    private readonly name: string,
    private readonly primary: string,
    sink: AttemptSink,
    private readonly signal: AbortSignal,
    private readonly timeoutSeconds: number | undefined,
    private readonly closing: AbortSignal,
    logsAfter?: number,
  ) {
    this.out = new GuardedSink(sink, logsAfter);
    this.watched = sink.watched;
  }

  private readonly watched: LiveWatch | undefined;

  /** Someone follows the run live: logs are streamed as written (else each is read once, when its container ended). */
  private live(): boolean {
    try {
      return this.watched?.now() ?? true;
    } catch {
      return true;
    }
  }

  async run(source: PodSource): Promise<AttemptResult> {
    const { watch } = this.host;
    const unsubscribe = watch.subscribe(this.name, (event) => this.onEvent(event));
    let unsubscribeEvents = (): void => {};
    let unsubscribeWatched = (): void => {};
    try {
      unsubscribeWatched = this.watched?.onChange(() => this.notify()) ?? unsubscribeWatched;
    } catch {
      // a sink that cannot say: treated as watched
    }
    const onAbort = () => this.stop(attemptFailure('cancelled', 'cancelled'));
    const onClose = () => this.stop(attemptFailure('cancelled', 'the Kubernetes executor was closed'));
    this.signal.addEventListener('abort', onAbort, { once: true });
    this.closing.addEventListener('abort', onClose, { once: true });
    if (this.signal.aborted) onAbort();
    if (this.closing.aborted) onClose();
    let pipeline: Promise<void> | undefined;
    try {
      let result: AttemptResult;
      let unwatchable: AttemptFailure | undefined;
      try {
        await watch.ready(this.stopped.signal);
      } catch (e) {
        // stopped before the namespace's first list (nothing was created), or the list was refused
        if (!this.stopCause) {
          unwatchable = e instanceof UnreachableError ? attemptFailure('system', e.message) : refused(`watching the pods of namespace ${this.host.namespace}`, e, this.host.api.server);
        }
      }
      // An adopted pod exists whatever happens next; a pod to create does not until it is created.
      if (source.kind === 'adopt') this.adopt(source);
      // After adopting (its uid known), so that the Events heard before a restart's re-attach count too.
      unsubscribeEvents = this.host.events.subscribe(this.name, (notice) => this.onPodEvent(notice));
      const setup = this.stopCause ?? unwatchable ?? (source.kind === 'create' ? await this.create(source) : undefined);
      if (setup) {
        result = setup;
      } else {
        this.startTimeout();
        pipeline = this.streamLogs();
        const decision = await this.decide();
        this.stopping = true;
        this.notify();
        await this.settleLogs(pipeline);
        result = 'primary' in decision ? primaryResult(this.latest ?? source.pod, this.primary, decision.primary, this.markerPayload) : decision.failure;
        if (!this.signal.aborted && !(result.ok === false && result.kind === 'cancelled')) this.out.resultKnown(result);
      }
      await this.removePod();
      this.reportStoppedContainers();
      if (this.signal.aborted) return attemptFailure('cancelled', 'cancelled');
      return result;
    } catch (e) {
      this.host.log(`attempt of pod ${this.host.namespace}/${this.name} failed: ${(e as Error).stack ?? e}`);
      try {
        await this.removePod();
      } catch {
        // reported below
      }
      return attemptFailure('system', `the Kubernetes executor failed: ${(e as Error).message}`);
    } finally {
      clearTimeout(this.timer);
      this.stopping = true;
      this.notify();
      for (const log of this.logs) log.abandon();
      this.out.open = false;
      unsubscribe();
      unsubscribeEvents();
      unsubscribeWatched();
      this.signal.removeEventListener('abort', onAbort);
      this.closing.removeEventListener('abort', onClose);
      await this.deletePerAttemptConfigMaps();
    }
  }

  // ------------------------------------------------------------------ state

  private onEvent(event: PodEvent): void {
    if (event.type === 'connection') {
      this.notify(); // decide() looks at how long the API server has been out of reach
      return;
    }
    if (event.type === 'absent') {
      if (this.uid && !this.gone) void this.confirmGone();
      return;
    }
    const uid = event.pod.metadata?.uid;
    if (this.uid !== undefined && uid !== undefined && uid !== this.uid) return; // another pod of the same name
    if (this.uid === undefined && !this.mayExist) return; // not ours yet
    this.latest = event.pod;
    if (event.type === 'deleted') this.gone = true;
    this.notify();
  }

  /** A Kubernetes Event about the pod: reported live, and a Warning may decide a stuck pod's fate. */
  private onPodEvent(notice: PodEventNotice): void {
    if (this.uid !== undefined ? notice.podUid !== undefined && notice.podUid !== this.uid : !this.mayExist) return;
    if (this.stopping) return;
    const warning = notice.type === 'Warning';
    this.out.podEvent(notice.reason, notice.message, warning);
    if (warning) {
      this.warning = { reason: notice.reason, message: notice.message };
      this.notify();
    }
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Resolves at the next change of the pod or of the attempt, or at `deadline` (epoch ms). */
  private nextChange(deadline?: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      this.waiters.add(wake);
      if (deadline !== undefined) timer = setTimeout(wake, Math.max(0, deadline - Date.now()));
    });
  }

  private async until(test: () => boolean, deadline?: number): Promise<boolean> {
    while (!test()) {
      if (deadline !== undefined && Date.now() >= deadline) return false;
      await this.nextChange(deadline);
    }
    return true;
  }

  private stop(cause: AttemptFailure): void {
    if (this.stopCause) return;
    this.stopCause = cause;
    this.stopped.abort();
    this.notify();
  }

  private startTimeout(): void {
    if (this.timeoutSeconds === undefined || this.timeoutSeconds <= 0) return;
    const seconds = this.timeoutSeconds;
    const stamp = this.latest?.metadata?.creationTimestamp as Date | string | undefined;
    const created = (stamp !== undefined ? new Date(stamp).getTime() : NaN) || Date.now();
    // creationTimestamp has second precision: count from whichever is later, it or when this process saw it created.
    const from = Math.max(created, this.createdAt ?? created);
    this.timer = setTimeout(() => this.stop(attemptFailure('timeout', `timed out after ${seconds}s (timeoutSeconds)`)), Math.max(0, from + seconds * 1000 - Date.now()));
  }

  private createdAt: number | undefined;

  // ------------------------------------------------------------------ create / adopt

  private async create(source: Extract<PodSource, { kind: 'create' }>): Promise<AttemptFailure | undefined> {
    const { api, namespace } = this.host;
    try {
      for (const cm of source.shared) await this.host.ensureSharedConfigMap(cm);
      for (const cm of source.perAttempt) {
        if (this.stopCause) return this.stopCause;
        this.perAttempt.push(cm.metadata!.name!);
        await api.createConfigMap(namespace, cm, this.stopped.signal);
      }
    } catch (e) {
      return this.stopCause ?? refused('creating a ConfigMap', e, this.host.api.server);
    }
    if (this.stopCause) return this.stopCause;

    this.mayExist = true;
    let pod: V1Pod;
    try {
      pod = await api.createPod(namespace, source.pod, this.stopped.signal);
    } catch (e) {
      if (apiStatus(e) === 409) {
        const existing = await api.readPod(namespace, this.name);
        if (existing && sameAttempt(existing, source.pod) && !existing.metadata?.deletionTimestamp) {
          pod = existing; // created by an earlier try of this very call, or by this attempt before a restart
        } else {
          this.mayExist = false;
          return attemptFailure('system', `a pod named ${this.name} already exists in namespace ${namespace}`);
        }
      } else {
        if (apiStatus(e) !== undefined && !isTransient(e)) this.mayExist = false; // refused: nothing was created
        return this.stopCause ?? refused('creating the pod', e, this.host.api.server);
      }
    }
    this.createdAt = Date.now();
    this.uid = pod.metadata?.uid;
    const seen = this.host.watch.get(this.name);
    this.latest = seen && seen.metadata?.uid === this.uid ? seen : pod;
    this.notify();
    for (const cm of this.perAttempt) {
      try {
        await api.setOwner(namespace, cm, pod); // a safety net only: the attempt deletes it itself
      } catch (e) {
        this.host.log(`could not make pod ${this.name} the owner of ConfigMap ${cm}: ${apiMessage(e)}`);
      }
    }
    return undefined;
  }

  private adopt(source: Extract<PodSource, { kind: 'adopt' }>): undefined {
    this.perAttempt.push(...source.perAttempt);
    this.mayExist = true;
    this.uid = source.pod.metadata?.uid;
    const seen = this.host.watch.get(this.name);
    this.latest = seen && seen.metadata?.uid === this.uid ? seen : source.pod;
    if (!seen) void this.confirmGone();
    return undefined;
  }

  /** The watch may have missed a deletion (a re-list without the pod): ask once. */
  private async confirmGone(): Promise<void> {
    try {
      const pod = await this.host.api.readPod(this.host.namespace, this.name);
      if (!pod || (this.uid && pod.metadata?.uid !== this.uid)) {
        this.gone = true;
        this.notify();
      }
    } catch {
      // unreachable: the watch will tell
    }
  }

  // ------------------------------------------------------------------ decide

  private async decide(): Promise<Decision> {
    const s = this.host.settings;
    for (;;) {
      if (this.stopCause) return { failure: this.stopCause };
      const pod = this.latest;
      const verdict = pod
        ? assessPod(pod, {
            primary: this.primary,
            now: Date.now(),
            unschedulableSeconds: s.unschedulableSeconds,
            imagePullGraceSeconds: s.imagePullGraceSeconds,
            configErrorGraceSeconds: s.configErrorGraceSeconds,
            stuckGraceSeconds: s.stuckGraceSeconds,
            ...(this.warning ? { warning: this.warning } : {}),
            since: this.since,
          })
        : undefined;
      // The API server out of reach for longer than the bound: the attempt fails rather than wait for ever.
      const down = this.host.watch.downSince;
      const lostAt = down === undefined ? undefined : down + this.host.watch.unreachableBound * 1000;
      if (lostAt !== undefined && Date.now() >= lostAt) return { failure: attemptFailure('system', this.host.watch.unreachableError().message) };
      const deletedByOthers = this.gone || (!!pod?.metadata?.deletionTimestamp && !this.deletingByUs);
      if (verdict?.type === 'primary-ended' && (!deletedByOthers || verdict.terminated.exitCode === 0)) return { primary: verdict.terminated };
      if (deletedByOthers) return { failure: deletedFailure(pod, `${this.host.namespace}/${this.name}`) };
      if (verdict?.type === 'failed') return { failure: verdict.failure };
      const recheck = verdict?.type === 'waiting' ? verdict.recheckAt : undefined;
      await this.nextChange(lostAt === undefined ? recheck : Math.min(recheck ?? lostAt, lostAt));
    }
  }

  // ------------------------------------------------------------------ logs

  /** Init containers in order (each log read to its end before the next), then every container at once. */
  private async streamLogs(): Promise<void> {
    const spec = this.latest?.spec;
    const sidecars: Promise<void>[] = [];
    for (const c of spec?.initContainers ?? []) {
      if (c.restartPolicy === 'Always') sidecars.push(this.containerLog(c.name));
      else await this.containerLog(c.name);
    }
    await Promise.all([...(spec?.containers ?? []).map((c) => this.containerLog(c.name)), ...sidecars]);
  }

  private async containerLog(name: string): Promise<void> {
    const status = () => containerStatus(this.latest, name);
    await this.until(() => hasStarted(status()) || this.stopping || this.gone);
    if (!hasStarted(status())) return;
    this.started.add(name);
    const isPrimary = name === this.primary;
    const reader = new ContainerLog(
      this.host.api,
      this.host.namespace,
      this.name,
      name,
      (line, ts) => {
        if (isPrimary) {
          const payload = markerPayloadOf(line);
          if (payload !== undefined) {
            this.markerPayload = payload;
            return;
          }
        }
        this.out.log(name, line, ts);
      },
      () => !this.gone && !!status()?.state?.running,
      (m) => this.host.log(m),
    );
    this.logs.add(reader);
    if (!endedState(status())) {
      // Streamed while someone watches the run live (from the moment they do); else read once at the end, which is
      // one API call instead of two or more (issue #19).
      await this.until(() => {
        if (this.live()) reader.follow();
        return !!endedState(status()) || this.stopping || this.gone;
      });
    }
    if (this.gone) reader.abandon();
    else await reader.finish(this.host.settings.logRetrySeconds);
    const ended = endedState(status());
    if (ended && !this.endedReported.has(name)) {
      this.endedReported.add(name);
      this.out.ended(name, ended.exitCode, ended.reason ?? undefined);
    }
  }

  /** Waits for the logs to be read to their end (bounded: an unreachable API server cannot hold the attempt). */
  private async settleLogs(pipeline: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, (this.host.settings.logRetrySeconds + 30) * 1000)));
    await Promise.race([pipeline, bound]);
    clearTimeout(timer);
  }

  /** Containers that ran but never reported an end were stopped with the pod. */
  private reportStoppedContainers(): void {
    for (const name of this.started) {
      if (this.endedReported.has(name)) continue;
      this.endedReported.add(name);
      const ended = endedState(containerStatus(this.latest, name));
      if (ended) this.out.ended(name, ended.exitCode, ended.reason ?? undefined);
      else this.out.ended(name, null, 'Killed: the pod was deleted');
    }
  }

  // ------------------------------------------------------------------ clean up

  /** Deletes the pod (if it may exist) and waits until the watch reports it gone; force-deletes one that hangs. */
  private async removePod(): Promise<void> {
    if (this.gone || !this.mayExist) return;
    const { api, namespace, settings } = this.host;
    this.deletingByUs = true;
    const grace = Math.max(0, Math.min(this.latest?.spec?.terminationGracePeriodSeconds ?? 30, settings.maxGracePeriodSeconds));
    for (const force of [false, true]) {
      if (this.gone) return;
      const labelled = this.latest?.metadata?.labels?.[LABEL.pod] === this.name;
      const result = force
        ? await api.deletePod(namespace, this.name, this.uid, 0)
        : await this.host.reaper.delete({ name: this.name, uid: this.uid, labelled }, grace);
      if (result === 'gone') {
        this.gone = true;
        return;
      }
      const deadline = Date.now() + (force ? 30 : grace + settings.deleteWaitSeconds) * 1000;
      if (await this.until(() => this.gone, deadline)) return;
      await this.confirmGone();
      if (this.gone) return;
      this.host.log(`pod ${namespace}/${this.name} is still there ${force ? 'after a forced deletion' : `${grace + settings.deleteWaitSeconds}s after its deletion; deleting it with no grace period`}`);
    }
  }

  private async deletePerAttemptConfigMaps(): Promise<void> {
    for (const name of this.perAttempt) {
      try {
        await this.host.api.deleteConfigMap(this.host.namespace, name);
      } catch (e) {
        this.host.log(`could not delete ConfigMap ${this.host.namespace}/${name}: ${apiMessage(e)}`);
      }
    }
  }
}

/** A refused API call is the pod's problem (`config`); anything else is the system's. */
function refused(what: string, e: unknown, server: string): AttemptFailure {
  const network = networkReason(e);
  if (network) return attemptFailure('system', `${what} failed: ${new UnreachableError(server, network).message}`);
  const status = apiStatus(e);
  if (status !== undefined && status >= 400 && status < 500 && status !== 429) return attemptFailure('config', `${what} was refused: ${apiMessage(e)}`);
  return attemptFailure('system', `${what} failed: ${apiMessage(e)}`);
}

function sameAttempt(a: V1Pod, b: V1Pod): boolean {
  const la = a.metadata?.labels ?? {};
  const lb = b.metadata?.labels ?? {};
  return la[LABEL.run] === lb[LABEL.run] && la[LABEL.attempt] === lb[LABEL.attempt] && la[LABEL.node] === lb[LABEL.node];
}
