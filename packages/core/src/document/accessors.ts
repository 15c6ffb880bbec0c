import type { NodeId } from './ids';
import type { Task, WorkflowDoc, WorkflowInput, WorkflowNode, WorkflowOutput } from './workflow-schema';
import { DEFAULT_IMAGE, DEFAULT_NAMESPACE, DEFAULT_PRIMARY_CONTAINER } from './workflow-schema';

/** Read-side helpers: the document leaves optional lists out; code reads them through these. */
export const tasksOf = (doc: WorkflowDoc): readonly Task[] => doc.spec.tasks ?? [];
export const nodesOf = (doc: WorkflowDoc): readonly WorkflowNode[] => doc.spec.nodes ?? [];
export const inputsOf = (doc: WorkflowDoc): readonly WorkflowInput[] => doc.spec.inputs ?? [];
export const outputsOf = (doc: WorkflowDoc): readonly WorkflowOutput[] => doc.spec.outputs ?? [];

/**
 * Position by key of each list, built once per list and kept while the list lives: documents are immutable (edits
 * are pure ops that make new lists), so a whole-workflow pass that looks up every node's task and every binding's
 * source stays linear. A list that was changed in place anyway is indexed again when its length changed, when the
 * item at the remembered position has another key, or when a key the index lacks is found by a search.
 */
const positions = new WeakMap<readonly object[], { length: number; at: Map<string, number> }>();

function positionIn<T extends object>(list: readonly T[], key: string, keyOf: (item: T) => string): number {
  let index = positions.get(list);
  if (!index || index.length !== list.length) {
    const at = new Map<string, number>();
    list.forEach((item, i) => {
      const k = keyOf(item);
      if (!at.has(k)) at.set(k, i); // the first one wins, as Array.find would
    });
    index = { length: list.length, at };
    positions.set(list, index);
  }
  const i = index.at.get(key);
  const item = i === undefined ? undefined : list[i];
  if (item !== undefined && keyOf(item) === key) return i!;
  // Not where the index says, or not in it (a miss is an error path: a dangling reference): search, and re-index
  // if the list was changed in place after all.
  const found = list.findIndex((x) => keyOf(x) === key);
  if (found >= 0 || i !== undefined) positions.delete(list);
  return found;
}

const taskName = (t: Task) => t.name;
const nodeId = (n: WorkflowNode) => n.id;

/** The position of a task in `spec.tasks`, or -1. */
export const taskIndexOf = (doc: WorkflowDoc, name: string): number => positionIn(tasksOf(doc), name, taskName);
/** The position of a node in `spec.nodes`, or -1. */
export const nodeIndexOf = (doc: WorkflowDoc, id: NodeId | string): number => positionIn(nodesOf(doc), id, nodeId);
export const findTask = (doc: WorkflowDoc, name: string): Task | undefined => tasksOf(doc)[taskIndexOf(doc, name)];
export const findNode = (doc: WorkflowDoc, id: NodeId | string): WorkflowNode | undefined => nodesOf(doc)[nodeIndexOf(doc, id)];

export const defaultImageOf = (doc: WorkflowDoc): string => doc.spec.defaults?.image ?? DEFAULT_IMAGE;
export const namespaceOf = (doc: WorkflowDoc): string => doc.spec.defaults?.namespace ?? DEFAULT_NAMESPACE;
export const primaryContainerNameOf = (task: Task): string => task.pod?.primaryContainerName || DEFAULT_PRIMARY_CONTAINER;
export const taskRetriesOf = (task: Task): number => task.retries ?? 0;

/** Layout keys for the workflow's own input and output nodes on the canvas. */
export const inputLayoutKey = (name: string): string => `input:${name}`;
export const outputLayoutKey = (name: string): string => `output:${name}`;
