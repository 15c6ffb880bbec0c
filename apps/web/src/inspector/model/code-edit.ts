/**
 * What typing in the Code tab does to the document: the task's code changes; when the task's function was renamed
 * in the code, the task is renamed with it (and every node and dynamic call that names it, and a node still named
 * after the task), or the reason it cannot be is reported; and node inputs bound to parameters the code no longer takes are found, to warn about.
 */
import { nodeId, nodesOf, parseTaskCode, renameNode, renameTask, updateTask, type Binding, type WorkflowDoc } from '@podflow/core';

export interface CodeEditPlan {
  doc: WorkflowDoc;
  /** The task's name after the edit. */
  taskName: string;
  renamed?: { from: string; to: string };
  /** Nodes that were named after the task and follow its new name. */
  renamedNodes?: { from: string; to: string }[];
  /** Why the function's new name could not become the task's name. */
  renameRefused?: { to: string; reason: string };
}

/**
 * The function that replaced the task's function in the code, if exactly one did, once its `def` line is whole (a
 * name typed in place renames the task at each keystroke; a line typed from scratch, once it is complete). The
 * functions the old code had beside the task's own are not candidates; when the old code no longer had the task's
 * function (a rename that was refused, or a name half typed), none of its functions is known to be a helper, so a
 * refused name stays refused through the edits that follow instead of being forgotten.
 */
export function renamedFunction(oldCode: string, newCode: string, taskName: string): string | undefined {
  const after = parseTaskCode(newCode, taskName);
  if (after.functions.includes(taskName)) return undefined;
  const old = parseTaskCode(oldCode, taskName).functions;
  const before = new Set(old.includes(taskName) ? old : []);
  // Only a def whose line is whole: while `def join_all(…) -> str:` is typed, the task is not renamed j, jo, joi…
  const added = after.completeFunctions.filter((f) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(f) && !before.has(f));
  return added.length === 1 ? added[0] : undefined;
}

export function planCodeEdit(doc: WorkflowDoc, taskName: string, code: string): CodeEditPlan {
  const task = (doc.spec.tasks ?? []).find((t) => t.name === taskName);
  if (!task) return { doc, taskName };
  const updated = updateTask(doc, taskName, { code });
  if (!updated.ok) return { doc, taskName };
  const to = renamedFunction(task.code, code, taskName);
  if (!to) return { doc: updated.doc, taskName };
  const renamed = renameTask(updated.doc, taskName, to);
  if (!renamed.ok) return { doc: updated.doc, taskName, renameRefused: { to, reason: renamed.reason } };
  // A node takes its task's name when it is created; one that still has it follows the rename.
  let next = renamed.doc;
  const renamedNodes: { from: string; to: string }[] = [];
  for (const node of nodesOf(next)) {
    if (node.id !== taskName || node.task !== to) continue;
    const r = renameNode(next, nodeId(taskName), nodeId(to));
    if (r.ok) {
      next = r.doc;
      renamedNodes.push({ from: taskName, to });
    }
  }
  return { doc: next, taskName: to, renamed: { from: taskName, to }, renamedNodes };
}

export interface OrphanedBinding {
  nodeId: string;
  input: string;
  binding: Binding;
}

/**
 * Inputs of nodes invoking the task that are bound to a parameter its code no longer has. Nothing is reported while
 * the code does not define the function (mid-edit), so a typo never raises a wall of warnings.
 */
export function orphanedBindings(doc: WorkflowDoc, taskName: string): OrphanedBinding[] {
  const task = (doc.spec.tasks ?? []).find((t) => t.name === taskName);
  if (!task) return [];
  const signature = parseTaskCode(task.code, taskName).signature;
  if (!signature) return [];
  const params = new Set(signature.inputs.map((i) => i.name));
  const out: OrphanedBinding[] = [];
  for (const node of nodesOf(doc)) {
    if (node.task !== taskName) continue;
    for (const [input, binding] of Object.entries(node.inputs ?? {})) {
      if (!params.has(input)) out.push({ nodeId: node.id, input, binding });
    }
  }
  return out;
}

export function describeBinding(b: Binding): string {
  if ('node' in b) return `${b.node}.${b.output}`;
  if ('input' in b) return `workflow input ${b.input}`;
  return `the constant ${JSON.stringify(b.value)}`;
}
