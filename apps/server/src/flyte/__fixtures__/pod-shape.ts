// Test-only: the parts of a pod that Podflow's compile and flytekit's serialisation must agree on (issue #15:
// containers, volumes, mounts, node selector, init containers, tolerations, resources), with the documented
// deliberate differences taken out (packages/flyte-bridge/README.md, "Where the pods differ"):
//   1. the primary's image, command, args and env: flytekit runs pyflyte-execute in the registration image with
//      Flyte's env; Podflow runs its entrypoint in the task/workflow image with PODFLOW_* env;
//   2. Podflow's code volume (podflow-code), its mount and the primary's termination-message settings;
//   3. restartPolicy: Never, which Flyte's backend sets and Podflow's compile sets;
//   4. the primary's request/limit filling (a missing limit takes the request and back) and gpu → nvidia.com/gpu:
//      Flyte's backend does it at run time, Podflow's compile does it — so the flytekit side is filled the same way;
//   5. PODFLOW_* identity env on every container (Flyte's backend adds FLYTE_* to every container at run time).
import type { Container, Pod, PodSpec } from 'kubernetes-types/core/v1';
import type { FlyteTaskTemplate } from './flyte-env';

export interface PodShape {
  containers: Container[];
  initContainers: Container[];
  volumes: unknown[];
  nodeSelector: Record<string, string>;
  tolerations: unknown[];
}

const RESOURCE_NAMES: Record<string, string> = { gpu: 'nvidia.com/gpu', mem: 'memory', 'ephemeral_storage': 'ephemeral-storage' };

function fill(resources: Container['resources']): Container['resources'] {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  for (const [k, v] of Object.entries(resources?.requests ?? {})) requests[RESOURCE_NAMES[k] ?? k] = String(v);
  for (const [k, v] of Object.entries(resources?.limits ?? {})) limits[RESOURCE_NAMES[k] ?? k] = String(v);
  for (const k of Object.keys(requests)) limits[k] ??= requests[k]!;
  for (const k of Object.keys(limits)) requests[k] ??= limits[k]!;
  return Object.keys(requests).length ? { requests, limits } : undefined;
}

function container(c: Container, primary: string): Container {
  const { image: _i, command: _c, args: _a, env, terminationMessagePath: _t, terminationMessagePolicy: _p, volumeMounts, resources, ...rest } = c;
  const out: Container = { ...rest };
  if (c.name !== primary) {
    if (c.image !== undefined) out.image = c.image;
    if (c.command) out.command = c.command;
    if (c.args) out.args = c.args;
    const userEnv = (env ?? []).filter((e) => !e.name.startsWith('PODFLOW_'));
    if (userEnv.length) out.env = userEnv;
  }
  const mounts = (volumeMounts ?? []).filter((m) => m.name !== 'podflow-code');
  if (mounts.length) out.volumeMounts = mounts;
  const r = c.name === primary ? fill(resources) : resources && Object.keys(resources).length ? { requests: { ...resources.requests }, limits: { ...resources.limits } } : undefined;
  if (r) out.resources = JSON.parse(JSON.stringify(r, (_k, v) => (typeof v === 'number' ? String(v) : v)));
  return out;
}

function shape(spec: PodSpec, primary: string): PodShape {
  return {
    containers: (spec.containers ?? []).map((c) => container(c, primary)),
    initContainers: (spec.initContainers ?? []).map((c) => container(c, '')),
    volumes: (spec.volumes ?? []).filter((v) => v.name !== 'podflow-code'),
    nodeSelector: spec.nodeSelector ?? {},
    tolerations: spec.tolerations ?? [],
  };
}

export function podflowPodShape(pod: Pod): PodShape {
  return shape(pod.spec!, pod.metadata!.annotations!['podflow/primary-container']!);
}

/** A flytekit task template as the pod Flyte's backend would start (a plain task: one primary container). */
export function flytePodShape(t: FlyteTaskTemplate): PodShape {
  if (t.k8sPod) return shape(t.k8sPod.podSpec as unknown as PodSpec, t.config?.primary_container_name ?? 'primary');
  const pairs = (list?: { name: string; value: string }[]) => Object.fromEntries((list ?? []).map((r) => [r.name.toLowerCase().replace('_', '-'), r.value]));
  const resources = { requests: pairs(t.container?.resources?.requests), limits: pairs(t.container?.resources?.limits) };
  return shape({ containers: [{ name: 'primary', resources }] }, 'primary');
}
