import type { WorkflowDoc, WorkflowNode } from './workflow-schema';
import { taskSignature } from './task-signature';

/** The inputs a map node maps over: `map.over`, or else the task's first input (DESIGN.md §8). Empty for other nodes. */
export function mappedInputs(doc: WorkflowDoc, node: WorkflowNode): string[] {
  if (!node.map) return [];
  if (node.map.over && node.map.over.length > 0) return node.map.over;
  const first = taskSignature(doc, node.task)?.inputs[0];
  return first ? [first.name] : [];
}
