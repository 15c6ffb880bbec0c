import type { DynamicSpec, FailureKind, Json, RunEventBody } from '@podflow/core';
import { parseWorkflow, type WorkflowDoc } from '@podflow/core';
import type { AttemptRequest, AttemptResult, AttemptSink, Executor } from '../../executors/executor';

/** What the fake does for one attempt. */
export type FakeResponse =
  | { outputs: Record<string, Json> }
  | { dynamic: DynamicSpec }
  | { fail: FailureKind; reason?: string; exitCode?: number }
  /** Runs until aborted (then reports cancelled). */
  | { hang: true }
  /** Waits for `until`, then answers `then`. */
  | { until: Promise<unknown>; then: FakeResponse }
  | { throws: string };

export interface FakeCall {
  request: AttemptRequest;
  signal: AbortSignal;
  task: string;
  inputs: Record<string, Json>;
}

/**
 * An executor that runs nothing: `respond` decides each attempt from its task, inputs, execution id and attempt.
 * It records every call, how many ran at once, and honours the abort signal as the contract says.
 */
export class FakeExecutor implements Executor {
  readonly name = 'fake';
  readonly calls: FakeCall[] = [];
  running = 0;
  maxRunning = 0;
  closed = false;

  constructor(private readonly respond: (call: FakeCall) => FakeResponse) {}

  async runAttempt(request: AttemptRequest, sink: AttemptSink, signal: AbortSignal): Promise<AttemptResult> {
    const call: FakeCall = { request, signal, task: request.compiled.task, inputs: request.compiled.inputs };
    this.calls.push(call);
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      sink.log('primary', 'stdout', `running ${request.executionId} attempt ${request.attempt}`, Date.now());
      return await this.answer(this.respond(call), signal, sink);
    } finally {
      this.running--;
    }
  }

  private async answer(response: FakeResponse, signal: AbortSignal, sink: AttemptSink): Promise<AttemptResult> {
    await Promise.resolve(); // never answer synchronously
    if (signal.aborted) return { ok: false, kind: 'cancelled', reason: 'cancelled' };
    if ('throws' in response) throw new Error(response.throws);
    if ('until' in response) {
      const aborted = new Promise<'aborted'>((resolve) => signal.addEventListener('abort', () => resolve('aborted'), { once: true }));
      if ((await Promise.race([response.until, aborted])) === 'aborted') return { ok: false, kind: 'cancelled', reason: 'cancelled' };
      return this.answer(response.then, signal, sink);
    }
    if ('hang' in response) {
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      return { ok: false, kind: 'cancelled', reason: 'cancelled' };
    }
    if ('fail' in response) {
      sink.log('primary', 'stderr', response.reason ?? 'failed', Date.now());
      sink.containerEnded?.('primary', response.exitCode ?? 1, 'Error');
      return { ok: false, kind: response.fail, reason: response.reason ?? `${response.fail} failure`, ...(response.exitCode !== undefined ? { exitCode: response.exitCode } : {}) };
    }
    sink.containerEnded?.('primary', 0, 'Completed');
    return 'dynamic' in response ? { ok: true, dynamic: response.dynamic } : { ok: true, outputs: response.outputs };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** A gate a test opens when it wants: `gate.open()`, `gate.promise`. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** A workflow from a compact spec; every task is Python code whose signature core reads. */
export function workflow(spec: Record<string, unknown>): WorkflowDoc {
  const parsed = parseWorkflow({ apiVersion: 'podflow/v1alpha1', kind: 'Workflow', metadata: { name: 'sched-test' }, spec });
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return parsed.doc;
}

/** Collects emitted events; helpers to read them. */
export class EventLog {
  readonly events: RunEventBody[] = [];
  readonly emit = (e: RunEventBody) => {
    this.events.push(e);
  };

  of<T extends RunEventBody['type']>(type: T, executionId?: string): Extract<RunEventBody, { type: T }>[] {
    return this.events.filter((e): e is Extract<RunEventBody, { type: T }> => e.type === type && (executionId === undefined || ('executionId' in e && e.executionId === executionId)));
  }

  /** The event types of one execution, in order (logs and container ends left out). */
  trail(executionId: string): string[] {
    return this.events
      .filter((e) => 'executionId' in e && e.executionId === executionId && e.type !== 'log' && e.type !== 'container-ended')
      .map((e) => (e.type === 'attempt-started' || e.type === 'attempt-failed' || e.type === 'attempt-succeeded' ? `${e.type}:${e.attempt}` : e.type));
  }

  types(): string[] {
    return this.events.filter((e) => e.type !== 'log' && e.type !== 'container-ended').map((e) => ('executionId' in e ? `${e.type}:${e.executionId}` : e.type));
  }
}

/** Polls a condition on the event loop (the fake answers asynchronously). */
export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
