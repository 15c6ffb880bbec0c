import type { NodeId } from '../document/ids';
import { NODE_ID_PATTERN } from '../document/ids';
import type { Binding, Position, Task, WorkflowDoc, WorkflowNode } from '../document/workflow-schema';
import { inputsOf, nodesOf, tasksOf } from '../document/accessors';
import { isNodeBinding } from '../graph/is-node-binding';
import { stableStringify } from '../util/json';
import type { Fragment } from './fragment';
import { renameCalls } from './task-code/rename-calls';
import { calledNames } from './task-code/task-calls';
import { renameDefinition } from './task-code/rename-definition';
import { uniqueName } from './unique-name';
import { nodeIdBase, uniqueNodeId } from './unique-node-id';
import { withSpecField } from './with-field';

/**
 * Pastes a fragment (from this or another workflow) with its top-left position at `at`.
 * - Tasks: one the document lacks is added; one it has with the same content is reused; one it has with different
 *   content is added under a new name (`name_2`), with its `def` line, the fragment's nodes and the fragment's dynamic
 *   tasks' calls following the new name. Only tasks that a pasted node invokes, or an added dynamic task calls, are
 *   added (a reused dynamic task keeps calling the document's own tasks).
 * - Nodes keep their ids when free, else get fresh ones (`square_2`). Bindings between pasted nodes follow the new
 *   ids; a binding to a node or workflow input outside the fragment is kept when the document has it, dropped
 *   otherwise; constants are kept.
 * Returns the pasted nodes' ids in fragment order. O(size of document + fragment).
 */
export function pasteFragment(doc: WorkflowDoc, fragment: Fragment, at: Position): { doc: WorkflowDoc; ids: NodeId[] } {
  const { tasks: added, renamed } = mergeTasks(tasksOf(doc), fragment.tasks);
  const nodes = nodesOf(doc);
  const existing = new Set<string>(nodes.map((n) => n.id));
  const taken = new Set(existing);
  const inputNames = new Set(inputsOf(doc).map((i) => i.name));
  const pasted = new Map<string, NodeId>();
  const sources: WorkflowNode[] = [];
  for (const node of fragment.nodes) {
    if (pasted.has(node.id)) continue;
    const id = !taken.has(node.id) && NODE_ID_PATTERN.test(node.id) ? node.id : uniqueNodeId(nodeIdBase(node.id), taken);
    taken.add(id);
    pasted.set(node.id, id);
    sources.push(node);
  }
  const rebind = (b: Binding): Binding | undefined => {
    if (isNodeBinding(b)) {
      const inside = pasted.get(b.node);
      if (inside) return { node: inside, output: b.output };
      return existing.has(b.node) ? b : undefined;
    }
    if ('input' in b) return inputNames.has(b.input) ? b : undefined;
    return b;
  };
  const newNodes = sources.map((source): WorkflowNode => {
    const node: WorkflowNode = { ...source, id: pasted.get(source.id)!, task: renamed.get(source.task) ?? source.task };
    if (source.inputs) {
      node.inputs = Object.fromEntries(Object.entries(source.inputs).flatMap(([input, b]) => {
        const kept = rebind(b);
        return kept ? [[input, kept]] : [];
      }));
    }
    return node;
  });

  const addedTasks = neededTasks(added, newNodes);
  let next = doc;
  if (addedTasks.length > 0) next = withSpecField(next, 'tasks', [...tasksOf(doc), ...addedTasks]);
  if (newNodes.length > 0) next = withSpecField(next, 'nodes', [...nodes, ...newNodes]);
  const placed = sources.flatMap((n): [string, Position][] =>
    Object.hasOwn(fragment.layout, n.id) ? [[pasted.get(n.id)!, fragment.layout[n.id]!]] : []);
  if (placed.length > 0) {
    const minX = placed.reduce((m, [, p]) => Math.min(m, p.x), Infinity);
    const minY = placed.reduce((m, [, p]) => Math.min(m, p.y), Infinity);
    const moved = placed.map(([id, p]): [string, Position] => [id, { x: at.x + p.x - minX, y: at.y + p.y - minY }]);
    next = withSpecField(next, 'layout', { ...doc.spec.layout, ...Object.fromEntries(moved) });
  }
  return { doc: next, ids: newNodes.map((n) => n.id) };
}

/** The added tasks that pasted nodes invoke, or that added dynamic tasks call (transitively); the rest are left out. */
function neededTasks(added: readonly Task[], nodes: readonly WorkflowNode[]): Task[] {
  const byName = new Map(added.map((t) => [t.name, t]));
  const needed = new Set<string>();
  const queue = nodes.map((n) => n.task);
  while (queue.length > 0) {
    const name = queue.pop()!;
    const task = byName.get(name);
    if (!task || needed.has(name)) continue;
    needed.add(name);
    if (task.type === 'dynamic') queue.push(...calledNames(task.code));
  }
  return added.filter((t) => needed.has(t.name));
}

/** The fragment's tasks the document lacks (renamed where a same-named task differs), and the renames. */
function mergeTasks(existing: readonly Task[], incoming: readonly Task[]): { tasks: Task[]; renamed: Map<string, string> } {
  const byName = new Map<string, Task>();
  for (const t of existing) if (!byName.has(t.name)) byName.set(t.name, t);
  const taken = new Set<string>([...byName.keys(), ...incoming.map((t) => t.name)]);
  const renamed = new Map<string, string>();
  const added: Task[] = [];
  const seen = new Set<string>();
  for (const task of incoming) {
    if (seen.has(task.name)) continue;
    seen.add(task.name);
    const same = byName.get(task.name);
    if (!same) {
      added.push(task);
    } else if (stableStringify(same) !== stableStringify(task)) {
      const name = uniqueName(task.name, taken);
      taken.add(name);
      renamed.set(task.name, name);
      added.push({ ...task, name, code: renameDefinition(task.code, task.name, name) });
    }
  }
  if (renamed.size === 0) return { tasks: added, renamed };
  const tasks = added.map((task) => {
    if (task.type !== 'dynamic') return task;
    let code = task.code;
    for (const [from, to] of renamed) code = renameCalls(code, from, to);
    return code === task.code ? task : { ...task, code };
  });
  return { tasks, renamed };
}
