import type { Container, Volume } from 'kubernetes-types/core/v1';
import type { RequirementsMode, Task, WorkflowDoc } from '../document/workflow-schema';
import { DEFAULT_REQUIREMENTS_MODE } from '../document/workflow-schema';
import { DEPS_MOUNT_PATH, DEPS_VOLUME, REQUIREMENTS_CONTAINER } from './runtime-contract';

export const requirementsModeOf = (doc: WorkflowDoc): RequirementsMode => doc.spec.settings?.requirements ?? DEFAULT_REQUIREMENTS_MODE;

/** The task's requirements as pip gets them (trimmed; empty entries left out). */
export const taskRequirements = (task: Task): string[] => (task.requirements ?? []).map((r) => r.trim()).filter((r) => r !== '');

/** The pip command that installs a task's requirements into `target` (the cluster's init container runs it). */
export function pipInstallCommand(python: string, target: string, requirements: readonly string[]): string[] {
  return [python, '-m', 'pip', 'install', '--no-cache-dir', '--disable-pip-version-check', '--target', target, ...requirements];
}

/**
 * The init container that installs a task's requirements on a cluster (`install` mode): the primary's image (so its
 * `python3` is the one the task runs with), the primary's pull policy, security context, resources and user
 * environment (so `PIP_INDEX_URL` and friends set on the task reach pip), and the deps volume at DEPS_MOUNT_PATH.
 */
export function requirementsInitContainer(primary: Container, requirements: readonly string[]): Container {
  return {
    name: REQUIREMENTS_CONTAINER,
    image: primary.image,
    command: pipInstallCommand('python3', DEPS_MOUNT_PATH, requirements),
    ...(primary.imagePullPolicy ? { imagePullPolicy: primary.imagePullPolicy } : {}),
    ...(primary.envFrom ? { envFrom: primary.envFrom } : {}),
    env: (primary.env ?? []).filter((e) => !e.name.startsWith('PODFLOW_')),
    ...(primary.resources ? { resources: primary.resources } : {}),
    ...(primary.securityContext ? { securityContext: primary.securityContext } : {}),
    volumeMounts: [{ name: DEPS_VOLUME, mountPath: DEPS_MOUNT_PATH }],
  };
}

export const depsVolume = (): Volume => ({ name: DEPS_VOLUME, emptyDir: {} });
