import { nodeIdOfExecution, parentExecutionId, POD_EVENT, type DynamicSpec, type FailureKind, type Json, type NodeStatus, type RunEvent, type RunStatus } from '@podflow/core';

/** The live note while the local executor installs a task's requirements. */
const INSTALLING = 'Installing requirements:';

/**
 * A run's live state, derived only from its events (DESIGN.md §1.6): `applyRunEvents(state, events)` is a pure
 * reducer. It copies only what a batch of events touched — an execution that did not change keeps its identity, so a
 * node component that selects `executions[id]` re-renders only when its own execution changed.
 */
export interface ContainerRun {
  name: string;
  state: 'running' | 'terminated';
  exitCode?: number | null;
  reason?: string;
}

export interface AttemptRun {
  attempt: number;
  podName: string;
  containers: ContainerRun[];
  startedAt: number;
  endedAt?: number;
  status: 'running' | 'succeeded' | 'failed';
  exitCode?: number | null;
  reason?: string;
  kind?: FailureKind;
  /** The last lines written to stderr by any container of this attempt (to explain a failure on the node). */
  stderrTail: string[];
}

/** Counts of a map node's items by status. */
export type StatusCounts = Partial<Record<NodeStatus, number>>;

export interface ExecutionRun {
  executionId: string;
  nodeId: string;
  task: string;
  /** The execution this one belongs to: a map item's map node, a dynamic call's dynamic execution. */
  parent?: string;
  status: NodeStatus;
  queuedAt: number;
  startedAt?: number;
  endedAt?: number;
  attempts: AttemptRun[];
  /** Set by `node-retrying`: the attempt (0-based) that is about to run, of how many in all. */
  retry?: { attempt: number; of: number };
  outputs?: Record<string, Json>;
  reason?: string;
  kind?: FailureKind;
  /** `node-cached` from the output cache or a re-run: where the outputs came from. */
  fromRun?: string;
  /** Map node: how many items, and their statuses counted. */
  items?: number;
  itemCounts?: StatusCounts;
  /** Dynamic node: the sub-DAG its pod returned, and each call's status. */
  dynamic?: DynamicSpec;
  /** Child execution ids (map items in order, dynamic calls in the order they were queued). */
  children?: string[];
  childStatus?: Record<string, NodeStatus>;
}

export interface RunState {
  runId: string;
  status: RunStatus;
  workflow?: string;
  version?: number;
  executor?: string;
  inputs?: Record<string, Json>;
  outputs?: Record<string, Json>;
  error?: string;
  startedAt?: number;
  endedAt?: number;
  /** The sequence number of the last event applied; events at or below it are ignored (a replay never doubles). */
  lastSeq: number;
  /** Events applied. Sequence numbers have no gaps, so after a complete replay `eventCount === lastSeq`. */
  eventCount: number;
  /** An event arrived whose seq was not `lastSeq + 1`. */
  gapAfter?: number;
  executions: Record<string, ExecutionRun>;
  /** Execution ids in the order they first appeared. */
  order: string[];
}

export const STDERR_TAIL = 6;
export const TERMINAL_NODE: ReadonlySet<NodeStatus> = new Set(['succeeded', 'failed', 'cancelled', 'skipped', 'cached']);
export const TERMINAL_RUN: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'cancelled']);

export function initialRunState(runId: string): RunState {
  return { runId, status: 'queued', lastSeq: 0, eventCount: 0, executions: {}, order: [] };
}


export const isTerminalRunEvent = (e: RunEvent): boolean => e.type === 'run-succeeded' || e.type === 'run-failed' || e.type === 'run-cancelled';

/** Applies a batch of events (in order). Returns `state` itself when none of them was new. */
export function applyRunEvents(state: RunState, events: readonly RunEvent[]): RunState {
  const draft = new Draft(state);
  for (const e of events) draft.apply(e);
  return draft.result();
}

class Draft {
  private next: RunState | null = null;
  private executions: Record<string, ExecutionRun> | null = null;
  /** Executions copied in this batch (mutable until the batch ends). */
  private copied = new Set<string>();
  private attemptsCopied = new Set<string>();

  constructor(private readonly base: RunState) {}

  result(): RunState {
    if (!this.next) return this.base;
    if (this.executions) this.next.executions = this.executions;
    return this.next;
  }

  private run(): RunState {
    if (!this.next) this.next = { ...this.base };
    return this.next;
  }

  private execs(): Record<string, ExecutionRun> {
    if (!this.executions) this.executions = { ...this.run().executions };
    return this.executions;
  }

  /** A mutable copy of an execution (created when an event names one that never queued). */
  private exec(id: string, ts: number): ExecutionRun {
    const all = this.execs();
    let e = all[id];
    if (e && this.copied.has(id)) return e;
    if (e) {
      e = { ...e };
    } else {
      const parent = parentExecutionId(id);
      e = { executionId: id, nodeId: nodeIdOfExecution(id), task: '', status: 'queued', queuedAt: ts, attempts: [], ...(parent ? { parent } : {}) };
      const run = this.run();
      run.order = [...run.order, id];
      if (parent) this.addChild(parent, id, ts);
    }
    all[id] = e;
    this.copied.add(id);
    return e;
  }

  private attempt(e: ExecutionRun, n: number): AttemptRun | undefined {
    const key = `${e.executionId}\u0000${n}`;
    const index = e.attempts.findIndex((a) => a.attempt === n);
    if (index < 0) return undefined;
    if (!this.attemptsCopied.has(key)) {
      if (!this.attemptsCopied.has(`${e.executionId}\u0000*`)) {
        e.attempts = [...e.attempts];
        this.attemptsCopied.add(`${e.executionId}\u0000*`);
      }
      e.attempts[index] = { ...e.attempts[index]!, containers: [...e.attempts[index]!.containers], stderrTail: [...e.attempts[index]!.stderrTail] };
      this.attemptsCopied.add(key);
    }
    return e.attempts[index];
  }

  private addChild(parentId: string, childId: string, ts: number): void {
    const p = this.exec(parentId, ts);
    p.children = [...(p.children ?? []), childId];
  }

  /** Keeps the parent's view of its children (map counts, dynamic call statuses) in step. */
  private setStatus(e: ExecutionRun, status: NodeStatus, ts: number): void {
    const before = e.status;
    e.status = status;
    if (!e.parent || before === status) return;
    const p = this.exec(e.parent, ts);
    if (p.items !== undefined || p.itemCounts) {
      const counts = { ...(p.itemCounts ?? {}) };
      counts[before] = Math.max(0, (counts[before] ?? 0) - 1);
      counts[status] = (counts[status] ?? 0) + 1;
      p.itemCounts = counts;
    }
    if (p.dynamic || p.childStatus) p.childStatus = { ...(p.childStatus ?? {}), [e.executionId]: status };
  }

  apply(ev: RunEvent): void {
    const base = this.next ?? this.base;
    if (ev.seq <= base.lastSeq) return;
    const run = this.run();
    if (ev.seq !== run.lastSeq + 1 && run.gapAfter === undefined) run.gapAfter = run.lastSeq;
    run.lastSeq = ev.seq;
    run.eventCount = run.eventCount + 1;
    const ts = ev.ts;
    switch (ev.type) {
      case 'run-started':
        run.status = 'running';
        run.workflow = ev.workflow;
        if (ev.version !== undefined) run.version = ev.version;
        run.executor = ev.executor;
        run.inputs = ev.inputs;
        run.startedAt = ts;
        return;
      case 'node-queued': {
        const isNew = !this.execs()[ev.executionId];
        const e = this.exec(ev.executionId, ts);
        e.nodeId = ev.nodeId;
        e.task = ev.task;
        if (isNew) {
          e.queuedAt = ts;
          if (e.parent) {
            const p = this.exec(e.parent, ts);
            if (p.itemCounts) p.itemCounts = { ...p.itemCounts, queued: (p.itemCounts.queued ?? 0) + 1 };
            if (p.dynamic || p.childStatus) p.childStatus = { ...(p.childStatus ?? {}), [e.executionId]: 'queued' };
          }
        } else {
          this.setStatus(e, 'queued', ts);
        }
        return;
      }
      case 'node-started': {
        const e = this.exec(ev.executionId, ts);
        e.startedAt ??= ts;
        this.setStatus(e, 'running', ts);
        return;
      }
      case 'map-expanded': {
        const e = this.exec(ev.executionId, ts);
        e.items = ev.items;
        e.itemCounts ??= {};
        return;
      }
      case 'dynamic-expanded': {
        const e = this.exec(ev.executionId, ts);
        e.dynamic = ev.spec;
        e.childStatus ??= {};
        return;
      }
      case 'attempt-started': {
        const e = this.exec(ev.executionId, ts);
        e.startedAt ??= ts;
        const attempt: AttemptRun = {
          attempt: ev.attempt,
          podName: ev.podName,
          containers: ev.containers.map((name) => ({ name, state: 'running' as const })),
          startedAt: ts,
          status: 'running',
          stderrTail: [],
        };
        e.attempts = [...e.attempts.filter((a) => a.attempt !== ev.attempt), attempt].sort((a, b) => a.attempt - b.attempt);
        this.attemptsCopied.add(`${e.executionId}\u0000*`);
        this.attemptsCopied.add(`${e.executionId}\u0000${ev.attempt}`);
        // A retry keeps saying "retrying n/N" while its attempt runs.
        this.setStatus(e, e.retry && ev.attempt > 0 ? 'retrying' : 'running', ts);
        return;
      }
      case 'log': {
        if (ev.stream !== 'stderr') return;
        const e = this.exec(ev.executionId, ts);
        const a = this.attempt(e, ev.attempt);
        if (!a) return;
        a.stderrTail.push(ev.line);
        if (a.stderrTail.length > STDERR_TAIL) a.stderrTail.splice(0, a.stderrTail.length - STDERR_TAIL);
        return;
      }
      case 'container-ended': {
        const e = this.exec(ev.executionId, ts);
        const a = this.attempt(e, ev.attempt);
        if (!a) return;
        const ended: ContainerRun = { name: ev.container, state: 'terminated', exitCode: ev.exitCode, ...(ev.reason ? { reason: ev.reason } : {}) };
        const i = a.containers.findIndex((c) => c.name === ev.container);
        if (i >= 0) a.containers[i] = ended;
        else a.containers.push(ended);
        return;
      }
      case 'pod-event': {
        // Live: why the pod is not running (yet), shown on the attempt and the node until they end — a cluster's
        // warnings, and the local executor's "installing requirements" (cleared once they are ready).
        const installing = ev.reason === POD_EVENT.installingRequirements;
        const ready = ev.reason === POD_EVENT.requirementsReady;
        if (!ev.warning && !installing && !ready) return;
        const e = this.exec(ev.executionId, ts);
        const a = this.attempt(e, ev.attempt);
        if (!a || a.status !== 'running') return;
        if (ready) {
          if (a.reason?.startsWith(INSTALLING)) {
            delete a.reason;
            if (e.reason?.startsWith(INSTALLING)) delete e.reason;
          }
          return;
        }
        a.reason = installing ? `${INSTALLING} ${ev.message}` : `${ev.reason}: ${ev.message}`;
        e.reason = a.reason;
        return;
      }
      case 'attempt-succeeded': {
        const e = this.exec(ev.executionId, ts);
        const a = this.attempt(e, ev.attempt);
        if (!a) return;
        a.status = 'succeeded';
        a.endedAt = ts;
        a.exitCode = 0;
        return;
      }
      case 'attempt-failed': {
        const e = this.exec(ev.executionId, ts);
        const a = this.attempt(e, ev.attempt);
        if (!a) return;
        a.status = 'failed';
        a.endedAt = ts;
        a.reason = ev.reason;
        a.kind = ev.kind;
        if (ev.exitCode !== undefined) a.exitCode = ev.exitCode;
        return;
      }
      case 'node-retrying': {
        const e = this.exec(ev.executionId, ts);
        e.retry = { attempt: ev.attempt, of: ev.of };
        this.setStatus(e, 'retrying', ts);
        return;
      }
      case 'node-succeeded': {
        const e = this.exec(ev.executionId, ts);
        e.outputs = ev.outputs;
        e.endedAt = ts;
        this.setStatus(e, 'succeeded', ts);
        return;
      }
      case 'node-cached': {
        const e = this.exec(ev.executionId, ts);
        e.outputs = ev.outputs;
        e.endedAt = ts;
        if (ev.fromRun !== undefined) e.fromRun = ev.fromRun;
        this.setStatus(e, 'cached', ts);
        return;
      }
      case 'node-failed': {
        const e = this.exec(ev.executionId, ts);
        e.reason = ev.reason;
        e.kind = ev.kind;
        e.endedAt = ts;
        this.setStatus(e, 'failed', ts);
        return;
      }
      case 'node-skipped': {
        const e = this.exec(ev.executionId, ts);
        e.reason = ev.reason;
        e.endedAt = ts;
        this.setStatus(e, 'skipped', ts);
        return;
      }
      case 'node-cancelled': {
        const e = this.exec(ev.executionId, ts);
        e.endedAt = ts;
        this.setStatus(e, 'cancelled', ts);
        return;
      }
      case 'run-succeeded':
        run.status = 'succeeded';
        run.outputs = ev.outputs;
        run.endedAt = ts;
        return;
      case 'run-failed':
        run.status = 'failed';
        run.error = ev.reason;
        run.endedAt = ts;
        return;
      case 'run-cancelled':
        run.status = 'cancelled';
        if (ev.reason !== undefined) run.error = ev.reason;
        run.endedAt = ts;
        return;
      default: {
        const unknown: never = ev;
        void unknown;
      }
    }
  }
}

/** The most recent attempt of an execution. */
export const lastAttempt = (e: ExecutionRun): AttemptRun | undefined => e.attempts.at(-1);

/** The first failure worth telling a person about: a failed execution that is not only failing because a child did. */
export function failedExecutions(run: RunState): ExecutionRun[] {
  const failed = run.order.map((id) => run.executions[id]!).filter((e) => e.status === 'failed');
  const withFailedChild = new Set(failed.map((e) => e.parent).filter((p): p is string => !!p));
  return failed.filter((e) => !withFailedChild.has(e.executionId) || e.attempts.length > 0);
}
