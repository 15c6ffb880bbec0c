import type { WorkflowDoc } from '../../document/workflow-schema';
import type { Diagnostic } from '../diagnostic';
import { podSpecsOf } from './pod-specs-of';

/**
 * A hostPath volume hands a task a directory of the machine it runs on: on a cluster, the node's; with the local
 * executor, this computer's, where the Podflow server keeps its token and database. Allowed, but never silently: a
 * warning on every hostPath volume, once per node whose pod gets it (once for the task when no node uses it).
 */
export function checkHostPathVolumes(doc: WorkflowDoc): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const site of podSpecsOf(doc)) {
    (site.spec.volumes ?? []).forEach((volume, i) => {
      const hostPath = volume?.hostPath?.path;
      if (typeof hostPath !== 'string') return;
      const path = `${site.path}.volumes[${i}].hostPath.path`;
      const message =
        `volume "${volume.name}" mounts ${hostPath} from the machine the pod runs on (hostPath): with the local executor that is this ` +
        'computer, outside any sandbox; the task can read and change what is there';
      const base = { code: 'host-path-volume', severity: 'warning' as const, path, message, ...(site.task ? { task: site.task } : {}) };
      if (site.nodeIds.length === 0) out.push(base);
      for (const nodeId of site.nodeIds) out.push({ ...base, nodeId });
    });
  }
  return out;
}
