import { AuthorizationV1Api, SchedulingV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import {
  compileWorkflow,
  documentPathOfPodField,
  namespaceOf,
  nodeFit,
  nodesOf,
  podReferences,
  type CompiledPod,
  type Diagnostic,
  type NodeFacts,
  type PodReference,
  type WorkflowDoc,
} from '@podflow/core';
import { apiMessage, apiStatus, KubeApi, networkReason, UnreachableError } from './kube-api';

export interface PreflightOptions {
  kubeConfig: KubeConfig;
  /** Where the run would go (default: the workflow's `spec.defaults.namespace`). */
  namespace?: string;
  /** How long calls are retried while the API server cannot be reached (default 10 s). */
  retrySeconds?: number;
}

export interface PreflightResult {
  /** Errors: the cluster would refuse the run or a pod could never start. Warnings: what could not be checked. */
  diagnostics: Diagnostic[];
  namespace: string;
  server: string;
  /** What was checked: compiled pods, distinct pod shapes dry-run, referenced objects, nodes, access reviews. */
  counts: { pods: number; dryRuns: number; references: number; nodes: number; accessReviews: number };
}

/**
 * What the executor does in a namespace, checked with SelfSubjectAccessReview before a run (the Role in
 * deploy/role.yaml grants exactly these).
 */
export const EXECUTOR_ACCESS: readonly { verb: string; resource: string; subresource?: string; /** Not needed, only better: what happens without it. */ without?: string }[] = [
  { verb: 'create', resource: 'pods' },
  { verb: 'get', resource: 'pods' },
  { verb: 'list', resource: 'pods' },
  { verb: 'watch', resource: 'pods' },
  { verb: 'delete', resource: 'pods' },
  { verb: 'deletecollection', resource: 'pods', without: 'ended pods are deleted one by one instead of in batches (more API calls per pod)' },
  { verb: 'get', resource: 'pods', subresource: 'log' },
  { verb: 'create', resource: 'configmaps' },
  { verb: 'list', resource: 'configmaps' },
  { verb: 'patch', resource: 'configmaps' },
  { verb: 'delete', resource: 'configmaps' },
  { verb: 'list', resource: 'events' },
  { verb: 'watch', resource: 'events' },
];

const PODFLOW_LABEL_OR_ANNOTATION = /^podflow\//;
const CONCURRENCY = 16;

/**
 * "Check against cluster" (issue #17 §3): for every compiled pod of the workflow, without creating anything —
 * a server-side dry run (`dryRun=All`, strict field validation) mapped back to node and field; the Secrets,
 * ConfigMaps, PVCs, ServiceAccounts and PriorityClasses it names exist; some node matches its nodeSelector and
 * tolerates its taints; and this user may do what the executor does (SelfSubjectAccessReview). Pods that differ only
 * in Podflow's names and labels are dry-run once. Results are diagnostics like validation's.
 */
export async function preflight(doc: WorkflowDoc, options: PreflightOptions): Promise<PreflightResult> {
  const namespace = options.namespace ?? namespaceOf(doc);
  const api = new KubeApi(options.kubeConfig, { retrySeconds: options.retrySeconds ?? 10 });
  const counts = { pods: 0, dryRuns: 0, references: 0, nodes: 0, accessReviews: 0 };
  const diagnostics: Diagnostic[] = [];
  const nsPath = doc.spec.defaults?.namespace !== undefined && options.namespace === undefined ? 'spec.defaults.namespace' : '';
  const cluster = (code: string, severity: Diagnostic['severity'], message: string, path = nsPath): Diagnostic => ({ code, severity, message, path });
  try {
    const compiled = compileWorkflow(doc);
    counts.pods = compiled.length;

    // 1. Access: may this user do what the executor does here? (Also the reachability check: it is the first call.)
    const authz = options.kubeConfig.makeApiClient(AuthorizationV1Api);
    let reviews: ((typeof EXECUTOR_ACCESS)[number] & { allowed: boolean; reason?: string })[];
    try {
      reviews = await Promise.all(
        EXECUTOR_ACCESS.map(async (a) => {
          const review = await api.call(() =>
            authz.createSelfSubjectAccessReview({ body: { spec: { resourceAttributes: { namespace, verb: a.verb, resource: a.resource, ...(a.subresource ? { subresource: a.subresource } : {}) } } } }),
          );
          counts.accessReviews++;
          return { ...a, allowed: !!review.status?.allowed, ...(review.status?.reason ? { reason: review.status.reason } : {}) };
        }),
      );
    } catch (e) {
      const network = networkReason(e);
      diagnostics.push(cluster('preflight-unreachable', 'error', network ? new UnreachableError(api.server, network).message : `the Kubernetes API at ${api.server} refused the access review: ${apiMessage(e)}`, ''));
      return { diagnostics, namespace, server: api.server, counts };
    }
    const denied = reviews.filter((r) => !r.allowed && !r.without);
    if (denied.length > 0) {
      const what = denied.map((r) => `${r.verb} ${r.resource}${r.subresource ? `/${r.subresource}` : ''}`).join(', ');
      diagnostics.push(cluster('preflight-forbidden', 'error', `this user may not ${what} in namespace ${namespace} (SelfSubjectAccessReview); the executor needs it`));
    }
    for (const r of reviews.filter((x) => !x.allowed && x.without)) {
      diagnostics.push(cluster('preflight-forbidden', 'warning', `this user may not ${r.verb} ${r.resource} in namespace ${namespace} (SelfSubjectAccessReview): ${r.without}`));
    }

    // 2. Server-side dry runs, one per distinct pod shape, mapped back to node and field.
    const shapes = new Map<string, CompiledPod[]>();
    for (const c of compiled) {
      const key = shapeKey(c.pod as V1Pod);
      const list = shapes.get(key);
      if (list) list.push(c);
      else shapes.set(key, [c]);
    }
    let namespaceMissing = false;
    const refusals = await mapLimited([...shapes.values()], CONCURRENCY, async (group): Promise<Diagnostic[]> => {
      const first = group[0]!;
      const body = { ...first.pod, metadata: { ...first.pod.metadata, namespace } } as V1Pod;
      counts.dryRuns++;
      try {
        await api.call((core) => core.createNamespacedPod({ namespace, body, dryRun: 'All', fieldValidation: 'Strict' }));
      } catch (e) {
        if (apiStatus(e) === 404 && /namespaces? .*not found/i.test(apiMessage(e))) {
          namespaceMissing = true;
          return [];
        }
        if (apiStatus(e) === 403) return []; // reported by the access review
        return group.flatMap((c) => dryRunDiagnostics(doc, c, e, api.server));
      }
      return [];
    });
    diagnostics.push(...refusals.flat());
    if (namespaceMissing) diagnostics.push(cluster('preflight-namespace', 'error', `namespace ${namespace} does not exist on the cluster`));

    // 3. Referenced objects exist (not Podflow's own code ConfigMaps: the run creates those).
    const own = new Set(compiled.flatMap((c) => c.configMaps.map((cm) => cm.metadata?.name)));
    const refs = new Map<string, { ref: PodReference; pods: CompiledPod[] }>();
    for (const c of compiled) {
      for (const ref of podReferences(c.pod)) {
        if (ref.kind === 'ConfigMap' && own.has(ref.name)) continue;
        const key = `${ref.kind}/${ref.name}/${ref.field}/${c.task}`;
        const entry = refs.get(key);
        if (entry) entry.pods.push(c);
        else refs.set(key, { ref, pods: [c] });
      }
    }
    const existence = new Map<string, Promise<'exists' | 'missing' | { unknown: string }>>();
    const exists = (ref: PodReference) => {
      const key = `${ref.kind}/${ref.name}`;
      let p = existence.get(key);
      if (!p) {
        counts.references++;
        p = lookUp(api, options.kubeConfig, namespace, ref);
        existence.set(key, p);
      }
      return p;
    };
    if (!namespaceMissing) {
      const entries = [...refs.values()];
      const found = await mapLimited(entries, CONCURRENCY, ({ ref }) => exists(ref));
      entries.forEach(({ ref, pods }, i) => {
        const result = found[i]!;
        if (result === 'exists') return;
        for (const c of firstPerNode(pods)) {
          const path = documentPathOfPodField(doc, c.task, c.pod, ref.field);
          if (result === 'missing') {
            const scope = ref.kind === 'PriorityClass' ? 'on the cluster' : `in namespace ${namespace}`;
            const note = ref.optional ? ' (optional: the pod starts without it)' : ref.kind === 'PersistentVolumeClaim' || ref.kind === 'Secret' || ref.kind === 'ConfigMap' ? ' — the pod would wait in ContainerCreating (FailedMount)' : '';
            diagnostics.push({ code: 'preflight-missing-object', severity: ref.optional ? 'warning' : 'error', nodeId: c.nodeId, task: c.task, path, message: `${ref.kind} "${ref.name}" does not exist ${scope}${note}` });
          } else {
            diagnostics.push({ code: 'preflight-unchecked', severity: 'warning', nodeId: c.nodeId, task: c.task, path, message: `cannot check that ${ref.kind} "${ref.name}" exists: ${result.unknown}` });
          }
        }
      });
    }

    // 4. Some node matches each nodeSelector and tolerates the pod's taints.
    let nodes: NodeFacts[] | undefined;
    try {
      const list = await api.call((core) => core.listNode());
      nodes = list.items.map((n) => ({ name: n.metadata?.name ?? '', labels: n.metadata?.labels ?? {}, taints: (n.spec?.taints ?? []) as NodeFacts['taints'], unschedulable: !!n.spec?.unschedulable }));
      counts.nodes = nodes.length;
    } catch (e) {
      diagnostics.push(cluster('preflight-unchecked', 'warning', `node selectors and taints not checked: cannot list nodes (${apiMessage(e)}); the optional ClusterRole deploy/cluster-role.yaml grants it`, ''));
    }
    if (nodes) {
      const fits = new Map<string, ReturnType<typeof nodeFit>>();
      for (const c of firstPerNode(compiled)) {
        const key = JSON.stringify([c.pod.spec?.nodeSelector ?? {}, c.pod.spec?.tolerations ?? []]);
        let fit = fits.get(key);
        if (!fit) fits.set(key, (fit = nodeFit(c.pod, nodes)));
        if (!fit.ok) diagnostics.push({ code: 'preflight-no-node', severity: 'error', nodeId: c.nodeId, task: c.task, path: documentPathOfPodField(doc, c.task, c.pod, fit.field), message: fit.message });
      }
    }
  } finally {
    api.close();
  }
  return { diagnostics: sortByNode(doc, diagnostics), namespace, server: api.server, counts };
}

/** Everything of a pod but Podflow's own names, labels and annotations (which never make the API server refuse). */
function shapeKey(pod: V1Pod): string {
  const strip = (m: Record<string, string> | undefined) => Object.fromEntries(Object.entries(m ?? {}).filter(([k]) => !PODFLOW_LABEL_OR_ANNOTATION.test(k)));
  const env = (pod.spec?.containers ?? []).map((c) => (c.env ?? []).filter((e) => !e.name.startsWith('PODFLOW_')));
  const spec = { ...pod.spec, containers: (pod.spec?.containers ?? []).map((c, i) => ({ ...c, env: env[i] })) };
  return JSON.stringify([strip(pod.metadata?.labels), strip(pod.metadata?.annotations), spec]);
}

interface StatusCause {
  field?: string;
  message?: string;
  reason?: string;
}

/** A refused dry run, one diagnostic per cause, on the document field the cause came from. */
function dryRunDiagnostics(doc: WorkflowDoc, c: CompiledPod, e: unknown, server: string): Diagnostic[] {
  const network = networkReason(e);
  const base = { code: 'preflight-dry-run', severity: 'error' as const, nodeId: c.nodeId, task: c.task };
  if (network) return [{ ...base, code: 'preflight-unreachable', path: '', message: new UnreachableError(server, network).message }];
  const status = statusOf(e);
  const causes: StatusCause[] = status?.details?.causes ?? [];
  const message = apiMessage(e);
  const unknown = [...message.matchAll(/unknown field "([^"]+)"/g)].map((m) => m[1]!);
  const out: Diagnostic[] = [];
  for (const field of unknown) out.push({ ...base, path: documentPathOfPodField(doc, c.task, c.pod, field), message: `the cluster does not know the field ${field} (strict field validation)` });
  for (const cause of causes) {
    if (!cause.field || unknown.includes(cause.field)) continue;
    const field = cause.field.replace(/^\./, '');
    out.push({ ...base, path: documentPathOfPodField(doc, c.task, c.pod, field), message: `the cluster refuses ${field}: ${cause.message ?? cause.reason ?? 'invalid'}` });
  }
  if (out.length === 0) out.push({ ...base, path: documentPathOfPodField(doc, c.task, c.pod, 'spec'), message: `the cluster refuses the pod: ${message}` });
  return out;
}

function statusOf(e: unknown): { details?: { causes?: StatusCause[] } } | undefined {
  const body = (e as { body?: unknown } | undefined)?.body;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as { details?: { causes?: StatusCause[] } };
    } catch {
      return undefined;
    }
  }
  return body && typeof body === 'object' ? (body as { details?: { causes?: StatusCause[] } }) : undefined;
}

async function lookUp(api: KubeApi, kc: KubeConfig, namespace: string, ref: PodReference): Promise<'exists' | 'missing' | { unknown: string }> {
  try {
    await api.call((core) => {
      switch (ref.kind) {
        case 'Secret':
          return core.readNamespacedSecret({ namespace, name: ref.name });
        case 'ConfigMap':
          return core.readNamespacedConfigMap({ namespace, name: ref.name });
        case 'PersistentVolumeClaim':
          return core.readNamespacedPersistentVolumeClaim({ namespace, name: ref.name });
        case 'ServiceAccount':
          return core.readNamespacedServiceAccount({ namespace, name: ref.name });
        case 'PriorityClass':
          return kc.makeApiClient(SchedulingV1Api).readPriorityClass({ name: ref.name });
      }
    });
    return 'exists';
  } catch (e) {
    if (apiStatus(e) === 404) return 'missing';
    return { unknown: apiStatus(e) === 403 ? `this user may not read ${ref.kind}s here (forbidden)` : apiMessage(e) };
  }
}

/** One compiled pod per workflow node (a map node's items share their node's diagnostics). */
function firstPerNode(pods: CompiledPod[]): CompiledPod[] {
  const seen = new Set<string>();
  return pods.filter((p) => !seen.has(p.nodeId) && seen.add(p.nodeId));
}

function sortByNode(doc: WorkflowDoc, diagnostics: Diagnostic[]): Diagnostic[] {
  const order = new Map(nodesOf(doc).map((n, i) => [n.id as string, i]));
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (order.get(a.d.nodeId ?? '') ?? -1) - (order.get(b.d.nodeId ?? '') ?? -1) || a.i - b.i)
    .map(({ d }) => d);
}

/** `fn` over `items`, at most `limit` at a time; results in the order of `items`. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}
