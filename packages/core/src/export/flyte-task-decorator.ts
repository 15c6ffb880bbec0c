import type { Resources, Task, WorkflowDoc } from '../document/workflow-schema';
import { primaryResources } from '../compile/task-resources';
import { stableStringify } from '../util/json';
import { DEFAULT_IMAGE, DEFAULT_PRIMARY_CONTAINER } from '../document/workflow-schema';
import { requirementsModeOf, taskRequirements } from '../compile/requirements-pod';
import { findTask, tasksOf } from '../document/accessors';
import { taskPodSpec } from '../compile/task-pod-spec';
import type { Diagnostic } from '../validate/diagnostic';
import { podSpecSource } from './flyte-pod-spec';
import { pythonLiteral, pythonString } from './python-literal';

/** What a module's decorators and calls need imported. */
export interface FlyteImports {
  flytekit: Set<string>;
  kubernetes: Set<string>;
  datetime: Set<string>;
  typing: Set<string>;
}

export const emptyImports = (): FlyteImports => ({ flytekit: new Set(), kubernetes: new Set(), datetime: new Set(), typing: new Set() });

/** flytekit's `Resources` keywords for Kubernetes resource names (the document may write `gpu` or `nvidia.com/gpu`). */
const RESOURCE_KEYWORDS: Record<string, string> = {
  cpu: 'cpu',
  memory: 'mem',
  mem: 'mem',
  gpu: 'gpu',
  'nvidia.com/gpu': 'gpu',
  'ephemeral-storage': 'ephemeral_storage',
};

/**
 * `@task(...)` / `@dynamic(...)` for one task: its pod as `pod_template=PodTemplate(pod_spec=V1PodSpec(...))`
 * (flytekit's current API), resources, image, environment, retries, timeout and cache. A workflow's base pod template
 * is merged into each task's pod here (Flyte has no workflow-level template in a module), exactly as compile merges it.
 */
export function taskDecorator(doc: WorkflowDoc, task: Task, imports: FlyteImports, problems: Diagnostic[]): string {
  const taskIndex = tasksOf(doc).indexOf(task);
  const path = `spec.tasks[${taskIndex}]`;
  const decorator = task.type === 'dynamic' ? 'dynamic' : 'task';
  imports.flytekit.add(decorator);
  const args: string[] = [];

  const template = doc.spec.podTemplate;
  const hasPod = task.pod !== undefined || template?.spec !== undefined || template?.metadata !== undefined;
  if (hasPod) {
    const spec = template?.spec ? taskPodSpec(doc, task).spec : (task.pod?.spec ?? { containers: [] });
    const rendered = podSpecSource(spec, '        ');
    for (const field of rendered.unknown) {
      problems.push({ code: 'flyte-export-pod-field', severity: 'error', task: task.name, path: `${path}.pod.spec.${field}`, message: `the Kubernetes Python client has no field for ${field}, so flytekit cannot express it` });
    }
    rendered.classes.forEach((c) => imports.kubernetes.add(c));
    imports.flytekit.add('PodTemplate');
    const labels = { ...template?.metadata?.labels, ...task.pod?.labels };
    const annotations = { ...template?.metadata?.annotations, ...task.pod?.annotations };
    const parts = [`        pod_spec=${rendered.code},\n`];
    const primary = task.pod?.primaryContainerName || DEFAULT_PRIMARY_CONTAINER;
    parts.push(`        primary_container_name=${pythonString(primary)},\n`);
    if (Object.keys(labels).length > 0) parts.push(`        labels=${pythonLiteral(labels, '        ')},\n`);
    if (Object.keys(annotations).length > 0) parts.push(`        annotations=${pythonLiteral(annotations, '        ')},\n`);
    args.push(`pod_template=PodTemplate(\n${parts.join('')}    )`);
  }
  // Flyte has no workflow-level resource defaults in a module (they are a platform setting): where the workflow's
  // defaults change a task's primary, the task carries the resulting requests and limits itself.
  let resources = task.resources;
  if (doc.spec.defaults?.resources) {
    const own = taskPodSpec(doc, task);
    const source = own.spec.containers[own.primaryIndex]?.resources;
    const withDefaults = primaryResources(source, task.resources, doc.spec.defaults.resources).resources;
    if (stableStringify(withDefaults) !== stableStringify(primaryResources(source, task.resources).resources)) {
      resources = { requests: withDefaults?.requests as Resources['requests'], limits: withDefaults?.limits as Resources['limits'] };
    }
  }
  for (const kind of ['requests', 'limits'] as const) {
    const map = resources?.[kind];
    if (!map || Object.keys(map).length === 0) continue;
    const kw: string[] = [];
    for (const [key, value] of Object.entries(map)) {
      const keyword = RESOURCE_KEYWORDS[key];
      if (!keyword) {
        problems.push({ code: 'flyte-export-resource', severity: 'error', task: task.name, path: task.resources?.[kind]?.[key] !== undefined ? `${path}.resources.${kind}.${key}` : `spec.defaults.resources.${kind}.${key}`, message: `flytekit's Resources has no "${key}" (only cpu, memory, gpu, ephemeral-storage); put it on the primary container in the pod spec instead` });
        continue;
      }
      kw.push(`${keyword}=${pythonString(String(value))}`); // the Kubernetes client types quantities as strings
    }
    imports.flytekit.add('Resources');
    args.push(`${kind}=Resources(${kw.join(', ')})`);
  }
  const image = task.image ?? doc.spec.defaults?.image;
  const requirements = taskRequirements(task);
  if (requirements.length > 0 && requirementsModeOf(doc) === 'install') {
    // Flyte's own way to give a task packages: an image built with them at registration (ImageSpec). The effect for
    // the task's code is the one an install step gives (it imports them); how it gets there is Flyte's.
    imports.flytekit.add('ImageSpec');
    const base = image ?? DEFAULT_IMAGE;
    args.push(`container_image=ImageSpec(base_image=${pythonString(base)}, packages=${pythonLiteral(requirements, '    ')})`);
  } else if (image !== undefined) args.push(`container_image=${pythonString(image)}`);
  // The workflow says the image has them: said in a comment, so the module never differs silently.
  const note = requirements.length > 0 && requirementsModeOf(doc) === 'image' ? `# Python packages the image must already contain: ${requirements.join(', ')}\n` : '';
  if (task.env && Object.keys(task.env).length > 0) args.push(`environment=${pythonLiteral(task.env, '    ')}`);
  if (task.retries) args.push(`retries=${task.retries}`);
  if (task.timeoutSeconds !== undefined) args.push(`timeout=${timeoutSource(task.timeoutSeconds, imports)}`);
  if (task.cache?.enabled) {
    imports.flytekit.add('Cache');
    args.push(task.cache.version !== undefined ? `cache=Cache(version=${pythonString(task.cache.version)})` : 'cache=Cache()');
  }
  if (args.length === 0) return `${note}@${decorator}`;
  return `${note}@${decorator}(\n${args.map((a) => `    ${a},\n`).join('')})`;
}

/** Seconds as flytekit's `timeout`: an int when whole, else a timedelta. */
export function timeoutSource(seconds: number, imports: FlyteImports): string {
  if (Number.isInteger(seconds)) return String(seconds);
  imports.datetime.add('timedelta');
  return `timedelta(seconds=${seconds})`;
}

/** The map node's per-item metadata: flytekit replaces the task's metadata with it, so timeout and cache come along. */
export function mapMetadata(doc: WorkflowDoc, taskName: string, retries: number, imports: FlyteImports): string {
  const task = findTask(doc, taskName);
  imports.flytekit.add('TaskMetadata');
  const parts = [`retries=${retries}`];
  if (task?.timeoutSeconds !== undefined) parts.push(`timeout=${timeoutSource(task.timeoutSeconds, imports)}`);
  if (task?.cache?.enabled) {
    parts.push('cache=True');
    if (task.cache.version !== undefined) parts.push(`cache_version=${pythonString(task.cache.version)}`);
  }
  return `TaskMetadata(${parts.join(', ')})`;
}
