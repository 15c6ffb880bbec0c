import type { Binding, WorkflowDoc, WorkflowNode } from '../document/workflow-schema';
import { findNode, findTask, inputsOf } from '../document/accessors';
import { mappedInputs } from '../document/mapped-inputs';
import { taskSignature } from '../document/task-signature';
import { listOf, parsePyType, type PyType } from '../python/py-type';

/** The type a node's output has on an edge: a map node's outputs are lists (of Optional items when failures are allowed). */
export function nodeOutputType(doc: WorkflowDoc, node: WorkflowNode, output: string): PyType | undefined {
  const out = taskSignature(doc, node.task)?.outputs.find((o) => o.name === output);
  if (!out) return undefined;
  if (!node.map) return out.type;
  const item: PyType = (node.map.minSuccessRatio ?? 1) < 1 && out.type.kind !== 'optional' ? { kind: 'optional', of: out.type } : out.type;
  return listOf(item);
}

/** The type a node's input expects on an edge: a mapped input takes a list of the task's parameter type. */
export function nodeInputType(doc: WorkflowDoc, node: WorkflowNode, input: string): PyType | undefined {
  const param = taskSignature(doc, node.task)?.inputs.find((i) => i.name === input);
  if (!param) return undefined;
  return mappedInputs(doc, node).includes(input) ? listOf(param.type) : param.type;
}

/** The type of the value a binding supplies (undefined for constants, which are checked by value, and for unknowns). */
export function bindingSourceType(doc: WorkflowDoc, binding: Binding): PyType | undefined {
  if ('input' in binding) {
    const input = inputsOf(doc).find((i) => i.name === binding.input);
    if (!input) return undefined;
    const parsed = parsePyType(input.type);
    return parsed.ok ? parsed.type : undefined;
  }
  if ('node' in binding) {
    const source = findNode(doc, binding.node);
    return source && findTask(doc, source.task) ? nodeOutputType(doc, source, binding.output) : undefined;
  }
  return undefined;
}
