/**
 * Edit ops: pure `(doc, args) → doc` functions (DESIGN §1, principle 4). None mutates its input; unchanged parts of the
 * document are shared with the result. Undo records snapshots, so there are no inverses.
 *
 * An op returns an `OpResult` when it can be refused — a name clash, an invalid name or field, a cycle, a task still
 * in use, or a target that does not exist. Ops whose effect is removing or moving things (removeNodes, disconnect,
 * moveNodes, removeWorkflowInput/Output) skip what does not exist; every op returns the very same document object
 * when nothing changes, so the editor can skip an undo step by identity.
 */
export type { OpResult } from './op-result';
export { addTask } from './add-task';
export { updateTask, type TaskPatch } from './update-task';
export { renameTask } from './rename-task';
export { removeTask } from './remove-task';
export { addNode, type AddNodeArgs } from './add-node';
export { removeNodes } from './remove-nodes';
export { renameNode } from './rename-node';
export { connect, type ConnectArgs } from './connect';
export { disconnect } from './disconnect';
export { setInputValue } from './set-input-value';
export { setMap } from './set-map';
export { moveNodes } from './move-nodes';
export { addWorkflowInput } from './add-workflow-input';
export { updateWorkflowInput, type WorkflowInputPatch } from './update-workflow-input';
export { removeWorkflowInput } from './remove-workflow-input';
export { renameWorkflowInput } from './rename-workflow-input';
export { addWorkflowOutput } from './add-workflow-output';
export { updateWorkflowOutput, type WorkflowOutputPatch } from './update-workflow-output';
export { removeWorkflowOutput } from './remove-workflow-output';
export { duplicateNodes } from './duplicate-nodes';
export { FragmentSchema, type Fragment } from './fragment';
export { extractFragment } from './extract-fragment';
export { pasteFragment } from './paste-fragment';
export { updateWorkflowMeta, type WorkflowMetaPatch } from './update-workflow-meta';
export { uniqueNodeId } from './unique-node-id';
export { uniqueName } from './unique-name';
export { taskCalls, calledNames } from './task-code/task-calls';
