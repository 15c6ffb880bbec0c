import type { WorkflowDoc } from '../document/workflow-schema';
import { nodesOf } from '../document/accessors';
import { topoSort } from '../graph/topo-sort';
import type { Diagnostic } from './diagnostic';
import { checkHostPathVolumes } from './rules/check-host-path-volumes';
import { checkNodes } from './rules/check-nodes';
import { checkPodFields } from './rules/check-pod-fields';
import { checkTasks } from './rules/check-tasks';
import { checkUnusedTasks } from './rules/check-unused-tasks';
import { checkWorkflowIo } from './rules/check-workflow-io';
import { checkWorkingDirs } from './rules/check-working-dirs';

/**
 * Every rule of DESIGN.md §2, §3 and §8, as diagnostics that name the node or task and the field. A document with
 * errors is still a document: the editor shows it, and only running it is refused.
 */
export function validateWorkflow(doc: WorkflowDoc): Diagnostic[] {
  const diagnostics = withoutRepeats([...checkWorkflowIo(doc), ...checkTasks(doc), ...checkUnusedTasks(doc), ...checkNodes(doc), ...checkWorkingDirs(doc), ...checkHostPathVolumes(doc)], checkPodFields(doc));
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

/**
 * The field rules (check-pod-fields.ts) say some things the workflow rules already say, in other words (a container
 * name that is not a DNS-1123 label, a mount of a missing volume): at a path where a rule already reported a problem
 * of the same severity, the field rule's is left out — except over the PodSpec schema's generic words ("is not a
 * valid quantity"), where the field rule's more precise message ("must not contain spaces (write 1)") is kept instead.
 */
function withoutRepeats(diagnostics: Diagnostic[], fieldDiagnostics: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => `${d.severity} ${d.path}`;
  const fieldKeys = new Set(fieldDiagnostics.map(key));
  const kept = diagnostics.filter((d) => !(d.code === 'pod-schema' && fieldKeys.has(key(d))));
  const taken = new Set(kept.filter((d) => d.code !== 'pod-schema').map(key));
  return [...kept, ...fieldDiagnostics.filter((d) => !taken.has(key(d)))];
}
