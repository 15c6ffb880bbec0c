import type { PodSpec } from 'kubernetes-types/core/v1';
import type { WorkflowDoc } from '../../document/workflow-schema';
import { nodesOf, tasksOf } from '../../document/accessors';

/** Every pod spec a document writes itself (the pod template's and each task's), with its path and who uses it. */
export interface PodSpecSite {
  spec: PodSpec;
  /** `spec.podTemplate.spec` or `spec.tasks[2].pod.spec`. */
  path: string;
  /** The task, for a task's own pod. */
  task?: string;
  /** The nodes whose pods it shapes (every node, for the pod template). */
  nodeIds: string[];
}

export function podSpecsOf(doc: WorkflowDoc): PodSpecSite[] {
  const sites: PodSpecSite[] = [];
  const nodes = nodesOf(doc);
  const template = doc.spec.podTemplate?.spec as PodSpec | undefined;
  if (template && typeof template === 'object') sites.push({ spec: template, path: 'spec.podTemplate.spec', nodeIds: nodes.map((n) => n.id) });
  tasksOf(doc).forEach((task, i) => {
    const spec = task.pod?.spec as PodSpec | undefined;
    if (!spec || typeof spec !== 'object') return;
    sites.push({ spec, path: `spec.tasks[${i}].pod.spec`, task: task.name, nodeIds: nodes.filter((n) => n.task === task.name).map((n) => n.id) });
  });
  return sites;
}
