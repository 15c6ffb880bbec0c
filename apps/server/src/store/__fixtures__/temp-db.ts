import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { RunId, WorkflowDoc } from '@podflow/core';
import { newRunId } from '../ids';
import { RunStore } from '../run-store';
import { WorkflowStore } from '../workflow-store';

/** A fresh directory for a test database; `cleanup` removes it. */
export function tempDir(prefix = 'podflow-store-'): { dir: string; file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, file: join(dir, 'podflow.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A small valid document: one task, one node, one input with a default. */
export function sampleDoc(name = 'hello-flow', code = 'def greet(who: str) -> str:\n    return "hi " + who\n'): WorkflowDoc {
  return {
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name, description: 'a test workflow' },
    spec: {
      inputs: [{ name: 'who', type: 'str', default: 'world' }],
      outputs: [{ name: 'o0', type: 'str', from: { node: 'greet' as never, output: 'o0' } }],
      tasks: [{ name: 'greet', type: 'python', code }],
      nodes: [{ id: 'greet' as never, task: 'greet', inputs: { who: { input: 'who' } } }],
    },
  };
}

/** A database with one workflow, its version 1, and a queued local run of it: the starting point of run tests. */
export function seedRunRecord(db: Database.Database): { runs: RunStore; runId: RunId } {
  const workflows = new WorkflowStore(db);
  const { id } = workflows.create(sampleDoc());
  workflows.createVersion(id, 'v1');
  const runs = new RunStore(db);
  const runId = newRunId();
  runs.create({ id: runId, workflowId: id, version: 1, executor: 'local', inputs: {}, options: {} });
  return { runs, runId };
}
