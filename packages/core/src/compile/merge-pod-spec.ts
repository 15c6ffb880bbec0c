import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import { isPlainObject } from '../util/json';

/**
 * Merges a base pod template under a task's pod spec, as Flyte's backend does (mergo WithOverride + WithAppendSlice):
 * the task's scalars win, maps merge key by key, lists append (template first). Containers are the exception: the
 * result has exactly the task's containers — template containers are never added — and each is merged over the
 * template's `default` container, then `primary` (primary only), then the template container of the same name.
 * Init containers are the task's own, untouched.
 */
export function mergePodSpec(template: PodSpec | undefined, task: PodSpec, primaryName: string): PodSpec {
  if (!template) return task;
  const { containers: templateContainers = [], initContainers: _ignored, ...templateRest } = template;
  const { containers: taskContainers = [], ...taskRest } = task;
  const merged = mergeValues(templateRest, taskRest) as PodSpec;
  const byName = new Map(templateContainers.map((c) => [c.name, c]));
  merged.containers = taskContainers.map((container) => {
    const layers = [byName.get('default'), container.name === primaryName ? byName.get('primary') : undefined];
    if (container.name !== 'default' && container.name !== 'primary') layers.push(byName.get(container.name));
    let result: Container = container;
    for (const layer of layers.filter((l): l is Container => l !== undefined).reverse()) {
      result = mergeValues({ ...layer, name: container.name }, result) as Container;
    }
    return result;
  });
  if (task.initContainers) merged.initContainers = task.initContainers;
  return merged;
}

/** `over` wins on scalars; objects merge recursively; arrays append (`base` first). */
export function mergeValues(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (Array.isArray(base) && Array.isArray(over)) return [...base, ...over];
  if (isPlainObject(base) && isPlainObject(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(over)) out[key] = mergeValues(base[key], value);
    return out;
  }
  return over;
}
