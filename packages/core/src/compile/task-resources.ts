import type { ResourceRequirements } from 'kubernetes-types/core/v1';
import type { Resources } from '../document/workflow-schema';

type QuantityMap = Record<string, string | number>;

export interface ResourcePlan {
  resources: ResourceRequirements | undefined;
  /** The container's own entries that task-level resources replaced (`requests.cpu=1`), for a warning. */
  dropped: string[];
}

/** Resource names as a person writes them in a task, to Kubernetes names. */
const RESOURCE_ALIASES: Record<string, string> = { gpu: 'nvidia.com/gpu', mem: 'memory' };

/**
 * The primary container's resources (DESIGN.md §3): task-level `resources`, when non-empty, replace the container's
 * own wholesale (as flytekit does); `gpu` becomes `nvidia.com/gpu`; the workflow's default resources fill what is still
 * unset; then a missing limit takes the request and a missing request takes the limit, key by key.
 */
export function primaryResources(container: ResourceRequirements | undefined, task: Resources | undefined, defaults?: Resources): ResourcePlan {
  const taskRequests = normalise(task?.requests);
  const taskLimits = normalise(task?.limits);
  const taskSetsAny = Object.keys(taskRequests).length > 0 || Object.keys(taskLimits).length > 0;
  const dropped: string[] = [];
  let requests: QuantityMap;
  let limits: QuantityMap;
  if (taskSetsAny) {
    for (const [kind, map] of [['requests', container?.requests], ['limits', container?.limits]] as const) {
      for (const [key, value] of Object.entries(map ?? {})) dropped.push(`${kind}.${key}=${String(value)}`);
    }
    requests = taskRequests;
    limits = taskLimits;
  } else {
    requests = normalise(container?.requests as QuantityMap | undefined);
    limits = normalise(container?.limits as QuantityMap | undefined);
  }
  // Workflow defaults (spec.defaults.resources, Flyte's platform task_resources) fill a resource the primary sets
  // neither a request nor a limit for — after task resources replaced the container's own, as Flyte's backend does.
  const defaultRequests = normalise(defaults?.requests);
  const defaultLimits = normalise(defaults?.limits);
  for (const key of new Set([...Object.keys(defaultRequests), ...Object.keys(defaultLimits)])) {
    if (key in requests || key in limits) continue;
    if (key in defaultRequests) requests[key] = defaultRequests[key]!;
    if (key in defaultLimits) limits[key] = defaultLimits[key]!;
  }
  for (const key of Object.keys(requests)) if (!(key in limits)) limits[key] = requests[key]!;
  for (const key of Object.keys(limits)) if (!(key in requests)) requests[key] = limits[key]!;
  const hasAny = Object.keys(requests).length > 0;
  const rest = container ? { ...container } : {};
  delete rest.requests;
  delete rest.limits;
  const resources: ResourceRequirements | undefined =
    hasAny || Object.keys(rest).length > 0 ? { ...rest, ...(hasAny ? { requests: requests as never, limits: limits as never } : {}) } : undefined;
  return { resources, dropped };
}

function normalise(map: QuantityMap | undefined): QuantityMap {
  const out: QuantityMap = {};
  for (const [key, value] of Object.entries(map ?? {})) out[RESOURCE_ALIASES[key] ?? key] = value;
  return out;
}
