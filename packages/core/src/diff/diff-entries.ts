import type { Position } from '../document/workflow-schema';
import type { WorkflowEdge } from '../graph/node-edges';
import type { NodeDiffStatus, WorkflowDiff } from './diff-workflows';

/** One line of the change list (the History dialog's, and `podflow diff`'s): what changed, in words, and what selecting it shows. */
export interface DiffEntry {
  key: string;
  status: NodeDiffStatus;
  /** "Node", "Task", "Edge", "Input", "Output", "Workflow". */
  what: string;
  title: string;
  detail: string | undefined;
  /** Selecting the entry selects this node (its pod diff) or task (its code diff). */
  target: { kind: 'node'; id: string } | { kind: 'task'; name: string } | undefined;
}

const FIELD_WORDS: Record<string, string> = {
  code: 'code',
  type: 'task type',
  description: 'description',
  image: 'image',
  env: 'environment',
  resources: 'resources',
  retries: 'retries',
  timeoutSeconds: 'timeout',
  cache: 'cache',
  task: 'invoked task',
  map: 'map settings',
  definition: 'task definition',
  'pod.primaryContainerName': 'primary container name',
  'pod.labels': 'pod labels',
  'pod.annotations': 'pod annotations',
  'pod.spec': 'pod spec',
  'pod.spec.containers': 'containers',
  'pod.spec.initContainers': 'init containers',
  'pod.spec.volumes': 'volumes',
  'pod.spec.nodeSelector': 'node selector',
  'pod.spec.tolerations': 'tolerations',
  'pod.spec.affinity': 'affinity',
};

/** A field path in words: `inputs.x` → "input x", `pod.spec.hostNetwork` → "pod hostNetwork". */
export function fieldWords(field: string): string {
  if (FIELD_WORDS[field]) return FIELD_WORDS[field];
  if (field.startsWith('inputs.')) return `input ${field.slice(7)}`;
  if (field.startsWith('pod.spec.')) return `pod ${field.slice(9)}`;
  return field;
}

const at = (p: Position | undefined) => (p ? `(${Math.round(p.x)}, ${Math.round(p.y)})` : 'auto');
const moveWords = (m: { from: Position | undefined; to: Position | undefined }) => `moved ${at(m.from)} → ${at(m.to)}`;

export function edgeWords(e: WorkflowEdge): string {
  switch (e.kind) {
    case 'node':
      return `${e.from}.${e.output} → ${e.to}.${e.input}`;
    case 'workflow-input':
      return `input ${e.from} → ${e.to}.${e.input}`;
    case 'workflow-output':
      return `${e.from}.${e.output} → output ${e.to}`;
  }
}

/** Every change, nodes first (the newer version's order, removed ones last), then tasks, edges, inputs, outputs, settings. */
export function diffEntries(d: WorkflowDiff): DiffEntry[] {
  const out: DiffEntry[] = [];
  const shownTasks = new Set<string>();
  for (const n of d.nodes) {
    const fields = [...n.taskFields, ...n.nodeFields].map(fieldWords);
    if (n.taskFields.length) shownTasks.add(n.task);
    const detail =
      n.status === 'renamed'
        ? [`from ${n.renamedFrom}`, fields.join(', '), n.moved ? 'also moved' : ''].filter(Boolean).join('; ')
        : n.status === 'changed'
          ? [fields.join(', '), n.moved ? 'also moved' : ''].filter(Boolean).join('; ')
          : n.status === 'moved' && n.moved
            ? moveWords(n.moved)
            : `task ${n.task}`;
    out.push({
      key: `node:${n.id}`,
      status: n.status,
      what: 'Node',
      title: n.id,
      detail,
      target: { kind: 'node', id: n.id },
    });
  }
  const task = (name: string, status: NodeDiffStatus, detail?: string): DiffEntry => ({ key: `task:${name}`, status, what: 'Task', title: name, detail, target: { kind: 'task', name } });
  for (const name of d.tasks.added) out.push(task(name, 'added'));
  for (const name of d.tasks.removed) out.push(task(name, 'removed'));
  // A changed task already told through its nodes is not repeated; one no node invokes (a dynamic task's callee) is.
  for (const t of d.tasks.changed) {
    if (!shownTasks.has(t.name)) out.push(task(t.name, 'changed', t.fields.map(fieldWords).join(', ')));
  }
  d.edges.added.forEach((e, i) =>
    out.push({
      key: `edge+${i}`,
      status: 'added',
      what: 'Edge',
      title: edgeWords(e),
      detail: undefined,
      target: e.kind === 'workflow-output' ? undefined : { kind: 'node', id: e.to },
    }),
  );
  d.edges.removed.forEach((e, i) =>
    out.push({
      key: `edge-${i}`,
      status: 'removed',
      what: 'Edge',
      title: edgeWords(e),
      detail: undefined,
      target: e.kind === 'workflow-output' ? undefined : { kind: 'node', id: e.to },
    }),
  );
  const named = (what: string, list: WorkflowDiff['inputs']) => {
    for (const name of list.added)
      out.push({
        key: `${what}+${name}`,
        status: 'added',
        what,
        title: name,
        detail: undefined,
        target: undefined,
      });
    for (const name of list.removed)
      out.push({
        key: `${what}-${name}`,
        status: 'removed',
        what,
        title: name,
        detail: undefined,
        target: undefined,
      });
    for (const c of list.changed) {
      const detail = [c.fields.join(', '), c.moved ? moveWords(c.moved) : ''].filter(Boolean).join('; ');
      out.push({
        key: `${what}~${c.name}`,
        status: c.fields.length ? 'changed' : 'moved',
        what,
        title: c.name,
        detail,
        target: undefined,
      });
    }
  };
  named('Input', d.inputs);
  named('Output', d.outputs);
  for (const s of d.settings)
    out.push({
      key: `setting:${s}`,
      status: 'changed',
      what: 'Workflow',
      title: s.replace(/^(metadata|spec)\./, ''),
      detail: undefined,
      target: undefined,
    });
  return out;
}
