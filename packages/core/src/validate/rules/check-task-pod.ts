import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import type { Task, WorkflowDoc } from '../../document/workflow-schema';
import { primaryResources } from '../../compile/task-resources';
import { taskPodSpec } from '../../compile/task-pod-spec';
import { requirementsModeOf } from '../../compile/requirements-pod';
import { CODE_VOLUME, DEPS_MOUNT_PATH, DEPS_VOLUME, REQUIREMENTS_CONTAINER, RESERVED_ENV_PREFIX, RESERVED_PREFIX } from '../../compile/runtime-contract';
import { validatePodSpec } from '../../k8s/validate-pod-spec';
import { isDns1123Label, isQualifiedKey } from '../../util/names';
import type { Diagnostic } from '../diagnostic';

/**
 * Everything about one task's pod that Kubernetes or Podflow would refuse or change: schema errors, names, mounts of
 * missing volumes, reserved names, and the parts of the primary container that Podflow replaces.
 */
export function checkTaskPod(doc: WorkflowDoc, task: Task, taskIndex: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const base = `spec.tasks[${taskIndex}]`;
  const specPath = `${base}.pod.spec`;
  const add = (code: string, severity: Diagnostic['severity'], path: string, message: string) =>
    out.push({ code, severity, task: task.name, path, message });

  const own: PodSpec | undefined = task.pod?.spec;
  if (own) {
    for (const problem of validatePodSpec({ ...own, containers: own.containers ?? [] })) {
      add('pod-schema', 'error', `${specPath}.${problem.path}`, `${problem.path}: ${problem.message}`);
    }
  }
  const { spec, primaryName, primaryIndex, primaryAppended } = taskPodSpec(doc, task);
  if (!isDns1123Label(primaryName)) {
    add('container-name', 'error', `${base}.pod.primaryContainerName`, `primary container name "${primaryName}" must be a DNS-1123 label (lowercase letters, digits and '-', at most 63)`);
  }

  const volumes = new Set<string>();
  (spec.volumes ?? []).forEach((v, i) => {
    const path = `${specPath}.volumes[${i}].name`;
    if (!v?.name) return;
    if (v.name === CODE_VOLUME) add('reserved-name', 'error', path, `the volume name "${CODE_VOLUME}" is reserved for Podflow's code volume`);
    else if (v.name === DEPS_VOLUME) add('reserved-name', 'error', path, `the volume name "${DEPS_VOLUME}" is reserved for the task's installed requirements`);
    else if (!isDns1123Label(v.name)) add('volume-name', 'error', path, `volume name "${v.name}" must be a DNS-1123 label (lowercase letters, digits and '-', at most 63)`);
    if (volumes.has(v.name)) add('volume-duplicate', 'error', path, `two volumes are named "${v.name}"`);
    volumes.add(v.name);
  });

  const names = new Set<string>();
  const checkContainer = (c: Container | undefined, path: string, isPrimary: boolean) => {
    if (!c || typeof c !== 'object') return;
    if (typeof c.name === 'string') {
      if (c.name === REQUIREMENTS_CONTAINER) add('reserved-name', 'error', `${path}.name`, `the container name "${REQUIREMENTS_CONTAINER}" is reserved for the init container that installs the task's requirements`);
      if (!isDns1123Label(c.name)) add('container-name', 'error', `${path}.name`, `container name "${c.name}" must be a DNS-1123 label (lowercase letters, digits and '-', at most 63)`);
      if (names.has(c.name)) add('container-duplicate', 'error', `${path}.name`, `two containers are named "${c.name}"`);
      names.add(c.name);
    }
    if (!isPrimary && !c.image) add('container-image', 'error', `${path}.image`, `container "${c.name}" needs an image (only the primary container takes the task's image)`);
    (c.volumeMounts ?? []).forEach((m, j) => {
      if (m?.name && !volumes.has(m.name)) {
        add('mount-missing-volume', 'error', `${path}.volumeMounts[${j}].name`, `container "${c.name}" mounts volume "${m.name}", but the pod has no volume of that name${volumes.size ? ` (volumes: ${[...volumes].join(', ')})` : ''}`);
      }
    });
    if (isPrimary && task.requirements?.length && requirementsModeOf(doc) === 'install') {
      (c.volumeMounts ?? []).forEach((m, j) => {
        if (m?.mountPath === DEPS_MOUNT_PATH || m?.mountPath?.startsWith(`${DEPS_MOUNT_PATH}/`)) {
          add('reserved-name', 'error', `${path}.volumeMounts[${j}].mountPath`, `${DEPS_MOUNT_PATH} is where the task's requirements are installed; mount this volume elsewhere`);
        }
      });
    }
    (c.env ?? []).forEach((e, j) => {
      if (e?.name?.startsWith(RESERVED_ENV_PREFIX)) add('reserved-name', 'error', `${path}.env[${j}].name`, `environment names starting ${RESERVED_ENV_PREFIX} are reserved for Podflow`);
    });
  };
  spec.containers.forEach((c, i) => {
    const path = i === primaryIndex && primaryAppended ? `${base}.pod.primaryContainerName` : `${specPath}.containers[${i}]`;
    checkContainer(c, path, i === primaryIndex);
  });
  (spec.initContainers ?? []).forEach((c, i) => checkContainer(c, `${specPath}.initContainers[${i}]`, false));

  for (const [key, env] of Object.entries(task.env ?? {})) {
    if (key.startsWith(RESERVED_ENV_PREFIX)) add('reserved-name', 'error', `${base}.env.${key}`, `environment names starting ${RESERVED_ENV_PREFIX} are reserved for Podflow`);
    void env;
  }
  for (const kind of ['labels', 'annotations'] as const) {
    for (const key of Object.keys(task.pod?.[kind] ?? {})) {
      const path = `${base}.pod.${kind}.${key}`;
      if (key.startsWith(RESERVED_PREFIX)) add('reserved-name', 'error', path, `${kind} under "${RESERVED_PREFIX}" are reserved for Podflow`);
      else if (!isQualifiedKey(key)) add('label-key', 'error', path, `"${key}" is not a valid ${kind === 'labels' ? 'label' : 'annotation'} key`);
    }
  }

  const primary = spec.containers[primaryIndex];
  if (!primaryAppended && primary && (primary.command || primary.args)) {
    add('primary-command-replaced', 'info', `${specPath}.containers[${primaryIndex}]`, `the primary container runs Podflow's entrypoint on the task's code, so its own command and args are replaced`);
  }
  const { dropped } = primaryResources(primary?.resources, task.resources);
  if (dropped.length > 0) {
    // Information, not a problem (DESIGN §3): Flyte does the same, and the person may want exactly this.
    const used = formatResources(task.resources);
    add(
      'resources-replaced',
      'info',
      `${base}.resources`,
      `the primary container gets the task's resources (${used}) instead of its own (${dropped.join(', ')}), as in Flyte; to keep the container's own, remove the task's resources`,
    );
  }
  return out;
}

function formatResources(r: { requests?: Record<string, unknown>; limits?: Record<string, unknown> } | undefined): string {
  const parts: string[] = [];
  for (const kind of ['requests', 'limits'] as const) for (const [key, value] of Object.entries(r?.[kind] ?? {})) parts.push(`${kind}.${key}=${String(value)}`);
  return parts.join(', ') || 'none';
}
