import type { Position, Task, WorkflowDoc, WorkflowInput, WorkflowNode, WorkflowOutput } from '../document/workflow-schema';
import { inputLayoutKey, inputsOf, nodesOf, outputLayoutKey, outputsOf, tasksOf } from '../document/accessors';
import { nodeEdges, type WorkflowEdge } from '../graph/node-edges';
import { stableStringify } from '../util/json';
import type { NodeId } from '../document/ids';
import { renameNode } from '../ops/rename-node';

/**
 * What changed between two versions of a workflow (`a` the older, `b` the newer, though any two work): nodes, edges,
 * tasks, the workflow's inputs and outputs, and its settings. Pure and structural: two documents that are equal as data
 * have an empty diff, and `diffWorkflows(b, a)` is the mirror of `diffWorkflows(a, b)` (added ↔ removed, from ↔ to).
 * A node only moved on the canvas is `moved`, not `changed`; a node whose task changed is `changed` even when the node
 * itself is the same. The compiled pods of a node's two sides come from `nodePodDiff`.
 */
export type NodeDiffStatus = 'added' | 'removed' | 'changed' | 'moved' | 'renamed';

export interface NodeDiff {
  id: string;
  status: NodeDiffStatus;
  /** The task the node invokes, on its newer side (the older one for a removed node). */
  task: string;
  /** Node fields that differ: `task`, `description`, `map`, `inputs.NAME` (a binding). */
  nodeFields: string[];
  /** Fields of the node's task that differ (see `TaskDiff.fields`); for a node whose task name changed, nothing here. */
  taskFields: string[];
  /** Set when the canvas position differs (also on a changed node). */
  moved?: { from: Position | undefined; to: Position | undefined };
  /** A renamed node's id in the older version (`id` is the newer one); its fields are compared as one node. */
  renamedFrom?: string;
}

export interface TaskDiff {
  name: string;
  /** `type`, `description`, `code`, `image`, `env`, `resources`, `retries`, `timeoutSeconds`, `cache`, `pod.labels`, `pod.spec.containers`, … */
  fields: string[];
}

export interface NamedDiff {
  name: string;
  fields: string[];
  moved?: { from: Position | undefined; to: Position | undefined };
}

export interface ListDiff<T> {
  added: string[];
  removed: string[];
  changed: T[];
}

export interface WorkflowDiff {
  /** Only nodes that differ: the newer side's order, then removed ones in the older side's order. */
  nodes: NodeDiff[];
  edges: { added: WorkflowEdge[]; removed: WorkflowEdge[] };
  tasks: ListDiff<TaskDiff>;
  inputs: ListDiff<NamedDiff>;
  outputs: ListDiff<NamedDiff>;
  /** `metadata.name`, `metadata.description`, `spec.defaults`, `spec.podTemplate`, `spec.failurePolicy`. */
  settings: string[];
}

const same = (x: unknown, y: unknown): boolean => x === y || stableStringify(x) === stableStringify(y);

/** Keys (in a stable order: `x`'s, then those only `y` has) whose values differ. */
function differingKeys(x: object | undefined, y: object | undefined, prefix = ''): string[] {
  const left = (x ?? {}) as Record<string, unknown>;
  const right = (y ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])];
  return keys.filter((k) => !same(left[k], right[k])).map((k) => prefix + k);
}

/** First occurrence of each key wins (an invalid document may repeat one; validation reports it). */
function byKey<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(key(item))) map.set(key(item), item);
  return map;
}

/** What differs between two versions of one task. `pod` is reported field by field, `pod.spec` key by key. */
export function taskFieldsChanged(a: Task, b: Task): string[] {
  const fields: string[] = [];
  for (const k of differingKeys(a, b)) {
    if (k === 'name') continue;
    if (k !== 'pod') {
      fields.push(k);
      continue;
    }
    for (const p of differingKeys(a.pod, b.pod, 'pod.')) {
      if (p === 'pod.spec' && a.pod?.spec && b.pod?.spec) fields.push(...differingKeys(a.pod.spec, b.pod.spec, 'pod.spec.'));
      else fields.push(p);
    }
  }
  return fields;
}

function nodeFieldsChanged(a: WorkflowNode, b: WorkflowNode): string[] {
  const fields = differingKeys({ task: a.task, description: a.description, map: a.map }, { task: b.task, description: b.description, map: b.map });
  return [...fields, ...differingKeys(a.inputs, b.inputs, 'inputs.')];
}

function positionOf(doc: WorkflowDoc, key: string): Position | undefined {
  const layout = doc.spec.layout;
  return layout && Object.hasOwn(layout, key) ? layout[key] : undefined;
}

function movedOf(a: WorkflowDoc, b: WorkflowDoc, key: string): NodeDiff['moved'] {
  const from = positionOf(a, key);
  const to = positionOf(b, key);
  return same(from, to) ? undefined : { from, to };
}

function listDiff<T>(
  a: readonly T[],
  b: readonly T[],
  key: (item: T) => string,
  compare: (x: T, y: T, name: string) => { name: string; fields: string[]; moved?: NamedDiff['moved'] } | undefined,
) {
  const left = byKey(a, key);
  const right = byKey(b, key);
  const changed = [];
  for (const [name, y] of right) {
    const x = left.get(name);
    const d = x === undefined ? undefined : compare(x, y, name);
    if (d) changed.push(d);
  }
  return {
    added: [...right.keys()].filter((k) => !left.has(k)),
    removed: [...left.keys()].filter((k) => !right.has(k)),
    changed,
  };
}

/** A task's code with its function's name left out, to recognise a task renamed with its function. */
const codeBody = (task: Task | undefined): string | undefined => (task?.code === undefined ? undefined : task.code.replace(new RegExp(`\\bdef\\s+${task.name}\\b`), 'def _'));

/**
 * Nodes renamed between the versions, new id → old id: a node only the older version has and one only the newer has,
 * at the same canvas position (renaming keeps a node in place; the editor lays out every node it makes), each the
 * other's only such match, invoking the same task, or a task whose code differs only in its function's name. Without
 * positions nothing pairs: two unrelated nodes are then an addition and a removal.
 */
function renamedNodes(a: WorkflowDoc, b: WorkflowDoc): Map<string, string> {
  const nodesA = byKey(nodesOf(a), (n) => n.id);
  const nodesB = byKey(nodesOf(b), (n) => n.id);
  const tasksA = byKey(tasksOf(a), (t) => t.name);
  const tasksB = byKey(tasksOf(b), (t) => t.name);
  const idsA = new Set(nodesA.keys());
  const idsB = new Set(nodesB.keys());
  const placed = (doc: WorkflowDoc, ids: Iterable<string>, others: Set<string>) => {
    const at = new Map<string, string[]>();
    for (const id of ids) {
      const p = others.has(id) ? undefined : positionOf(doc, id);
      if (p) at.set(stableStringify(p), [...(at.get(stableStringify(p)) ?? []), id]);
    }
    return at;
  };
  const gone = placed(a, idsA, idsB);
  const pairs = new Map<string, string>();
  for (const [spot, added] of placed(b, idsB, idsA)) {
    const removed = gone.get(spot);
    if (added.length !== 1 || removed?.length !== 1) continue;
    const taskA = nodesA.get(removed[0]!)!.task;
    const taskB = nodesB.get(added[0]!)!.task;
    if (taskA === taskB || (codeBody(tasksA.get(taskA)) ?? null) === (codeBody(tasksB.get(taskB)) ?? undefined)) pairs.set(added[0]!, removed[0]!);
  }
  return pairs;
}

/** `a` with its renamed nodes under their new ids (bindings, outputs and layout following), to compare with `b`. */
function withRenames(a: WorkflowDoc, renames: ReadonlyMap<string, string>): WorkflowDoc {
  let doc = a;
  for (const [to, from] of renames) {
    const r = renameNode(doc, from as NodeId, to as NodeId);
    if (r.ok) doc = r.doc;
  }
  return doc;
}

export function diffWorkflows(older: WorkflowDoc, b: WorkflowDoc): WorkflowDiff {
  // Renamed nodes are compared under their new ids, so that a rename is one change and not a removal, an addition and
  // every edge and binding that named the node.
  const renames = renamedNodes(older, b);
  const a = renames.size > 0 ? withRenames(older, renames) : older;
  const tasksA = byKey(tasksOf(a), (t) => t.name);
  const tasksB = byKey(tasksOf(b), (t) => t.name);
  const tasks = listDiff(tasksOf(a), tasksOf(b), (t) => t.name, (x, y, name) => {
    const fields = taskFieldsChanged(x, y);
    return fields.length ? { name, fields } : undefined;
  });

  const nodesA = byKey(nodesOf(a), (n) => n.id);
  const nodesB = byKey(nodesOf(b), (n) => n.id);
  const nodes: NodeDiff[] = [];
  for (const [id, y] of nodesB) {
    const x = nodesA.get(id);
    if (!x) {
      nodes.push({ id, status: 'added', task: y.task, nodeFields: [], taskFields: [] });
      continue;
    }
    const nodeFields = nodeFieldsChanged(x, y);
    const tx = tasksA.get(x.task);
    const ty = tasksB.get(y.task);
    // The same task name on both sides: what changed in it. A different task: `task` in nodeFields says it.
    const taskFields = x.task === y.task && tx && ty ? taskFieldsChanged(tx, ty) : x.task === y.task && !tx !== !ty ? ['definition'] : [];
    const moved = movedOf(a, b, id);
    const renamedFrom = renames.get(id);
    const status: NodeDiffStatus | undefined = renamedFrom !== undefined ? 'renamed' : nodeFields.length || taskFields.length ? 'changed' : moved ? 'moved' : undefined;
    if (status) nodes.push({ id, status, task: y.task, nodeFields, taskFields, ...(moved ? { moved } : {}), ...(renamedFrom !== undefined ? { renamedFrom } : {}) });
  }
  for (const [id, x] of nodesA) if (!nodesB.has(id)) nodes.push({ id, status: 'removed', task: x.task, nodeFields: [], taskFields: [] });

  const edgeKey = (e: WorkflowEdge) => stableStringify(e);
  const edgesA = byKey(nodeEdges(a), edgeKey);
  const edgesB = byKey(nodeEdges(b), edgeKey);

  const named = <T extends WorkflowInput | WorkflowOutput>(layoutKey: (name: string) => string) => (x: T, y: T, name: string) => {
    const fields = differingKeys(x, y).filter((f) => f !== 'name');
    const moved = movedOf(a, b, layoutKey(name));
    return fields.length || moved ? { name, fields, ...(moved ? { moved } : {}) } : undefined;
  };

  const settings = [
    ...differingKeys(a.metadata, b.metadata, 'metadata.'),
    ...differingKeys({ defaults: a.spec.defaults, podTemplate: a.spec.podTemplate, failurePolicy: a.spec.failurePolicy }, { defaults: b.spec.defaults, podTemplate: b.spec.podTemplate, failurePolicy: b.spec.failurePolicy }, 'spec.'),
  ];

  return {
    nodes,
    edges: { added: [...edgesB].filter(([k]) => !edgesA.has(k)).map(([, e]) => e), removed: [...edgesA].filter(([k]) => !edgesB.has(k)).map(([, e]) => e) },
    tasks,
    inputs: listDiff(inputsOf(a), inputsOf(b), (i) => i.name, named(inputLayoutKey)),
    outputs: listDiff(outputsOf(a), outputsOf(b), (o) => o.name, named(outputLayoutKey)),
    settings,
  };
}

/** True when the two versions are the same workflow, layout included. */
export function isEmptyDiff(d: WorkflowDiff): boolean {
  const list = (l: ListDiff<unknown>) => l.added.length + l.removed.length + l.changed.length;
  return d.nodes.length + d.edges.added.length + d.edges.removed.length + list(d.tasks) + list(d.inputs) + list(d.outputs) + d.settings.length === 0;
}
