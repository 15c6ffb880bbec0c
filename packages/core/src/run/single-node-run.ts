import type { Binding, WorkflowDoc } from '../document/workflow-schema';
import { findNode, inputsOf, tasksOf } from '../document/accessors';
import { taskSignature } from '../document/task-signature';
import { nodeInputType, nodeOutputType } from '../validate/binding-types';
import { checkJsonValue, formatPyType, type PyType } from '../python/py-type';
import type { Json } from '../util/json';
import type { RunInputProblem } from './resolve-run-inputs';

/**
 * Running one node on its own, with pinned inputs (issue #17 item 4, "Run this node"): which values its inputs take,
 * and the document that runs only it. The run is a run like any other; its document holds that node alone, every
 * input bound to a constant, and the node's outputs as the workflow's outputs.
 */
export interface NodeInputPort {
  name: string;
  /** The type the node takes (a mapped input is a list of the task's type). */
  type: PyType | undefined;
  typeText: string;
  /** The task's parameter has a default: the port may stay unbound. */
  optional: boolean;
}

/** What an earlier run of the same workflow supplies: its workflow inputs and each execution's outputs. */
export interface EarlierRun {
  inputs: Readonly<Record<string, Json>>;
  outputsOf: (executionId: string) => Readonly<Record<string, Json>> | undefined;
}

export interface NodeInputSources {
  /** Values typed in, by port name; they win over everything else. */
  given?: Readonly<Record<string, Json>>;
  /** The workflow's inputs for ports bound to a workflow input (their defaults fill the rest). */
  workflowInputs?: Readonly<Record<string, Json>>;
  /** Ports bound to an upstream node take that node's outputs in this run; ports bound to workflow inputs its inputs. */
  from?: EarlierRun;
  /** Names the earlier run in messages ("run run_1a2b"). */
  fromLabel?: string;
}

/** On failure `inputs` still holds the values that were found (a form prefills them). */
export type NodeInputsResult = { ok: true; inputs: Record<string, Json> } | { ok: false; problems: RunInputProblem[]; inputs: Record<string, Json> };

export function nodeInputPorts(doc: WorkflowDoc, nodeId: string): NodeInputPort[] | undefined {
  const node = findNode(doc, nodeId);
  if (!node) return undefined;
  return (taskSignature(doc, node.task)?.inputs ?? []).map((p) => {
    const type = nodeInputType(doc, node, p.name);
    return { name: p.name, type, typeText: type ? formatPyType(type) : p.typeText, optional: p.optional };
  });
}

/**
 * The value of each input of `nodeId`: typed in, else what its binding gives (a constant; a workflow input from
 * `workflowInputs`, the earlier run or its default; an upstream output from the earlier run). A port with none of
 * these is a problem naming it — unless the task's parameter has a default, then it stays unset. Every value is
 * checked against the port's type. Fields are `only.inputs.NAME`.
 */
export function resolveNodeInputs(doc: WorkflowDoc, nodeId: string, sources: NodeInputSources = {}): NodeInputsResult {
  const node = findNode(doc, nodeId);
  const ports = nodeInputPorts(doc, nodeId);
  if (!node || !ports) return { ok: false, problems: [{ field: 'only.node', message: `the workflow has no node "${nodeId}"` }], inputs: {} };
  const problems: RunInputProblem[] = [];
  const given = sources.given ?? {};
  for (const name of Object.keys(given)) {
    if (!ports.some((p) => p.name === name)) {
      const known = ports.length ? `its inputs are ${ports.map((p) => p.name).join(', ')}` : 'it takes none';
      problems.push({ field: `only.inputs.${name}`, message: `node ${nodeId} has no input "${name}"; ${known}` });
    }
  }
  const inputs: Record<string, Json> = {};
  for (const port of ports) {
    const field = `only.inputs.${port.name}`;
    const value = Object.hasOwn(given, port.name) ? given[port.name] : boundValue(doc, node.inputs?.[port.name], sources);
    if (value === undefined) {
      if (port.optional) continue;
      const hint = describeMissing(node.inputs?.[port.name], sources);
      problems.push({ field, message: `input "${port.name}" (${port.typeText}) of node ${nodeId} needs a value: ${hint}` });
      continue;
    }
    const problem = port.type ? checkJsonValue(value, port.type, port.name) : undefined;
    if (problem) problems.push({ field, message: `input ${problem}` });
    else inputs[port.name] = value;
  }
  return problems.length ? { ok: false, problems, inputs } : { ok: true, inputs };
}

function boundValue(doc: WorkflowDoc, b: Binding | undefined, sources: NodeInputSources): Json | undefined {
  if (!b) return undefined;
  if ('value' in b) return b.value as Json;
  if ('input' in b) {
    if (sources.workflowInputs && Object.hasOwn(sources.workflowInputs, b.input)) return sources.workflowInputs[b.input];
    if (sources.from && Object.hasOwn(sources.from.inputs, b.input)) return sources.from.inputs[b.input];
    return inputsOf(doc).find((i) => i.name === b.input)?.default as Json | undefined;
  }
  const outputs = sources.from?.outputsOf(b.node);
  return outputs && Object.hasOwn(outputs, b.output) ? outputs[b.output] : undefined;
}

function describeMissing(b: Binding | undefined, sources: NodeInputSources): string {
  if (b && 'node' in b) {
    return sources.from
      ? `${sources.fromLabel ?? 'the earlier run'} has no output ${b.output} of node ${b.node} (it did not succeed there); type the value in`
      : `it takes output ${b.output} of node ${b.node}; type the value in, or take it from an earlier run`;
  }
  if (b && 'input' in b) return `the workflow input "${b.input}" has no value or default; type the value in`;
  return 'it is not connected; type the value in';
}

/**
 * The document that runs `nodeId` alone: that node with every input bound to the given constant (ports left out stay
 * unbound: their task defaults apply), no workflow inputs, the node's outputs as the workflow's outputs. Tasks, the pod
 * template and defaults are kept (a dynamic node may call other tasks). Throws if the node does not exist.
 */
export function singleNodeDoc(doc: WorkflowDoc, nodeId: string, inputs: Readonly<Record<string, Json>>): WorkflowDoc {
  const node = findNode(doc, nodeId);
  if (!node) throw new Error(`the workflow has no node "${nodeId}"`);
  const outputs = (taskSignature(doc, node.task)?.outputs ?? []).map((o) => {
    const type = nodeOutputType(doc, node, o.name);
    return { name: o.name, ...(type ? { type: formatPyType(type) } : {}), from: { node: node.id, output: o.name } };
  });
  const { inputs: _workflowInputs, outputs: _workflowOutputs, nodes: _nodes, layout, ...spec } = doc.spec;
  const position = layout?.[node.id];
  return {
    ...doc,
    spec: {
      ...spec,
      tasks: [...tasksOf(doc)],
      nodes: [{ ...node, inputs: Object.fromEntries(Object.entries(inputs).map(([name, value]) => [name, { value }])) }],
      ...(outputs.length ? { outputs } : {}),
      ...(position ? { layout: { [node.id]: position } } : {}),
    },
  } as WorkflowDoc;
}
