import type { ConfigMap, Container, EnvVar, Pod, PodSpec, Volume, VolumeMount } from 'kubernetes-types/core/v1';
import type { Task, WorkflowDoc } from '../document/workflow-schema';
import { defaultImageOf, namespaceOf } from '../document/accessors';
import type { Json } from '../util/json';
import { stableStringify } from '../util/json';
import { toLabelValue } from '../util/names';
import { runtimeConfigMap, taskConfigMap } from './code-config-maps';
import { podName } from './pod-names';
import { ANNOTATION, CODE_MOUNT_PATH, CODE_VOLUME, DEPS_MOUNT_PATH, DEPS_VOLUME, DEFAULT_OUTPUTS_MAX_BYTES, ENV, INLINE_INPUTS_MAX_BYTES, LABEL, TERMINATION_MESSAGE_PATH } from './runtime-contract';
import { primaryResources } from './task-resources';
import { taskPodSpec } from './task-pod-spec';
import { depsVolume, requirementsInitContainer, requirementsModeOf, taskRequirements } from './requirements-pod';

export interface PodPlan {
  doc: WorkflowDoc;
  task: Task;
  nodeId: string;
  executionId: string;
  runId: string;
  attempt: number;
  inputs: Record<string, Json>;
  itemIndex?: number;
  /** Run by kubectl alone: the result also goes to the log (ENV.outputsToLog). */
  standalone?: boolean;
}

export interface PodObjects {
  configMaps: ConfigMap[];
  pod: Pod;
}

/** The primary runs Podflow's entrypoint on the task's code; `$(PODFLOW_CODE_DIR)` is expanded as Kubernetes does. */
export const ENTRYPOINT_COMMAND = ['python3', '-u', `$(${ENV.codeDir})/entrypoint.py`];

/**
 * Builds the Kubernetes objects of one execution (DESIGN.md §3). Every variation of a pod's layout is decided here,
 * once; executors supply only run-time values and never change the shape.
 */
export function toPod(plan: PodPlan): PodObjects {
  const { doc, task } = plan;
  const namespace = namespaceOf(doc);
  const { spec: userSpec, primaryIndex, primaryName } = taskPodSpec(doc, task);
  const name = podName(doc.metadata.name, plan.executionId, plan.runId, plan.attempt);

  const runtimeCm = runtimeConfigMap(namespace);
  const taskCm = taskConfigMap(doc, task, namespace);
  const configMaps: ConfigMap[] = [runtimeCm, taskCm];
  const inputsJson = stableStringify(plan.inputs);
  const inputsInline = inputsJson.length <= INLINE_INPUTS_MAX_BYTES;
  if (!inputsInline) {
    configMaps.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${name}-inputs`.slice(0, 253), namespace, labels: runLabels(plan) },
      immutable: true,
      data: { 'inputs.json': inputsJson },
    });
  }

  // The task's requirements, installed by an init container into a volume the primary imports from (`install` mode).
  const requirements = taskRequirements(task);
  const install = requirements.length > 0 && requirementsModeOf(doc) === 'install';

  const source = userSpec.containers[primaryIndex]!;
  const { resources } = primaryResources(source.resources, task.resources, doc.spec.defaults?.resources);
  const { name: _n, image: _i, command: _c, args: _a, env: _e, resources: _r, volumeMounts: _v, ...rest } = source;
  // Key order as a person reads a container: who, what it runs, with what, on what.
  const primary: Container = {
    name: primaryName,
    image: source.image || task.image || defaultImageOf(doc),
    command: ENTRYPOINT_COMMAND,
    env: [...envList(task.env), ...(source.env ?? []), ...podflowEnv(plan, inputsInline ? inputsJson : undefined, install)],
    ...(resources ? { resources } : {}),
    volumeMounts: [
      ...(source.volumeMounts ?? []),
      { name: CODE_VOLUME, mountPath: CODE_MOUNT_PATH, readOnly: true } satisfies VolumeMount,
      ...(install ? [{ name: DEPS_VOLUME, mountPath: DEPS_MOUNT_PATH, readOnly: true } satisfies VolumeMount] : []),
    ],
    ...rest,
    terminationMessagePath: source.terminationMessagePath ?? TERMINATION_MESSAGE_PATH,
    terminationMessagePolicy: source.terminationMessagePolicy ?? 'FallbackToLogsOnError',
  };

  const codeVolume: Volume = {
    name: CODE_VOLUME,
    projected: { sources: configMaps.map((cm) => ({ configMap: { name: cm.metadata!.name! } })) },
  };
  // Every other container — sidecars and init containers too — gets the execution's identity, as Flyte's backend
  // gives every container its FLYTE_* identity: after the user's own env, so Podflow's names win (they are reserved).
  const identity = identityEnv(plan);
  const withIdentity = (c: Container): Container => ({ ...c, env: [...(c.env ?? []), ...identity] });
  // The install step runs last of the init containers: after the user's own, so that a native sidecar the pod's
  // network depends on (a service-mesh proxy, an egress proxy) is already running when pip reaches the index.
  const initContainers = [...(userSpec.initContainers ?? []), ...(install ? [requirementsInitContainer(primary, requirements)] : [])];
  const spec: PodSpec = {
    ...userSpec,
    containers: userSpec.containers.map((c, i) => (i === primaryIndex ? primary : withIdentity(c))),
    ...(initContainers.length ? { initContainers: initContainers.map(withIdentity) } : {}),
    volumes: [...(userSpec.volumes ?? []), codeVolume, ...(install ? [depsVolume()] : [])],
    restartPolicy: userSpec.restartPolicy ?? 'Never',
  };

  const template = doc.spec.podTemplate?.metadata;
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      labels: { ...template?.labels, ...task.pod?.labels, ...runLabels(plan) },
      annotations: {
        ...template?.annotations,
        ...task.pod?.annotations,
        [ANNOTATION.primaryContainer]: primaryName,
        [ANNOTATION.execution]: plan.executionId,
        [ANNOTATION.task]: task.name,
      },
    },
    spec,
  };
  return { configMaps, pod };
}

function runLabels(plan: PodPlan): Record<string, string> {
  return {
    [LABEL.managedBy]: 'podflow',
    [LABEL.workflow]: toLabelValue(plan.doc.metadata.name),
    [LABEL.node]: toLabelValue(plan.nodeId),
    [LABEL.run]: toLabelValue(plan.runId),
    [LABEL.attempt]: String(plan.attempt),
  };
}

function envList(env: Record<string, string> | undefined): EnvVar[] {
  return Object.entries(env ?? {}).map(([name, value]) => ({ name, value }));
}

function podflowEnv(plan: PodPlan, inlineInputs: string | undefined, deps: boolean): EnvVar[] {
  const env: EnvVar[] = [
    { name: ENV.codeDir, value: CODE_MOUNT_PATH },
    ...(deps ? [{ name: ENV.depsDir, value: DEPS_MOUNT_PATH }] : []),
    inlineInputs !== undefined ? { name: ENV.inputs, value: inlineInputs } : { name: ENV.inputsFile, value: `$(${ENV.codeDir})/inputs.json` },
    { name: ENV.outputsFile, value: TERMINATION_MESSAGE_PATH },
    { name: ENV.outputsMaxBytes, value: String(DEFAULT_OUTPUTS_MAX_BYTES) },
    ...identityEnv(plan),
  ];
  return env;
}

/** Which workflow, node, execution (map item, dynamic child), run and attempt a container belongs to. */
function identityEnv(plan: PodPlan): EnvVar[] {
  const env: EnvVar[] = [
    { name: ENV.workflow, value: plan.doc.metadata.name },
    { name: ENV.node, value: plan.nodeId },
    { name: ENV.execution, value: plan.executionId },
    { name: ENV.run, value: plan.runId },
    { name: ENV.attempt, value: String(plan.attempt) },
  ];
  if (plan.itemIndex !== undefined) env.push({ name: ENV.itemIndex, value: String(plan.itemIndex) });
  if (plan.standalone) env.push({ name: ENV.outputsToLog, value: '1' });
  return env;
}
