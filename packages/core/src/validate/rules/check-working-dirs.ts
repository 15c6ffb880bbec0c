import type { Container } from 'kubernetes-types/core/v1';
import type { WorkflowDoc } from '../../document/workflow-schema';
import type { Diagnostic } from '../diagnostic';
import { podSpecsOf } from './pod-specs-of';

/**
 * A container's workingDir must be an absolute path with no `.` or `..` segments (what a runtime resolves to the
 * same place inside any container): `/data/../../tmp/x` would walk out of the volume it seems to name.
 */
export function workingDirProblem(dir: string): string | undefined {
  if (!dir.startsWith('/')) return 'must be an absolute path (starting with "/")';
  if (dir.split('/').some((segment) => segment === '..' || segment === '.')) return 'must not contain "." or ".." segments';
  if (dir.includes('\0')) return 'must not contain NUL';
  return undefined;
}

export function checkWorkingDirs(doc: WorkflowDoc): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const site of podSpecsOf(doc)) {
    const check = (containers: readonly Container[] | undefined, kind: 'containers' | 'initContainers') =>
      (containers ?? []).forEach((c, i) => {
        if (typeof c?.workingDir !== 'string' || c.workingDir === '') return;
        const problem = workingDirProblem(c.workingDir);
        if (!problem) return;
        out.push({
          code: 'working-dir',
          severity: 'error',
          path: `${site.path}.${kind}[${i}].workingDir`,
          message: `container "${c.name}": workingDir "${c.workingDir}" ${problem}`,
          ...(site.task ? { task: site.task } : {}),
        });
      });
    check(site.spec.containers, 'containers');
    check(site.spec.initContainers, 'initContainers');
  }
  return out;
}
