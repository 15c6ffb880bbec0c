import {
  findNode,
  formatDiagnostic,
  type Json,
  type RunEvent,
  type RunEventBody,
  type RunCheck,
  type RunId,
  type WorkflowDoc,
  type EarlierRun,
  resolveNodeInputs,
  resolveRunInputs,
  singleNodeDoc,
} from '@podflow/core';
import type { AttemptResult, Executor } from '../executors/executor';
import type { ReattachedAttempt } from '../executors/kubernetes/kubernetes-executor';
import { ApiError, badRequest, notFound } from '../http/api-error';
import { newRunId, type WorkflowId } from '../store/ids';
import type { AttemptResultStore } from '../store/attempt-result-store';
import type { RunEventStore } from '../store/run-event-store';
import { isTerminalRunStatus, type ExecutorKind, type RunOptions, type RunRecord, type RunStore } from '../store/run-store';
import type { WorkflowStore } from '../store/workflow-store';
import { checkRunWithPython } from '../validation/python-syntax';
import { cachedPythonSyntax } from './cached-python-syntax';
import { isTerminalRunEvent } from './is-terminal-run-event';
import { ResumePlan } from './resume-plan';
import { ResumingExecutor } from './resuming-executor';
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
  /** The executor of runs that name none (default `local`). */
  defaultExecutor?: ExecutorKind;
  cache?: OutputCache;
  /** Told about each run that `reconcile` ended, to remove what it may have left on its executor. */
  abandoned?: (run: RunRecord) => Promise<void>;
  /** Attempt results written the moment they are known (read back when a run is resumed). */
  attemptResults?: AttemptResultStore;
  /**
   * Finds a Kubernetes run's pods again after a restart (by label): the executor to go on with and the pods that are
   * still there. Without it, Kubernetes runs are failed at restart like local ones.
   */
  reattach?: (run: RunRecord, doc: WorkflowDoc) => Promise<{ executor: Executor; pods: ReattachedAttempt[] }>;
}

export interface CreateRunRequest {
  workflowId: WorkflowId;
  version?: number;
  inputs?: Record<string, Json>;
  executor?: ExecutorKind;
  kubernetes?: { context?: string; namespace?: string };
  reuseFrom?: { runId: RunId; fromNode?: string };
  /** Run only this node: its ports take `inputs`, then what run `inputsFrom` (or the workflow `inputs`) gives them. */
  only?: { node: string; inputs?: Record<string, Json>; inputsFrom?: RunId };
}

interface ActiveRun {
  workflowId: WorkflowId;
  seq: number;
  version: number;
  ended: boolean;
  droppedAfterEnd: number;
  handle?: RunHandle;
  done?: Promise<void>;
  /** A resumed run: the events stored before the restart, which the scheduler emits again and which are dropped. */
  replay?: ResumePlan;
  /** A cancel that came while the run was being resumed (before its scheduler started). */
  cancelled?: string;
}

/** Why a run that a previous server process left unfinished was failed (a local run: its processes died with it). */
export const SERVER_RESTARTED = 'server restarted: the processes of a local run end with the server (Kubernetes runs are resumed)';

export class RunService {
  private readonly active = new Map<RunId, ActiveRun>();
  private readonly checked = new WeakMap<WorkflowDoc, Promise<RunCheck>>();

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

    // A run of one node runs a document of that node alone: only its own problems stop it.
    const only = request.only ? this.singleNode(request.workflowId, doc, request.only, request) : undefined;
    const runDoc = only?.doc ?? doc;

    const { blockers: errors } = await this.check(runDoc);
    if (errors.length > 0) {
      const what = only ? `node ${request.only!.node}` : 'the workflow';
      throw new ApiError(
        422,
        'invalid-workflow',
        `${what} has ${errors.length} error${errors.length > 1 ? 's' : ''} to fix before it can run; first: ${formatDiagnostic(errors[0]!)}`,
        { issues: errors },
      );
    }
    const resolved = only ? { ok: true as const, inputs: {} } : resolveRunInputs(doc, request.inputs ?? {});
    if (!resolved.ok) throw badRequest(resolved.problems[0]!.field, resolved.problems.map((p) => p.message).join('; '));

    const reuse = request.reuseFrom ? this.reuseFor(request.workflowId, request.reuseFrom, doc, resolved.inputs) : undefined;
    const kind = request.executor ?? this.deps.defaultExecutor ?? 'local';
    const executor = await this.deps.executorFor(kind, request.kubernetes);

    const version = request.version ?? workflows.createVersion(request.workflowId, 'run', { reuseUnchanged: true, document: doc });
    if (version === undefined) throw notFound(`workflow ${request.workflowId}`, 'workflowId');
    const options: RunOptions = {};
    if (request.kubernetes) options.kubernetes = request.kubernetes;
    if (request.reuseFrom) options.reuseFrom = request.reuseFrom;
    if (only) options.only = { node: request.only!.node, inputs: only.inputs, ...(request.only!.inputsFrom ? { inputsFrom: request.only!.inputsFrom } : {}) };
    const id = newRunId();
    const record = runs.create({ id, workflowId: request.workflowId, version, executor: kind, inputs: resolved.inputs, options });
    this.start(id, request.workflowId, version, runDoc, resolved.inputs, executor, reuse, undefined, true);
    return record;
  }

  /**
   * "May this run?" of a document (core's rules and Python's own syntax check), once per document: the stores answer
   * the same parsed object for the same stored text and documents are never changed, so the runs of an unchanged
   * workflow share one check (concurrent ones, one pending check).
   */
  private check(doc: WorkflowDoc): Promise<RunCheck> {
    let known = this.checked.get(doc);
    if (!known) {
      known = checkRunWithPython(doc, cachedPythonSyntax);
      this.checked.set(doc, known);
      known.catch(() => this.checked.delete(doc));
    }
    return known;
  }

  /** The document and input values of a run of one node (`only`); refusals name the field. */
  private singleNode(
    workflowId: WorkflowId,
    doc: WorkflowDoc,
    only: NonNullable<CreateRunRequest['only']>,
    request: CreateRunRequest,
  ): { doc: WorkflowDoc; inputs: Record<string, Json> } {
    if (request.reuseFrom) throw badRequest('only', 'a run of one node takes its upstream values from `only.inputsFrom`; `reuseFrom` is for re-running the workflow from a node');
    if (!findNode(doc, only.node)) throw badRequest('only.node', `the workflow has no node "${only.node}"`);
    let from: EarlierRun | undefined;
    if (only.inputsFrom) {
      const previous = this.deps.runs.get(only.inputsFrom);
      if (!previous) throw notFound(`run ${only.inputsFrom}`, 'only.inputsFrom');
      if (previous.workflowId !== workflowId) throw badRequest('only.inputsFrom', `run ${only.inputsFrom} is a run of another workflow (${previous.workflowId})`);
      if (!isTerminalRunStatus(previous.status)) {
        throw new ApiError(409, 'run-not-finished', `run ${only.inputsFrom} is still ${previous.status}; take inputs from it once it has ended`, { field: 'only.inputsFrom' });
      }
      const outputs = new Map(previous.executions.filter((e) => e.status === 'succeeded' || e.status === 'cached').map((e) => [e.executionId, e.outputs ?? undefined]));
      from = { inputs: previous.inputs, outputsOf: (id) => outputs.get(id) ?? undefined };
    }
    const resolved = resolveNodeInputs(doc, only.node, {
      ...(only.inputs ? { given: only.inputs } : {}),
      ...(request.inputs ? { workflowInputs: request.inputs } : {}),
      ...(from ? { from, fromLabel: `run ${only.inputsFrom}` } : {}),
    });
    if (!resolved.ok) throw badRequest(resolved.problems[0]!.field, resolved.problems.map((p) => p.message).join('; '));
    return { doc: singleNodeDoc(doc, only.node, resolved.inputs), inputs: resolved.inputs };
  }

  /** `accepted`: the run is being cancelled; `ended`: it had already ended; undefined: no such run. */
  cancel(id: RunId, reason = 'cancelled from the API'): 'accepted' | 'ended' | undefined {
    const run = this.active.get(id);
    if (run && !run.ended) {
      if (run.handle) run.handle.cancel(reason);
      else run.cancelled ??= reason;
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

  /** Runs being resumed after a restart (by `reconcile`), for the start-up message and tests. */
  readonly resumed: RunId[] = [];

  /**
   * Deals with the runs that a previous server process left queued or running (issue #17 §1). A Kubernetes run is
   * resumed (with `reattach`): its scheduler state is rebuilt from its stored events and its pods are found again,
   * in the background; its id goes to `resumed`. Any other run is failed, with its unfinished attempts and
   * executions: a local run's processes died with the server (SERVER_RESTARTED says so). Returns the failed runs.
   */
  reconcile(): RunId[] {
    const { runs, events } = this.deps;
    const ended: RunId[] = [];
    for (const id of runs.unfinishedRunIds()) {
      if (this.active.has(id)) continue;
      const run = runs.get(id);
      if (run?.executor === 'kubernetes' && this.deps.reattach) {
        this.resumed.push(id);
        this.resume(run);
        continue;
      }
      this.failUnfinished(id, SERVER_RESTARTED);
      ended.push(id);
    }
    events.flush();
    for (const id of ended) {
      const run = runs.get(id);
      if (run && this.deps.abandoned) void this.deps.abandoned(run);
    }
    return ended;
  }

  /** Fails every unfinished attempt and execution of a run, then the run, with `reason` (events stored as usual). */
  private failUnfinished(id: RunId, reason: string, from?: ActiveRun): void {
    const { runs, events } = this.deps;
    let seq = from?.seq ?? events.lastSeq(id) ?? 0;
    const append = (body: RunEventBody): void => events.append({ ...body, runId: id, seq: ++seq, ts: Date.now() } as RunEvent);
    for (const execution of runs.unfinishedExecutions(id)) {
      for (const attempt of execution.runningAttempts) {
        append({ type: 'attempt-failed', executionId: execution.executionId, attempt, kind: 'system', reason });
      }
      append({ type: 'node-failed', executionId: execution.executionId, kind: 'system', reason });
    }
    append({ type: 'run-failed', reason });
    this.deps.attemptResults?.forget(id);
    if (from) {
      from.seq = seq;
      from.ended = true;
    }
  }

  /** Goes on with a Kubernetes run after a restart; if that cannot be done, fails it saying why. */
  private resume(record: RunRecord): void {
    const { id, workflowId, version } = record;
    const { events, workflows } = this.deps;
    const stored: RunEvent[] = [];
    for (let after = 0; ; ) {
      const page = events.readAfter(id, after, 5000);
      stored.push(...page);
      if (page.length === 0) break;
      after = page[page.length - 1]!.seq;
    }
    const plan = new ResumePlan(stored, this.deps.attemptResults?.ofRun(id));
    const active: ActiveRun = { workflowId, seq: plan.lastSeq, version, ended: false, droppedAfterEnd: 0, replay: plan };
    this.active.set(id, active);
    const failResume = (why: string) => {
      this.failUnfinished(id, `server restarted, and the run could not be resumed: ${why}`, active);
      this.active.delete(id);
      events.flush();
      if (this.deps.abandoned) void this.deps.abandoned(record);
    };
    const doc = workflows.getVersion(workflowId, version)?.document;
    if (!doc) {
      failResume(`version ${version} of workflow ${workflowId} is gone`);
      return;
    }
    active.done = (async () => {
      let found: { executor: Executor; pods: ReattachedAttempt[] };
      try {
        found = await this.deps.reattach!(record, doc);
      } catch (e) {
        failResume((e as Error).message);
        return;
      }
      const executor = new ResumingExecutor(found.executor, plan, found.pods);
      this.start(id, workflowId, version, doc, record.inputs, executor, undefined, active);
      if (active.cancelled !== undefined) active.handle?.cancel(active.cancelled);
      await active.done;
      // Pods the resumed scheduler never asked for (it stopped earlier this time, e.g. cancelled): removed.
      const stop = new AbortController();
      stop.abort();
      await Promise.all(executor.unclaimed().map((pod) => pod.resume({ log: () => {} }, stop.signal)));
    })();
  }

  /** Cancels every active run and waits (up to `timeoutMs`) for them to end, then writes every queued event. */
  async shutdown(reason = 'server stopped', timeoutMs = 10_000): Promise<void> {
    await this.cancelAndWait([...this.active.values()], reason, timeoutMs);
    this.deps.events.flush();
  }

  private async cancelAndWait(runs: ActiveRun[], reason: string, timeoutMs: number): Promise<void> {
    if (runs.length === 0) return;
    const waiting = runs.map((run) => {
      if (run.handle) run.handle.cancel(reason);
      else run.cancelled ??= reason; // being resumed, its scheduler not started yet: cancelled as it starts
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
    resumed?: ActiveRun,
    checked?: true,
  ): void {
    const run: ActiveRun = resumed ?? { workflowId, seq: 0, version, ended: false, droppedAfterEnd: 0 };
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
        ...(checked ? { checked } : {}),
        ...(this.deps.attemptResults ? { checkpoint: (executionId: string, attempt: number, result: AttemptResult) => this.deps.attemptResults!.put(id, executionId, attempt, result) } : {}),
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
    if (run.replay?.consume(body)) return; // stored before the restart
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
    this.deps.attemptResults?.forget(id);
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
