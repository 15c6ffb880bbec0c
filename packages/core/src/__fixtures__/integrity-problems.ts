import type { WorkflowDoc } from '../document/workflow-schema';
import { inputsOf, nodesOf, outputsOf, tasksOf } from '../document/accessors';

/**
 * What breaks referential integrity in a document, as messages (empty when intact): duplicate node ids, task, input or
 * output names; a node invoking a missing task; a `{ node }` or `{ input }` binding or an output naming something
 * missing; a layout key that is not a node id, `input:NAME` or `output:NAME` of something that exists.
 */
export function integrityProblems(doc: WorkflowDoc): string[] {
  const problems: string[] = [];
  const unique = (what: string, names: readonly string[]): Set<string> => {
    const set = new Set<string>();
    for (const n of names) {
      if (set.has(n)) problems.push(`duplicate ${what} ${JSON.stringify(n)}`);
      set.add(n);
    }
    return set;
  };
  const nodeIds = unique('node id', nodesOf(doc).map((n) => n.id));
  const taskNames = unique('task', tasksOf(doc).map((t) => t.name));
  const inputNames = unique('input', inputsOf(doc).map((i) => i.name));
  const outputNames = unique('output', outputsOf(doc).map((o) => o.name));
  for (const node of nodesOf(doc)) {
    if (!taskNames.has(node.task)) problems.push(`node ${node.id} invokes missing task ${node.task}`);
    for (const [input, b] of Object.entries(node.inputs ?? {})) {
      if ('node' in b && !nodeIds.has(b.node)) problems.push(`node ${node.id}.${input} binds missing node ${b.node}`);
      if ('input' in b && !inputNames.has(b.input)) problems.push(`node ${node.id}.${input} binds missing input ${b.input}`);
    }
  }
  for (const o of outputsOf(doc)) if (!nodeIds.has(o.from.node)) problems.push(`output ${o.name} from missing node ${o.from.node}`);
  for (const key of Object.keys(doc.spec.layout ?? {})) {
    const ok = key.startsWith('input:') ? inputNames.has(key.slice(6)) : key.startsWith('output:') ? outputNames.has(key.slice(7)) : nodeIds.has(key);
    if (!ok) problems.push(`layout key ${JSON.stringify(key)} names nothing`);
  }
  return problems;
}
