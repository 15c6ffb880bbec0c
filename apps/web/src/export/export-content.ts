import {
  compile, nodesOf, parseInputText, serializeWorkflow, taskSignature, toArgoWorkflow, toArgoYaml, toFlytekitModule, toKubernetesYaml, validateCompiledPod, validateWorkflow, formatPyType, findNode, mappedInputs,
  type CompiledPod, type Diagnostic, type Json, type WorkflowDoc,
} from '@podflow/core';
import { stringify } from 'yaml';

/**
 * What the dialog exports: one node's pod, every node's pods, the workflow as an Argo Workflow or a flytekit module,
 * or the document.
 */
export type ExportScope = 'node' | 'all' | 'argo' | 'flytekit' | 'workflow';

/** One object of the file, in the order a person reads it: the Pod (or Workflow) first, ConfigMaps collapsed after. */
export interface ExportSection {
  kind: string;
  name: string;
  text: string;
  /** ConfigMaps: shown collapsed, by name and size. */
  collapsed: boolean;
  note?: string;
}

export interface ExportContent {
  /** The file itself (ConfigMaps before Pods, so that `kubectl apply -f` creates them first). */
  text: string;
  filename: string;
  /** "2 ConfigMaps · 1 Pod" */
  summary: string;
  sections: ExportSection[];
  /** Nodes that could not be compiled, with why. */
  failures: { nodeId: string; message: string }[];
  errors: number;
  /** Argo: the refusals (errors) and differences (warnings), each naming its node; shown before download. */
  diagnostics: Diagnostic[];
  /** True when nothing may be downloaded (Argo refused it). */
  refused: boolean;
  /** Inputs known only at run time: the file is a preview, not runnable as is. */
  unknownInputs: string[];
}

export interface ExportOptions {
  /** One node: its input ports as typed, by name (empty = unknown). */
  inputs?: Record<string, string>;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const yamlOf = (o: unknown) => stringify(o, { lineWidth: 0, blockQuote: 'literal' });
const lines = (text: string) => text.split('\n').length - 1;

/** The input ports of a node, with their types as text (a mapped port takes one item: the pod runs one). */
export function nodePorts(doc: WorkflowDoc, nodeId: string): { name: string; type: string; optional: boolean; mapped: boolean }[] {
  const node = findNode(doc, nodeId);
  if (!node) return [];
  const mapped = new Set(mappedInputs(doc, node));
  return (taskSignature(doc, node.task)?.inputs ?? []).map((i) => ({ name: i.name, type: formatPyType(i.type), optional: i.optional, mapped: mapped.has(i.name) }));
}

export function exportContent(doc: WorkflowDoc, scope: ExportScope, nodeId?: string, options: ExportOptions = {}): ExportContent {
  const name = doc.metadata.name || 'workflow';
  const base = { failures: [], diagnostics: [], refused: false, unknownInputs: [] };
  if (scope === 'workflow') {
    const errors = validateWorkflow(doc).filter((d) => d.severity === 'error').length;
    const text = serializeWorkflow(doc);
    return { ...base, text, filename: `${name}.podflow.yaml`, summary: `${plural(nodesOf(doc).length, 'node')} · ${plural((doc.spec.tasks ?? []).length, 'task')}`, sections: [{ kind: 'Workflow', name, text, collapsed: false }], errors };
  }
  if (scope === 'argo') return argoContent(doc, name);
  if (scope === 'flytekit') return flytekitContent(doc, name);

  const ids = scope === 'node' && nodeId ? [nodeId] : nodesOf(doc).map((n) => n.id as string);
  const compiled: CompiledPod[] = [];
  const failures: ExportContent['failures'] = [];
  const diagnostics: Diagnostic[] = [];
  for (const id of ids) {
    try {
      compiled.push(scope === 'node' ? compileNode(doc, id, options.inputs ?? {}, diagnostics) : compile(doc, id));
    } catch (e) {
      failures.push({ nodeId: id, message: e instanceof Error ? e.message : String(e) });
    }
  }
  const seen = new Set<string>();
  const configMaps = compiled.flatMap((c) => c.configMaps).filter((cm) => !seen.has(cm.metadata!.name!) && seen.add(cm.metadata!.name!));
  const errors = compiled.reduce((n, c) => n + validateCompiledPod(doc, c).filter((d) => d.severity === 'error').length, 0) + diagnostics.filter((d) => d.severity === 'error').length;
  const unknownInputs = compiled.flatMap((c) => c.diagnostics.filter((d) => d.code === 'preview-inputs-unknown').map((d) => `${c.executionId}: ${d.message}`));
  return {
    ...base,
    text: compiled.length ? toKubernetesYaml(compiled) : '',
    filename: scope === 'node' && nodeId ? `${name}-${nodeId}.yaml` : `${name}.k8s.yaml`,
    summary: `${plural(configMaps.length, 'ConfigMap')} · ${plural(compiled.length, 'Pod')}`,
    sections: podSections(compiled),
    failures,
    errors,
    diagnostics,
    unknownInputs,
  };
}

/** Pods first, then each ConfigMap once, collapsed and named: how the dialog and the Compiled tab show compiled pods. */
export function podSections(compiled: readonly CompiledPod[]): ExportSection[] {
  const seen = new Set<string>();
  const configMaps = compiled.flatMap((c) => c.configMaps).filter((cm) => !seen.has(cm.metadata!.name!) && seen.add(cm.metadata!.name!));
  return [
    ...compiled.map((c) => ({ kind: 'Pod', name: c.pod.metadata!.name!, text: yamlOf(c.pod), collapsed: false, note: `node ${c.executionId} (task ${c.task})` })),
    ...configMaps.map((cm) => configMapSection(cm.metadata!.name!, yamlOf(cm))),
  ];
}

function configMapSection(name: string, text: string): ExportSection {
  const what = name.startsWith('podflow-runtime-') ? "Podflow's runtime (the Python entrypoint)" : name.startsWith('podflow-task-') ? "the task's code" : 'inputs';
  return { kind: 'ConfigMap', name, text, collapsed: true, note: `${what}, ${lines(text)} lines` };
}

/** One node with its typed inputs: runnable when every required port is known, else the preview. */
function compileNode(doc: WorkflowDoc, nodeId: string, typed: Record<string, string>, out: Diagnostic[]): CompiledPod {
  const ports = nodePorts(doc, nodeId);
  const given = Object.entries(typed).filter(([, text]) => text.trim() !== '');
  if (given.length === 0) return compile(doc, nodeId);
  const inputs: Record<string, Json> = Object.fromEntries(Object.entries(compile(doc, nodeId).inputs).filter(([n]) => !ports.find((p) => p.name === n)?.mapped));
  for (const [port, text] of given) {
    const type = ports.find((p) => p.name === port)?.type ?? 'Any';
    const parsed = parseInputText(text, type);
    if (parsed.ok) inputs[port] = parsed.value;
    else out.push({ code: 'export-input', severity: 'error', nodeId, path: `inputs.${port}`, message: `${port}: ${parsed.message}` });
  }
  const missing = ports.filter((p) => !p.optional && !(p.name in inputs)).map((p) => p.name);
  if (missing.length > 0 || out.length > 0) {
    const preview = compile(doc, nodeId);
    if (missing.length > 0) out.push({ code: 'export-input-missing', severity: 'info', nodeId, path: 'inputs', message: `type ${missing.join(', ')} to get a pod that runs` });
    return preview;
  }
  return compile(doc, nodeId, { runId: 'manual', attempt: 0, inputs, standalone: true });
}

function argoContent(doc: WorkflowDoc, name: string): ExportContent {
  const exported = toArgoWorkflow(doc);
  const base = { filename: `${name}.argo.yaml`, failures: [], unknownInputs: [], diagnostics: exported.diagnostics };
  if (!exported.ok) {
    return { ...base, text: '', summary: 'Argo cannot run this workflow as it is', sections: [], errors: exported.diagnostics.filter((d) => d.severity === 'error').length, refused: true };
  }
  const text = toArgoYaml(exported);
  const wfText = stringify(exported.workflow, { lineWidth: 0, blockQuote: 'literal', aliasDuplicateObjects: false, version: '1.1' });
  const tasks = exported.workflow.spec.templates[0]?.dag?.tasks.length ?? 0;
  return {
    ...base,
    text,
    summary: `${plural(exported.configMaps.length, 'ConfigMap')} · 1 ${exported.workflow.kind} of ${plural(tasks, 'task')}`,
    sections: [
      { kind: exported.workflow.kind, name: exported.workflow.metadata.name ?? name, text: wfText, collapsed: false, note: 'argoproj.io/v1alpha1' },
      ...exported.configMaps.map((cm) => configMapSection(cm.metadata!.name!, yamlOf(cm))),
    ],
    errors: 0,
    refused: false,
  };
}

/** The workflow as one flytekit module (packages/flyte-bridge/README.md), or what flytekit cannot express, by node. */
function flytekitContent(doc: WorkflowDoc, name: string): ExportContent {
  const exported = toFlytekitModule(doc);
  const filename = `${name.replace(/[^A-Za-z0-9_]+/g, '_')}.py`;
  const base = { filename, unknownInputs: [] };
  if (!exported.ok) {
    return { ...base, text: '', summary: 'Not expressible as a flytekit module', sections: [], failures: [], errors: exported.diagnostics.length, diagnostics: exported.diagnostics, refused: true };
  }
  const summary = `flytekit module · ${plural((doc.spec.tasks ?? []).length, 'task')} · @workflow ${name.replace(/-/g, '_')}`;
  return { ...base, text: exported.module, summary, sections: [{ kind: 'Module', name: filename, text: exported.module, collapsed: false }], failures: [], errors: 0, diagnostics: [], refused: false };
}
