import type { Container, Pod } from 'kubernetes-types/core/v1';
import { parseQuantity, type QuantityValue } from './quantity';

/** What a pod asks a node for: CPU in cores, memory in bytes; undefined where no container says. */
export interface PodRequests {
  cpu: number | undefined;
  memory: number | undefined;
}

type Resource = keyof PodRequests;

/** A container's request for `resource`: its request, else its limit (Kubernetes defaults the one to the other). */
function containerRequest(container: Container, resource: Resource): number | undefined {
  const value: QuantityValue | undefined = container.resources?.requests?.[resource] ?? container.resources?.limits?.[resource];
  if (value === undefined) return undefined;
  const parsed = parseQuantity(value);
  return parsed.ok && parsed.value >= 0 ? parsed.value : undefined;
}

const add = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : a + b);
const max = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));

function podRequest(pod: Pod, resource: Resource): number | undefined {
  // Init containers run one at a time, beside the native sidecars (restartPolicy Always) started before them; the
  // sidecars keep running beside the app containers.
  let sidecars: number | undefined;
  let init: number | undefined;
  for (const c of pod.spec?.initContainers ?? []) {
    const own = containerRequest(c, resource);
    if (c.restartPolicy === 'Always') sidecars = add(sidecars, own);
    else init = max(init, add(own, sidecars));
  }
  let apps: number | undefined = sidecars;
  for (const c of pod.spec?.containers ?? []) apps = add(apps, containerRequest(c, resource));
  const overhead = pod.spec?.overhead?.[resource];
  const parsedOverhead = overhead === undefined ? undefined : parseQuantity(overhead);
  return add(max(apps, init), parsedOverhead?.ok ? parsedOverhead.value : undefined);
}

/**
 * The pod's effective requests, as kube-scheduler fits pods on a node: the larger of what its containers and native
 * sidecars ask together and what its heaviest init container asks (with the sidecars started before it), plus the
 * pod's overhead. A container without a request asks its limit; one with neither asks nothing. Quantities that do
 * not parse count as absent (validation reports them).
 */
export function podRequests(pod: Pod): PodRequests {
  return { cpu: podRequest(pod, 'cpu'), memory: podRequest(pod, 'memory') };
}
