import type { NodeId } from '../document/ids';
import type { Position, Task, WorkflowDoc } from '../document/workflow-schema';
import { nodesOf, tasksOf } from '../document/accessors';
import type { Fragment } from './fragment';
import { calledNames } from './task-code/task-calls';

/**
 * The selected nodes as a fragment: the nodes (document order, bindings as they are), the tasks they invoke plus the
 * tasks those call as dynamic tasks (transitively), and their layout entries. The fragment shares objects with the
 * document; both are immutable.
 */
export function extractFragment(doc: WorkflowDoc, ids: readonly NodeId[]): Fragment {
  const wanted = new Set<string>(ids);
  const seen = new Set<string>();
  const nodes = nodesOf(doc).filter((n) => wanted.has(n.id) && !seen.has(n.id) && seen.add(n.id));
  const tasks = tasksOf(doc);
  const byName = new Map<string, Task>();
  for (const t of tasks) if (!byName.has(t.name)) byName.set(t.name, t);
  const needed = new Set<string>();
  const queue = nodes.map((n) => n.task);
  while (queue.length > 0) {
    const name = queue.pop()!;
    const task = byName.get(name);
    if (!task || needed.has(name)) continue;
    needed.add(name);
    if (task.type === 'dynamic') for (const called of calledNames(task.code)) if (byName.has(called)) queue.push(called);
  }
  const layout = doc.spec.layout ?? {};
  const positions = nodes.flatMap((n): [string, Position][] => (Object.hasOwn(layout, n.id) ? [[n.id, layout[n.id]!]] : []));
  return {
    tasks: [...byName.values()].filter((t) => needed.has(t.name)),
    nodes,
    layout: Object.fromEntries(positions),
  };
}
