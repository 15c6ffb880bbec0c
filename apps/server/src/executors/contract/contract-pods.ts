import { compile, parseWorkflow, type CompiledPod, type Json, type LogStream, type TaskPod, type WorkflowDoc } from '@podflow/core';
import type { AttemptRequest, AttemptResult, AttemptSink, LiveWatch } from '../executor';

/**
 * Pods for executor tests, built by core's `compile` from a one-task workflow, so that every executor runs exactly
 * what a real run would hand it.
 */
export interface ContractTask {
  name: string;
  code: string;
  type?: 'python' | 'dynamic';
  pod?: TaskPod;
  /** Extra tasks (a dynamic task's callees). */
  others?: { name: string; code: string }[];
}

let counter = 0;

export function contractWorkflow(task: ContractTask): WorkflowDoc {
  const parsed = parseWorkflow({
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'executor-contract' },
    spec: {
      tasks: [
        { name: task.name, type: task.type ?? 'python', code: task.code, ...(task.pod ? { pod: task.pod } : {}) },
        ...(task.others ?? []).map((t) => ({ name: t.name, type: 'python', code: t.code })),
      ],
      nodes: [{ id: task.name, task: task.name }],
    },
  });
  if (!parsed.ok) throw new Error(`contract workflow: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return parsed.doc;
}

/** An attempt request for one task, compiled for a fresh run id. */
export function contractRequest(task: ContractTask, inputs: Record<string, Json> = {}, extra: Partial<AttemptRequest> = {}): AttemptRequest {
  const runId = `contract-${process.pid}-${++counter}`;
  const compiled: CompiledPod = compile(contractWorkflow(task), task.name, { runId, attempt: 0, inputs });
  return { compiled, runId, executionId: compiled.executionId, attempt: 0, ...extra };
}

export interface RecordedLog {
  container: string;
  stream: LogStream;
  line: string;
  ts: number;
}

/** A sink that keeps everything, in arrival order. */
export class RecordingSink implements AttemptSink {
  readonly logs: RecordedLog[] = [];
  /** Whether someone follows the run live (absent: watched). */
  watched?: LiveWatch;
  readonly ended: { container: string; exitCode: number | null; reason?: string }[] = [];
  /** `log:<container>` / `ended:<container>` in arrival order. */
  readonly order: string[] = [];
  private readonly waiters: { test: (l: RecordedLog) => boolean; resolve: () => void }[] = [];

  log(container: string, stream: LogStream, line: string, ts: number): void {
    const entry = { container, stream, line, ts };
    this.logs.push(entry);
    this.order.push(`log:${container}`);
    for (const w of [...this.waiters]) {
      if (w.test(entry)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  containerEnded(container: string, exitCode: number | null, reason?: string): void {
    this.ended.push({ container, exitCode, ...(reason !== undefined ? { reason } : {}) });
    this.order.push(`ended:${container}`);
  }

  lines(container: string, stream?: LogStream): string[] {
    return this.logs.filter((l) => l.container === container && (!stream || l.stream === stream)).map((l) => l.line);
  }

  /** Resolves when a matching line arrives (or has arrived). */
  waitForLine(test: (l: RecordedLog) => boolean): Promise<void> {
    if (this.logs.some(test)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }
}

/** The outputs of a successful attempt (throws with the reason otherwise). */
export function outputsOf(result: AttemptResult): Record<string, Json> {
  if (!result.ok) throw new Error(`the attempt failed (${result.kind}): ${result.reason}`);
  if (!('outputs' in result)) throw new Error('the attempt returned a sub-DAG, not outputs');
  return result.outputs;
}
