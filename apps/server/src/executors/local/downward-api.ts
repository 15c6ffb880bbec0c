import { availableParallelism, totalmem } from 'node:os';
import type { Container, Pod, ResourceFieldSelector } from 'kubernetes-types/core/v1';
import { PodConfigError } from './pod-config-error';

/** The pod's own IP on this machine: containers share the host network. */
export const LOCAL_POD_IP = '127.0.0.1';

/** Kubernetes' downward API `fieldRef.fieldPath`, for env and downwardAPI volumes. */
export function fieldValue(pod: Pod, fieldPath: string): string {
  const meta = pod.metadata ?? {};
  const keyed = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
  if (keyed) return (keyed[1] === 'labels' ? meta.labels : meta.annotations)?.[keyed[2] ?? ''] ?? '';
  switch (fieldPath) {
    case 'metadata.name':
      return meta.name ?? '';
    case 'metadata.namespace':
      return meta.namespace ?? 'default';
    case 'metadata.uid':
      return meta.uid ?? '';
    case 'metadata.labels':
      return formatMap(meta.labels);
    case 'metadata.annotations':
      return formatMap(meta.annotations);
    case 'spec.nodeName':
      return 'localhost';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? 'default';
    case 'status.podIP':
    case 'status.podIPs':
    case 'status.hostIP':
    case 'status.hostIPs':
      return LOCAL_POD_IP;
    default:
      throw new PodConfigError(`the downward API field "${fieldPath}" is not supported`);
  }
}

/** `metadata.labels` as a downwardAPI file shows it: `key="value"` lines, sorted. */
function formatMap(map: Record<string, string> | undefined): string {
  return Object.keys(map ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(map?.[k] ?? '')}`)
    .join('\n');
}

/**
 * `resourceFieldRef`: the container's limit (or, for requests, its request), else what this machine has, divided
 * by `divisor` and rounded up as Kubernetes does. Limits are not enforced locally; this only reports them.
 */
export function resourceValue(pod: Pod, ref: ResourceFieldSelector, self: Container): string {
  const container = ref.containerName ? [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === ref.containerName) : self;
  const [group, name] = ref.resource.split('.', 2);
  if (!container || !name || (group !== 'limits' && group !== 'requests')) {
    throw new PodConfigError(`resourceFieldRef "${ref.resource}"${ref.containerName ? ` of container "${ref.containerName}"` : ''} cannot be resolved`);
  }
  const declared = container.resources?.[group]?.[name] ?? (group === 'requests' ? container.resources?.limits?.[name] : undefined);
  const machine = name === 'cpu' ? availableParallelism() : name === 'memory' ? totalmem() : 0;
  const value = declared !== undefined ? parseQuantity(declared) : machine;
  const divisor = ref.divisor !== undefined ? parseQuantity(ref.divisor) || 1 : 1;
  return String(Math.ceil(value / divisor));
}

const SUFFIX: Record<string, number> = {
  '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** A Kubernetes quantity (`500m`, `1Gi`, `2`, 0.5) as a number. */
export function parseQuantity(q: string | number): number {
  if (typeof q === 'number') return q;
  const m = /^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)([a-zA-Z]*)$/.exec(q.trim());
  const scale = m ? SUFFIX[m[2] ?? ''] : undefined;
  if (!m || scale === undefined) throw new PodConfigError(`"${q}" is not a Kubernetes quantity`);
  return Number(m[1]) * scale;
}
