import {
  findNode,
  formatDiagnostic,
  type Json,
  type RunEvent,
  type RunEventBody,
  type RunId,
  type WorkflowDoc,
  resolveRunInputs,
} from '@podflow/core';
import type { Executor } from '../executors/executor';
import { ApiError, badRequest, notFound } from '../http/api-error';
import { newRunId, type WorkflowId } from '../store/ids';
import type { RunEventStore } from '../store/run-event-store';
import { isTerminalRunStatus, type ExecutorKind, type RunOptions, type RunRecord, type RunStore } from '../store/run-store';
import type { WorkflowStore } from '../store/workflow-store';
import { checkRunWithPython } from '../validation/python-syntax';
import { cachedPythonSyntax } from './cached-python-syntax';
import { isTerminalRunEvent } from './is-terminal-run-event';
import { reusableOutputs } from './reusable-outputs';
import type { OutputCache, RunHandle, RunOutcome, StartRun } from './run-starter';

/**
 * Starts, cancels and records runs. Every run names the immutable version it ran; its events get their sequence
 * numbers here and go to the event store, which writes them in batches and then publishes them live. At start-up,
 * `reconcile` ends the runs that a previous process left unfinished.
 */
export type ExecutorProvider = (kind: ExecutorKind, kubernetes: RunOptions['kubernetes']) => Promise<Executor>;

export interface RunServiceDeps {
  workflows: WorkflowStore;
  runs: RunStore;
  events: RunEventStore;
  startRun: StartRun;
  executorFor: ExecutorProvider;
  cache?: OutputCache;
  /** Told about each run that `reconcile` ended, to remove what it may have left on its executor. */
  abandoned?: (run: RunRecord) => Promise<void>;
}

export interface CreateRunRequest {
  workflowId: WorkflowId;
  version?: number;
  inputs?: Record<string, Json>;
  executor?: ExecutorKind;
  kubernetes?: { context?: string; namespace?: string };
  reuseFrom?: { runId: RunId; fromNode?: string };
}

interface ActiveRun {
  workflowId: WorkflowId;
  seq: number;
  version: number;
  ended: boolean;
  droppedAfterEnd: number;
  handle?: RunHandle;
  done?: Promise<void>;
}

export const SERVER_RESTARTED = 'server restarted';

export class RunService {
  private readonly active = new Map<RunId, ActiveRun>();

  constructor(private readonly deps: RunServiceDeps) {}

  get activeCount(): number {
    return this.active.size;
  }

  async create(request: CreateRunRequest): Promise<RunRecord> {
    const { workflows, runs } = this.deps;
    const draft = workflows.getDraft(request.workflowId);
    if (!draft) throw notFound(`workflow ${request.workflowId}`, 'workflowId');
    let doc: WorkflowDoc = draft.document;
    if (request.version !== undefined) {
      const version = workflows.getVersion(request.workflowId, request.version);
      if (!version) throw notFound(`version ${request.version} of workflow ${request.workflowId}`, 'version');
      doc = version.document;
    }

    const { blockers: errors } = await checkRunWithPython(doc, cachedPythonSyntax);
    if (errors.length > 0) {
      throw new ApiError(
        422,
        'invalid-workflow',
        `the workflow has ${errors.length} error${errors.length > 1 ? 's' : ''} to fix before it can run; first: ${formatDiagnostic(errors[0]!)}`,
        { issues: errors },
      );
    }
    const resolved = resolveRunInputs(doc, request.inputs ?? {});
    if (!resolved.ok) throw badRequest(resolved.problems[0]!.field, resolved.problems.map((p) => p.message).join('; '));

    const reuse = request.reuseFrom ? this.reuseFor(request.workflowId, request.reuseFrom, doc, resolved.inputs) : undefined;
    const kind = request.executor ?? 'local';
    const executor = await this.deps.executorFor(kind, request.kubernetes);

    const version = request.version ?? workflows.createVersion(request.workflowId, 'run', { reuseUnchanged: true, document: doc });
    if (version === undefined) throw notFound(`workflow ${request.workflowId}`, 'workflowId');
    const options: RunOptions = {};
    if (request.kubernetes) options.kubernetes = request.kubernetes;
    if (request.reuseFrom) options.reuseFrom = request.reuseFrom;
    const id = newRunId();
    const record = runs.create({ id, workflowId: request.workflowId, version, executor: kind, inputs: resolved.inputs, options });
    this.start(id, request.workflowId, version, doc, resolved.inputs, executor, reuse);
    return record;
  }

  /** `accepted`: the run is being cancelled; `ended`: it had already ended; undefined: no such run. */
  cancel(id: RunId, reason = 'cancelled from the API'): 'accepted' | 'ended' | undefined {
    const run = this.active.get(id);
    if (run && !run.ended) {
      run.handle?.cancel(reason);
      return 'accepted';
    }
    const status = this.deps.runs.status(id);
    if (status === undefined) return undefined;
    return 'ended';
  }

  /** Cancels the workflow's active runs (before it is deleted) and waits until they have ended. */
  async cancelRunsOf(workflowId: WorkflowId, reason: string, timeoutMs = 10_000): Promise<void> {
    const runs = [...this.active.values()].filter((run) => run.workflowId === workflowId);
    await this.cancelAndWait(runs, reason, timeoutMs);
  }

  /**
   * Ends the runs that a previous server process left queued or running. Their local processes cannot be
   * re-attached, so every unfinished attempt, execution and the run itself fail with "server restarted"; the events
   * are stored like any others, so SSE clients of those runs see the end.
   */
  reconcile(): RunId[] {
    const { runs, events } = this.deps;
    const ended: RunId[] = [];
    for (const id of runs.unfinishedRunIds()) {
      if (this.active.has(id)) continue;
      let seq = events.lastSeq(id) ?? 0;
      const append = (body: RunEventBody): void => events.append({ ...body, runId: id, seq: ++seq, ts: Date.now() } as RunEvent);
      for (const execution of runs.unfinishedExecutions(id)) {
        for (const attempt of execution.runningAttempts) {
          append({ type: 'attempt-failed', executionId: execution.executionId, attempt, kind: 'system', reason: SERVER_RESTARTED });
        }
        append({ type: 'node-failed', executionId: execution.executionId, kind: 'system', reason: SERVER_RESTARTED });
      }
      append({ type: 'run-failed', reason: SERVER_RESTARTED });
      ended.push(id);
    }
    events.flush();
    for (const id of ended) {
      const run = runs.get(id);
      if (run && this.deps.abandoned) void this.deps.abandoned(run);
    }
    return ended;
  }

  /** Cancels every active run and waits (up to `timeoutMs`) for them to end, then writes every queued event. */
  async shutdown(reason = 'server stopped', timeoutMs = 10_000): Promise<void> {
    await this.cancelAndWait([...this.active.values()], reason, timeoutMs);
    this.deps.events.flush();
  }

  private async cancelAndWait(runs: ActiveRun[], reason: string, timeoutMs: number): Promise<void> {
    if (runs.length === 0) return;
    const waiting = runs.map((run) => {
      run.handle?.cancel(reason);
      return run.done;
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(waiting),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }

  private start(
    id: RunId,
    workflowId: WorkflowId,
    version: number,
    doc: WorkflowDoc,
    inputs: Record<string, Json>,
    executor: Executor,
    reuse: Map<string, Record<string, Json>> | undefined,
  ): void {
    const run: ActiveRun = { workflowId, seq: 0, version, ended: false, droppedAfterEnd: 0 };
    this.active.set(id, run);
    const emit = (body: RunEventBody): void => this.emit(id, run, body);
    let outcome: Promise<RunOutcome>;
    try {
      run.handle = this.deps.startRun({
        doc,
        runId: id,
        version,
        inputs,
        executor,
        emit,
        ...(this.deps.cache ? { cache: this.deps.cache } : {}),
        ...(reuse ? { reuse } : {}),
      });
      outcome = run.handle.done;
    } catch (e) {
      outcome = Promise.reject(e);
    }
    run.done = outcome.then(
      (result) => this.finish(id, run, result),
      (e: unknown) => {
        // RunSetupError: the scheduler refused the run before starting anything (its message says why).
        const message = e instanceof Error ? (e.name === 'RunSetupError' ? e.message : `internal error: ${e.message}`) : String(e);
        this.finish(id, run, { status: 'failed', outputs: {}, error: message });
      },
    );
  }

  private emit(id: RunId, run: ActiveRun, body: RunEventBody): void {
    if (run.ended) {
      if (run.droppedAfterEnd++ === 0) process.stderr.write(`podflow: run ${id} emitted "${body.type}" after its final event; dropped\n`);
      return;
    }
    const withVersion = body.type === 'run-started' && body.version === undefined ? { ...body, version: run.version } : body;
    const event = { ...withVersion, runId: id, seq: ++run.seq, ts: Date.now() } as RunEvent;
    if (isTerminalRunEvent(event)) run.ended = true;
    this.deps.events.append(event);
  }

  /** The scheduler normally ends a run with its final event; when it did not (a bug), one is made from the outcome. */
  private finish(id: RunId, run: ActiveRun, outcome: RunOutcome): void {
    if (!run.ended) {
      if (outcome.status === 'succeeded') this.emit(id, run, { type: 'run-succeeded', outputs: outcome.outputs });
      else if (outcome.status === 'cancelled') this.emit(id, run, { type: 'run-cancelled', ...(outcome.error ? { reason: outcome.error } : {}) });
      else this.emit(id, run, { type: 'run-failed', reason: outcome.error ?? 'the run failed' });
    }
    this.active.delete(id);
  }

  private reuseFor(
    workflowId: WorkflowId,
    from: { runId: RunId; fromNode?: string },
    doc: WorkflowDoc,
    inputs: Record<string, Json>,
  ): Map<string, Record<string, Json>> {
    const previous = this.deps.runs.get(from.runId);
    if (!previous) throw notFound(`run ${from.runId}`, 'reuseFrom.runId');
    if (previous.workflowId !== workflowId) {
      throw badRequest('reuseFrom.runId', `run ${from.runId} is a run of another workflow (${previous.workflowId})`);
    }
    if (from.fromNode !== undefined && !findNode(doc, from.fromNode)) {
      throw badRequest('reuseFrom.fromNode', `the workflow has no node "${from.fromNode}"`);
    }
    if (isTerminalRunStatus(previous.status) === false) {
      throw new ApiError(409, 'run-not-finished', `run ${from.runId} is still ${previous.status}; re-run from it once it has ended`, {
        field: 'reuseFrom.runId',
      });
    }
    const previousVersion = this.deps.workflows.getVersion(workflowId, previous.version);
    if (!previousVersion) return new Map();
    return reusableOutputs({ doc: previousVersion.document, inputs: previous.inputs, executions: previous.executions }, doc, inputs, from.fromNode);
  }
}
