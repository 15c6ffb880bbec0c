import type { WorkflowDoc } from '../document/workflow-schema';
import { nodesOf } from '../document/accessors';
import { topoSort } from '../graph/topo-sort';
import type { Diagnostic } from './diagnostic';
import { checkHostPathVolumes } from './rules/check-host-path-volumes';
import { checkNodes } from './rules/check-nodes';
import { checkTasks } from './rules/check-tasks';
import { checkWorkflowIo } from './rules/check-workflow-io';
import { checkWorkingDirs } from './rules/check-working-dirs';

/**
 * Every rule of DESIGN.md §2, §3 and §8, as diagnostics that name the node or task and the field. A document with
 * errors is still a document: the editor shows it, and only running it is refused.
 */
export function validateWorkflow(doc: WorkflowDoc): Diagnostic[] {
  const diagnostics = [...checkWorkflowIo(doc), ...checkTasks(doc), ...checkNodes(doc), ...checkWorkingDirs(doc), ...checkHostPathVolumes(doc)];
  const sorted = topoSort(doc);
  if ('cycle' in sorted) {
    const index = nodesOf(doc).findIndex((n) => n.id === sorted.cycle[0]);
    diagnostics.push({
      code: 'cycle',
      severity: 'error',
      nodeId: sorted.cycle[0],
      path: `spec.nodes[${index}].inputs`,
      message: `the nodes ${[...sorted.cycle, sorted.cycle[0]].join(' → ')} form a cycle; a workflow must be a DAG`,
    });
  }
  return diagnostics;
}
