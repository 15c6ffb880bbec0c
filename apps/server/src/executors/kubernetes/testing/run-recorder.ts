import { parseWorkflow, type RunEventBody, type WorkflowDoc } from '@podflow/core';

/** A one-file workflow document from its spec. */
export function workflowDoc(name: string, spec: Record<string, unknown>): WorkflowDoc {
  const parsed = parseWorkflow({ apiVersion: 'podflow/v1alpha1', kind: 'Workflow', metadata: { name }, spec });
  if (!parsed.ok) throw new Error(`workflow ${name}: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return parsed.doc;
}

/** Collects a run's events; tests wait for one to arrive. */
export class RunRecorder {
  readonly events: (RunEventBody & { at: number })[] = [];
  private readonly waiters: { test: (e: RunEventBody) => boolean; resolve: (e: RunEventBody) => void }[] = [];

  readonly emit = (event: RunEventBody): void => {
    this.events.push({ ...event, at: performance.now() });
    for (const w of [...this.waiters]) {
      if (w.test(event)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(event);
      }
    }
  };

  of<T extends RunEventBody['type']>(type: T): Extract<RunEventBody, { type: T }>[] {
    return this.events.filter((e) => e.type === type) as unknown as Extract<RunEventBody, { type: T }>[];
  }

  waitFor<T extends RunEventBody['type']>(type: T, test: (e: Extract<RunEventBody, { type: T }>) => boolean = () => true): Promise<Extract<RunEventBody, { type: T }>> {
    const match = (e: RunEventBody) => e.type === type && test(e as Extract<RunEventBody, { type: T }>);
    const found = this.events.find(match);
    if (found) return Promise.resolve(found as unknown as Extract<RunEventBody, { type: T }>);
    return new Promise((resolve) => this.waiters.push({ test: match, resolve: (e) => resolve(e as Extract<RunEventBody, { type: T }>) }));
  }
}
