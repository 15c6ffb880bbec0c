import type { NodeId } from './ids';
import type { Task, WorkflowDoc, WorkflowInput, WorkflowNode, WorkflowOutput } from './workflow-schema';
import { DEFAULT_IMAGE, DEFAULT_NAMESPACE, DEFAULT_PRIMARY_CONTAINER } from './workflow-schema';

/** Read-side helpers: the document leaves optional lists out; code reads them through these. */
export const tasksOf = (doc: WorkflowDoc): readonly Task[] => doc.spec.tasks ?? [];
export const nodesOf = (doc: WorkflowDoc): readonly WorkflowNode[] => doc.spec.nodes ?? [];
export const inputsOf = (doc: WorkflowDoc): readonly WorkflowInput[] => doc.spec.inputs ?? [];
export const outputsOf = (doc: WorkflowDoc): readonly WorkflowOutput[] => doc.spec.outputs ?? [];

export const findTask = (doc: WorkflowDoc, name: string): Task | undefined => tasksOf(doc).find((t) => t.name === name);
export const findNode = (doc: WorkflowDoc, id: NodeId | string): WorkflowNode | undefined =>
  nodesOf(doc).find((n) => n.id === id);

export const defaultImageOf = (doc: WorkflowDoc): string => doc.spec.defaults?.image ?? DEFAULT_IMAGE;
export const namespaceOf = (doc: WorkflowDoc): string => doc.spec.defaults?.namespace ?? DEFAULT_NAMESPACE;
export const primaryContainerNameOf = (task: Task): string => task.pod?.primaryContainerName || DEFAULT_PRIMARY_CONTAINER;
export const taskRetriesOf = (task: Task): number => task.retries ?? 0;

/** Layout keys for the workflow's own input and output nodes on the canvas. */
export const inputLayoutKey = (name: string): string => `input:${name}`;
export const outputLayoutKey = (name: string): string => `output:${name}`;
