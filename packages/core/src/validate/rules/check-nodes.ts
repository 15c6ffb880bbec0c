import type { WorkflowDoc, WorkflowNode } from '../../document/workflow-schema';
import { findNode, findTask, inputsOf, nodesOf } from '../../document/accessors';
import { NODE_ID_PATTERN } from '../../document/ids';
import { mappedInputs } from '../../document/mapped-inputs';
import { taskSignature } from '../../document/task-signature';
import { checkJsonValue, formatPyType, isAssignable, type PyType } from '../../python/py-type';
import { bindingSourceType, nodeInputType } from '../binding-types';
import type { Diagnostic } from '../diagnostic';

/** Nodes: ids, the task they invoke, map settings, and every input binding (dangling, missing, mistyped). */
export function checkNodes(doc: WorkflowDoc): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  nodesOf(doc).forEach((node, i) => {
    const path = `spec.nodes[${i}]`;
    const add = (code: string, severity: Diagnostic['severity'], field: string, message: string) =>
      out.push({ code, severity, nodeId: node.id, path: field ? `${path}.${field}` : path, message });
    if (!NODE_ID_PATTERN.test(node.id)) add('node-id', 'error', 'id', `node id "${node.id}" must start with a letter or '_' and contain only letters, digits, '_' and '-' (at most 63)`);
    if (seen.has(node.id)) add('node-duplicate', 'error', 'id', `two nodes have the id "${node.id}"`);
    seen.add(node.id);

    const task = findTask(doc, node.task);
    if (!task) {
      add('unknown-task', 'error', 'task', `node ${node.id} invokes task "${node.task}", which the workflow does not define`);
      return;
    }
    const signature = taskSignature(doc, task.name);
    if (node.map) checkMap(doc, node, task.type, add);
    if (!signature) return; // the task's own diagnostics explain why

    for (const [name, binding] of Object.entries(node.inputs ?? {})) {
      const field = `inputs.${name}`;
      const target = nodeInputType(doc, node, name);
      if (!target) {
        add('unknown-input', 'error', field, `node ${node.id} binds "${name}", but task ${task.name} has no parameter of that name (parameters: ${signature.inputs.map((p) => p.name).join(', ') || 'none'})`);
        continue;
      }
      if ('node' in binding) {
        if (binding.node === node.id) { add('self-edge', 'error', field, `node ${node.id} cannot take its own output`); continue; }
        const source = findNode(doc, binding.node);
        if (!source) { add('dangling-node', 'error', field, `input ${name} comes from node "${binding.node}", which does not exist`); continue; }
        const sourceType = bindingSourceType(doc, binding);
        if (!sourceType) {
          if (findTask(doc, source.task)) add('unknown-output', 'error', field, `input ${name} reads output "${binding.output}" of node ${source.id}, which has no such output`);
          continue;
        }
        reportTypes(add, field, `output ${binding.output} of node ${source.id}`, sourceType, target, name);
      } else if ('input' in binding) {
        const wfInput = inputsOf(doc).find((w) => w.name === binding.input);
        if (!wfInput) { add('dangling-input', 'error', field, `input ${name} comes from workflow input "${binding.input}", which does not exist`); continue; }
        const sourceType = bindingSourceType(doc, binding);
        if (sourceType) reportTypes(add, field, `workflow input ${binding.input}`, sourceType, target, name);
      } else {
        const problem = checkJsonValue(binding.value, target, name);
        if (problem) add('value-type-mismatch', 'error', field, `constant for ${problem}`);
      }
    }
    for (const param of signature.inputs) {
      if (!param.optional && !(param.name in (node.inputs ?? {}))) {
        add('missing-input', 'error', `inputs.${param.name}`, `node ${node.id} does not bind required input ${param.name}: ${formatPyType(param.type)} — connect an output, a workflow input, or set a value`);
      }
    }
  });
  return out;
}

type Add = (code: string, severity: Diagnostic['severity'], field: string, message: string) => void;

function reportTypes(add: Add, field: string, what: string, from: PyType, to: PyType, input: string) {
  const verdict = isAssignable(from, to);
  if (verdict === 'no') add('edge-type-mismatch', 'error', field, `${what} is ${formatPyType(from)}, but input ${input} takes ${formatPyType(to)}`);
  else if (verdict === 'warn') add('edge-type-unchecked', 'warning', field, `${what} is ${formatPyType(from)}; input ${input} takes ${formatPyType(to)}, checked only at run time`);
}

function checkMap(doc: WorkflowDoc, node: WorkflowNode, kind: string, add: Add) {
  if (kind === 'dynamic') add('map-dynamic', 'error', 'map', `node ${node.id} maps over dynamic task ${node.task}; a dynamic task cannot be mapped — map over the tasks it calls instead`);
  const params = taskSignature(doc, node.task)?.inputs.map((p) => p.name) ?? [];
  for (const name of node.map?.over ?? []) {
    if (!params.includes(name)) add('map-over-unknown', 'error', 'map.over', `node ${node.id} maps over "${name}", which is not a parameter of task ${node.task}`);
  }
  if (mappedInputs(doc, node).length === 0) add('map-no-input', 'error', 'map', `node ${node.id} is a map over ${node.task}, which takes no inputs to map over`);
}
