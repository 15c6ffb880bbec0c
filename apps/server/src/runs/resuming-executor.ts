import { attemptFailure, type AttemptRequest, type AttemptResult, type AttemptSink, type Executor } from '../executors/executor';
import type { ReattachedAttempt } from '../executors/kubernetes/kubernetes-executor';
import { attemptKey, type ResumePlan } from './resume-plan';

/**
 * The executor of a resumed run (issue #17 §1). The scheduler runs the workflow again from the start; each attempt
 * it asks for is answered from what happened before the restart, so that nothing runs twice:
 * - an attempt that ended is answered with its recorded result at once (no pod);
 * - an attempt that was in flight is re-attached to its pod (found by label): a pod still running is followed, a pod
 *   that finished while the server was down counts with its real result (termination message, logs not yet
 *   stored); when its pod is gone, the attempt is created again under the same name (the API server tells if it
 *   still exists);
 * - anything else is new, and goes to the real executor.
 */
export class ResumingExecutor implements Executor {
  readonly name: string;
  private readonly pods = new Map<string, ReattachedAttempt>();
  /** For tests and the log: attempts answered from the record, re-attached, and new. */
  readonly counts = { replayed: 0, reattached: 0, fresh: 0 };

  constructor(
    private readonly inner: Executor,
    private readonly plan: ResumePlan,
    reattached: readonly ReattachedAttempt[],
  ) {
    this.name = inner.name;
    for (const pod of reattached) this.pods.set(attemptKey(pod.executionId, pod.attempt), pod);
  }

  /** Pods of the run that no attempt asked for (the scheduler did not get that far again): to be removed. */
  unclaimed(): ReattachedAttempt[] {
    return [...this.pods.values()];
  }

  runAttempt(request: AttemptRequest, sink: AttemptSink, signal: AbortSignal): Promise<AttemptResult> {
    const key = attemptKey(request.executionId, request.attempt);
    const recorded = this.plan.attempt(request.executionId, request.attempt);
    if (recorded && recorded.state !== 'started') {
      this.counts.replayed++;
      if (recorded.state === 'succeeded') return Promise.resolve({ ok: true, outputs: recorded.outputs });
      if (recorded.state === 'dynamic') return Promise.resolve({ ok: true, dynamic: recorded.spec });
      return Promise.resolve(attemptFailure(recorded.kind, recorded.reason, recorded.exitCode));
    }
    const pod = this.pods.get(key);
    if (pod) {
      this.pods.delete(key);
      this.counts.reattached++;
      const lastLogTs = recorded?.state === 'started' ? recorded.lastLogTs : undefined;
      return pod.resume(sink, signal, {
        ...(request.timeoutSeconds !== undefined ? { timeoutSeconds: request.timeoutSeconds } : {}),
        ...(lastLogTs !== undefined ? { logsAfter: lastLogTs } : {}),
      });
    }
    this.counts.fresh++;
    return this.inner.runAttempt(request, sink, signal);
  }

  /** The inner executor is the server's, shared with other runs: it is not closed here. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
