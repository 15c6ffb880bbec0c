import type { DynamicSpec, FailureKind, Json, RunEvent, RunEventBody } from '@podflow/core';
import type { AttemptResult } from '../executors/executor';

/** What the stored events say about one attempt of a run that a previous server left unfinished. */
export type RecordedAttempt =
  | { state: 'succeeded'; outputs: Record<string, Json> }
  | { state: 'dynamic'; spec: DynamicSpec }
  | { state: 'failed'; kind: FailureKind; reason: string; exitCode?: number | null }
  /** Started, not ended: its pod may still be there (or have finished while the server was down). */
  | { state: 'started'; lastLogTs?: number };

/**
 * A run's scheduler state, rebuilt from its stored events (issue #17 §1): how each attempt ended, or that it was in
 * flight; and the events already recorded, which the resumed scheduler emits again as it replays and which are
 * therefore dropped (each recorded event is matched once), so that the stream goes on without repeats.
 */
export class ResumePlan {
  private readonly attempts = new Map<string, RecordedAttempt>();
  private readonly recorded = new Map<string, number>();
  /** The last sequence number stored: the resumed run continues after it. */
  readonly lastSeq: number;

  /**
   * `events`: the run's stored events, in order. `checkpoints`: attempt results written the moment they were known
   * (`EXECUTION#ATTEMPT` → result), which may be newer than the events (the server died before writing them).
   */
  constructor(events: readonly RunEvent[], checkpoints: ReadonlyMap<string, AttemptResult> = new Map()) {
    const nodeOutputs = new Map<string, Record<string, Json>>();
    const dynamic = new Map<string, DynamicSpec>();
    const succeeded: { executionId: string; attempt: number }[] = [];
    let lastSeq = 0;
    for (const e of events) {
      lastSeq = Math.max(lastSeq, e.seq);
      const key = replayKey(e);
      if (key) this.recorded.set(key, (this.recorded.get(key) ?? 0) + 1);
      switch (e.type) {
        case 'attempt-started':
          this.attempts.set(attemptKey(e.executionId, e.attempt), { state: 'started' });
          break;
        case 'log': {
          const a = this.attempts.get(attemptKey(e.executionId, e.attempt));
          if (a?.state === 'started') a.lastLogTs = Math.max(a.lastLogTs ?? 0, e.ts);
          break;
        }
        case 'attempt-failed':
          this.attempts.set(attemptKey(e.executionId, e.attempt), { state: 'failed', kind: e.kind, reason: e.reason, ...(e.exitCode !== undefined ? { exitCode: e.exitCode } : {}) });
          break;
        case 'attempt-succeeded':
          succeeded.push({ executionId: e.executionId, attempt: e.attempt });
          break;
        case 'dynamic-expanded':
          dynamic.set(e.executionId, e.spec);
          break;
        case 'node-succeeded':
          nodeOutputs.set(e.executionId, e.outputs);
          break;
        default:
          break;
      }
    }
    // A succeeded attempt's result: a dynamic task's sub-DAG, else its execution's outputs. When neither was stored
    // (the server died between the two events), the attempt counts as in flight: its pod is looked for again.
    for (const { executionId, attempt } of succeeded) {
      const spec = dynamic.get(executionId);
      const outputs = nodeOutputs.get(executionId);
      const key = attemptKey(executionId, attempt);
      if (spec) this.attempts.set(key, { state: 'dynamic', spec });
      else if (outputs) this.attempts.set(key, { state: 'succeeded', outputs });
    }
    for (const [key, result] of checkpoints) {
      if (this.attempts.get(key)?.state !== 'started' && this.attempts.has(key)) continue;
      if (!result.ok) this.attempts.set(key, { state: 'failed', kind: result.kind, reason: result.reason, ...(result.exitCode !== undefined ? { exitCode: result.exitCode } : {}) });
      else if ('dynamic' in result) this.attempts.set(key, { state: 'dynamic', spec: result.dynamic });
      else this.attempts.set(key, { state: 'succeeded', outputs: result.outputs });
    }
    this.lastSeq = lastSeq;
  }

  attempt(executionId: string, attempt: number): RecordedAttempt | undefined {
    return this.attempts.get(attemptKey(executionId, attempt));
  }

  /** True (and the recorded event used up) when `event` was already stored before the restart. */
  consume(event: RunEventBody): boolean {
    const key = replayKey(event);
    if (!key) return false;
    const left = this.recorded.get(key) ?? 0;
    if (left === 0) return false;
    if (left === 1) this.recorded.delete(key);
    else this.recorded.set(key, left - 1);
    return true;
  }
}

export const attemptKey = (executionId: string, attempt: number): string => `${executionId}#${attempt}`;

/** What identifies an event when the scheduler emits it again (log lines are never replayed: their pods are gone). */
function replayKey(e: RunEventBody): string | undefined {
  switch (e.type) {
    case 'log':
      return undefined;
    case 'container-ended':
      return `${e.type}|${e.executionId}|${e.attempt}|${e.container}`;
    case 'pod-event':
      return `${e.type}|${e.executionId}|${e.attempt}|${e.reason}|${e.message}`;
    default:
      return `${e.type}|${'executionId' in e ? e.executionId : ''}|${'attempt' in e ? e.attempt : ''}`;
  }
}
