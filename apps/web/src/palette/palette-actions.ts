import {
  addNode,
  addTask,
  addWorkflowInput,
  inputsOf,
  outputsOf,
  tasksOf,
  type NodeId,
  type Position,
  type TaskKind,
  type WorkflowDoc,
} from '@podflow/core';

/**
 * What dropping a palette item does to the document: each is a pure function built from core ops, returning the
 * new document and the canvas id of what was created (so it can be selected), or a reason it was refused.
 */
export type PaletteResult = { ok: true; doc: WorkflowDoc; id: string } | { ok: false; reason: string };

/** `task_1`, `task_2`…: the first free name (tasks, and node ids so the node can take the task's name). */
export function freshName(base: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

export function starterCode(kind: TaskKind, name: string): string {
  if (kind === 'dynamic') {
    return [
      `def ${name}(n: int) -> list[int]:`,
      '    # A dynamic task calls other tasks of this workflow with keyword arguments,',
      '    # e.g. results = [square(x=i) for i in range(n)]; each call runs in its own pod.',
      '    return list(range(n))',
      '',
    ].join('\n');
  }
  return `def ${name}(x: int) -> int:\n    return x\n`;
}

function takenNames(doc: WorkflowDoc): Set<string> {
  const taken = new Set<string>(tasksOf(doc).map((t) => t.name));
  for (const n of doc.spec.nodes ?? []) taken.add(n.id);
  return taken;
}

/** A new task with starter code and a node invoking it (a map node when `map`). */
export function addNewTask(doc: WorkflowDoc, kind: TaskKind, position: Position, options: { map?: boolean } = {}): PaletteResult {
  const name = freshName(kind === 'dynamic' ? 'dynamic' : 'task', takenNames(doc));
  const added = addTask(doc, { name, type: kind, code: starterCode(kind, name) });
  if (!added.ok) return added;
  const { doc: next, id } = addNode(added.doc, { task: name, position, ...(options.map ? { map: {} } : {}) });
  return { ok: true, doc: next, id };
}

/** Another node invoking an existing task (a map node over it when `map`). */
export function addTaskNode(doc: WorkflowDoc, task: string, position: Position, options: { map?: boolean } = {}): PaletteResult {
  const def = tasksOf(doc).find((t) => t.name === task);
  if (!def) return { ok: false, reason: `There is no task named "${task}".` };
  if (options.map && def.type === 'dynamic') return { ok: false, reason: `A dynamic task cannot be mapped ("${task}" is dynamic).` };
  const { doc: next, id }: { doc: WorkflowDoc; id: NodeId } = addNode(doc, { task, position, ...(options.map ? { map: {} } : {}) });
  return { ok: true, doc: next, id };
}

export function addNewWorkflowInput(doc: WorkflowDoc, position: Position): PaletteResult {
  const taken = new Set(inputsOf(doc).map((i) => i.name));
  const name = freshName('input', taken);
  const result = addWorkflowInput(doc, { name, type: 'int' }, position);
  return result.ok ? { ok: true, doc: result.doc, id: `input:${name}` } : result;
}

/**
 * A name for a new workflow output: `o0`, `o1`… (as Flyte names a workflow's outputs). The output itself joins the
 * document when a value is connected to it (an output must say where its value comes from).
 */
export function freshOutputName(doc: WorkflowDoc, pending: readonly string[]): string {
  const taken = new Set([...outputsOf(doc).map((o) => o.name), ...pending]);
  for (let n = 0; ; n++) if (!taken.has(`o${n}`)) return `o${n}`;
}
