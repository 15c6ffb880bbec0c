import type { AttemptResult, AttemptSink } from '../executor';

/**
 * Calls reach the sink in order and never after the attempt settled; a sink that throws cannot break the attempt.
 * Every line is `stdout` (the pods/log API merges a container's streams); lines stamped at or before `logsAfter`
 * (epoch ms: stored before a server restart) are skipped.
 */
export class GuardedSink {
  open = true;
  constructor(
    private readonly sink: AttemptSink,
    private readonly logsAfter: number | undefined,
  ) {}
  log(container: string, line: string, ts: number): void {
    if (!this.open || (this.logsAfter !== undefined && ts <= this.logsAfter)) return;
    try {
      this.sink.log(container, 'stdout', line, ts);
    } catch {
      // the sink's problem; the attempt goes on
    }
  }
  resultKnown(result: AttemptResult): void {
    if (!this.open) return;
    try {
      this.sink.resultKnown?.(result);
    } catch {
      // as above
    }
  }
  podEvent(reason: string, message: string, warning: boolean): void {
    if (!this.open) return;
    try {
      this.sink.podEvent?.(reason, message, warning);
    } catch {
      // as above
    }
  }
  ended(container: string, exitCode: number | null, reason?: string): void {
    if (!this.open) return;
    try {
      this.sink.containerEnded?.(container, exitCode, reason);
    } catch {
      // as above
    }
  }
}
