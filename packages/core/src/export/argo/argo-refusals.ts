import type { WorkflowDoc } from '../../document/workflow-schema';
import { findTask, inputsOf, nodesOf } from '../../document/accessors';
import { mappedInputs } from '../../document/mapped-inputs';
import { taskSignature } from '../../document/task-signature';
import { ARGO_PARAMETER_MAX_BYTES } from '../../compile/runtime-contract';
import type { Json } from '../../util/json';
import type { Diagnostic } from '../../validate/diagnostic';

function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** A value as an Argo parameter carries it: JSON text. */
export const parameterText = (value: Json): string => JSON.stringify(value);

/**
 * What an Argo Workflow cannot express, as diagnostics naming the node and the field (errors refuse the export;
 * warnings say where the Argo run differs). docs/argo-export.md explains each.
 */
export function argoRefusals(doc: WorkflowDoc, inputValues: Record<string, Json>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const tooLarge = (value: Json, where: Omit<Diagnostic, 'code' | 'severity' | 'message'>, what: string) => {
    const size = utf8Length(parameterText(value));
    if (size > ARGO_PARAMETER_MAX_BYTES) {
      out.push({ code: 'argo-parameter-too-large', severity: 'error', ...where, message: `${what} is ${size} bytes as JSON, over the ${ARGO_PARAMETER_MAX_BYTES} bytes an Argo parameter can carry into a task (one environment string)` });
    }
  };
  if (nodesOf(doc).length === 0) {
    out.push({ code: 'argo-no-nodes', severity: 'error', path: 'spec.nodes', message: 'the workflow has no nodes, and an Argo DAG needs at least one task' });
  }
  inputsOf(doc).forEach((input, i) => {
    const value = input.name in inputValues ? inputValues[input.name] : input.default;
    if (value !== undefined) tooLarge(value as Json, { path: `spec.inputs[${i}]${input.name in inputValues ? '' : '.default'}` }, `workflow input ${input.name}`);
  });
  nodesOf(doc).forEach((node, i) => {
    const task = findTask(doc, node.task);
    const at = `spec.nodes[${i}]`;
    if (task?.type === 'dynamic') {
      out.push({ code: 'argo-dynamic-task', severity: 'error', nodeId: node.id, task: task.name, path: `${at}.task`, message: `task ${task.name} is dynamic: it builds its sub-DAG at run time, and an Argo Workflow needs its whole DAG before the run starts` });
    }
    const mapped = mappedInputs(doc, node);
    if (node.map && mapped.length > 1) {
      out.push({ code: 'argo-map-several-inputs', severity: 'error', nodeId: node.id, path: `${at}.map.over`, message: `maps over ${mapped.length} inputs (${mapped.join(', ')}); Argo's withParam iterates over one list, so map over one input` });
    }
    if (node.map && (node.map.minSuccessRatio ?? 1) < 1) {
      out.push({ code: 'argo-map-failed-items-last', severity: 'warning', nodeId: node.id, path: `${at}.map.minSuccessRatio`, message: `Argo leaves failed items out of a map's outputs, so in the Argo run the output lists hold the successful items in order and then one null per failed item (Podflow puts null where the item failed)` });
    }
    for (const [name, binding] of Object.entries(node.inputs ?? {})) {
      if ('value' in binding) tooLarge(binding.value, { nodeId: node.id, path: `${at}.inputs.${name}` }, `the constant bound to ${name}`);
    }
    if (task?.cache?.enabled && task.type === 'python' && !memoizable(doc, task.name)) {
      out.push({ code: 'argo-cache-not-memoized', severity: 'warning', nodeId: node.id, task: task.name, path: `spec.tasks[${doc.spec.tasks?.indexOf(task) ?? 0}].cache`, message: `Argo's memoize key is a ConfigMap key built from the inputs' text, which only int and bool inputs keep valid; task ${task.name} runs uncached in Argo` });
    }
  });
  return out;
}

/** Argo can memoize a task when the key built from its inputs' text is a valid ConfigMap key: int and bool inputs only. */
export function memoizable(doc: WorkflowDoc, taskName: string): boolean {
  const sig = taskSignature(doc, taskName);
  return (sig?.inputs ?? []).every((i) => i.type.kind === 'int' || i.type.kind === 'bool');
}
