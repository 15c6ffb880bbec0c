import {
  formatPyType,
  mappedInputs,
  nodeInputType,
  nodeOutputType,
  primaryContainerNameOf,
  taskSignature,
  type Binding,
  type Task,
  type WorkflowDoc,
  type WorkflowNode,
} from '@podflow/core';

/** What a task node shows, computed from the document (and memoised per node by `derive-nodes`). */
export type TaskNodeKind = 'task' | 'map' | 'dynamic';

export interface InputPortView {
  name: string;
  typeText: string;
  optional: boolean;
  mapped: boolean;
  /** How the input is bound: 'edge' (node or workflow input), a constant's short text, or undefined. */
  binding: { kind: 'edge' } | { kind: 'value'; text: string } | undefined;
}

export interface OutputPortView {
  name: string;
  typeText: string;
}

export interface ContainerChip {
  name: string;
  role: 'primary' | 'sidecar' | 'init';
}

export interface TaskNodeData extends Record<string, unknown> {
  nodeId: string;
  taskName: string;
  kind: TaskNodeKind;
  missingTask: boolean;
  inputs: InputPortView[];
  outputs: OutputPortView[];
  containers: ContainerChip[];
  resources: string | undefined;
  /** nodeSelector / tolerations, in short ("node_group=memory"). */
  scheduling: string | undefined;
  mapSummary: string | undefined;
  codeProblem: boolean;
}

export function taskNodeView(doc: WorkflowDoc, node: WorkflowNode, task: Task | undefined): TaskNodeData {
  const kind: TaskNodeKind = node.map ? 'map' : task?.type === 'dynamic' ? 'dynamic' : 'task';
  const signature = task ? taskSignature(doc, task.name) : undefined;
  const mapped = new Set(node.map ? mappedInputs(doc, node) : []);
  const inputs: InputPortView[] = (signature?.inputs ?? []).map((p) => {
    const t = nodeInputType(doc, node, p.name);
    return {
      name: p.name,
      typeText: t ? formatPyType(t) : p.typeText,
      optional: p.optional,
      mapped: mapped.has(p.name),
      binding: bindingView(node.inputs?.[p.name]),
    };
  });
  const outputs: OutputPortView[] = (signature?.outputs ?? []).map((o) => {
    const t = nodeOutputType(doc, node, o.name);
    return { name: o.name, typeText: t ? formatPyType(t) : o.typeText };
  });
  return {
    nodeId: node.id,
    taskName: node.task,
    kind,
    missingTask: !task,
    inputs,
    outputs,
    containers: task ? containersOf(task) : [],
    resources: task ? resourcesSummary(task) : undefined,
    scheduling: task ? schedulingSummary(task) : undefined,
    mapSummary: node.map ? mapSummaryOf(node.map) : undefined,
    codeProblem: !!task && !signature,
  };
}

function bindingView(b: Binding | undefined): InputPortView['binding'] {
  if (!b) return undefined;
  if ('value' in b) {
    const text = JSON.stringify(b.value) ?? 'null';
    return { kind: 'value', text: text.length > 18 ? `${text.slice(0, 17)}…` : text };
  }
  return { kind: 'edge' };
}

export function containersOf(task: Task): ContainerChip[] {
  const primary = primaryContainerNameOf(task);
  const spec = task.pod?.spec;
  const chips: ContainerChip[] = [{ name: primary, role: 'primary' }];
  for (const c of spec?.containers ?? []) if (c.name !== primary) chips.push({ name: c.name, role: 'sidecar' });
  for (const c of spec?.initContainers ?? []) chips.push({ name: c.name, role: 'init' });
  return chips;
}

/** "cpu .5 · mem 500Mi" from the task's resources, else from the primary container's own. */
export function resourcesSummary(task: Task): string | undefined {
  const primary = primaryContainerNameOf(task);
  const own = task.pod?.spec?.containers?.find((c) => c.name === primary)?.resources;
  const r = task.resources && (task.resources.requests || task.resources.limits) ? task.resources : own;
  if (!r) return undefined;
  const pick = (key: string): string | number | undefined =>
    (r.requests as Record<string, string | number> | undefined)?.[key] ?? (r.limits as Record<string, string | number> | undefined)?.[key];
  const parts: string[] = [];
  const cpu = pick('cpu');
  const mem = pick('memory');
  const gpu = pick('gpu') ?? pick('nvidia.com/gpu');
  if (cpu !== undefined) parts.push(`cpu ${cpu}`);
  if (mem !== undefined) parts.push(`mem ${mem}`);
  if (gpu !== undefined) parts.push(`gpu ${gpu}`);
  return parts.length ? parts.join(' · ') : undefined;
}

export function schedulingSummary(task: Task): string | undefined {
  const spec = task.pod?.spec;
  const selectors = Object.entries(spec?.nodeSelector ?? {}).map(([k, v]) => `${k}=${v}`);
  const tolerations = spec?.tolerations?.length ?? 0;
  const parts: string[] = [];
  if (selectors.length) parts.push(selectors[0]! + (selectors.length > 1 ? ` +${selectors.length - 1}` : ''));
  if (tolerations) parts.push(`${tolerations} toleration${tolerations === 1 ? '' : 's'}`);
  return parts.length ? parts.join(' · ') : undefined;
}

function mapSummaryOf(map: NonNullable<WorkflowNode['map']>): string {
  const parts: string[] = [];
  parts.push(map.concurrency ? `×${map.concurrency} at once` : 'all at once');
  if (map.retries !== undefined) parts.push(`${map.retries} ${map.retries === 1 ? 'retry' : 'retries'}`);
  if (map.minSuccessRatio !== undefined && map.minSuccessRatio < 1) parts.push(`≥${Math.round(map.minSuccessRatio * 100)}% ok`);
  return parts.join(' · ');
}
