import type { Pod, Taint, Toleration } from 'kubernetes-types/core/v1';

/** What preflight knows of a cluster node. */
export interface NodeFacts {
  name: string;
  labels: Record<string, string>;
  taints: Taint[];
  unschedulable?: boolean;
}

/** Does `toleration` tolerate `taint` (Kubernetes' rules: key, operator Equal/Exists, effect)? */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key === undefined || toleration.key === '') return toleration.operator === 'Exists';
  if (toleration.key !== taint.key) return false;
  return toleration.operator === 'Exists' || (toleration.value ?? '') === (taint.value ?? '');
}

/** The taints of a node that keep this pod off it (NoSchedule and NoExecute that no toleration covers). */
export function untoleratedTaints(pod: Pod, node: NodeFacts): Taint[] {
  const tolerations = pod.spec?.tolerations ?? [];
  return node.taints.filter((t) => t.effect !== 'PreferNoSchedule' && !tolerations.some((tol) => tolerates(tol, t)));
}

export type NodeFit =
  | { ok: true; nodes: string[] }
  /** `field`: path in the pod of what no node satisfies. */
  | { ok: false; field: string; message: string };

const formatTaint = (t: Taint) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;

/**
 * Whether some node can take the pod, by its `nodeSelector` and its tolerations (node affinity and resources are the
 * scheduler's to judge). When none can, says why in a person's terms: "no node matches `node_group=memory`
 * (node_group on the nodes: cpu, gpu)", or the taints the matching nodes carry that the pod does not tolerate.
 */
export function nodeFit(pod: Pod, nodes: readonly NodeFacts[]): NodeFit {
  const selector = pod.spec?.nodeSelector ?? {};
  const wanted = Object.entries(selector);
  const schedulable = nodes.filter((n) => !n.unschedulable);
  if (schedulable.length === 0) {
    return { ok: false, field: 'spec', message: nodes.length === 0 ? 'the cluster has no nodes' : `every node is cordoned (unschedulable): ${nodes.map((n) => n.name).join(', ')}` };
  }
  const matching = schedulable.filter((n) => wanted.every(([k, v]) => n.labels[k] === v));
  if (matching.length === 0) {
    const missing = wanted.find(([k, v]) => !schedulable.some((n) => n.labels[k] === v)) ?? wanted[0]!;
    const [key] = missing;
    const values = [...new Set(schedulable.map((n) => n.labels[key]).filter((v): v is string => v !== undefined))].sort();
    const have = values.length > 0 ? `${key} on the nodes: ${values.join(', ')}` : `no node has the label ${key}; labels on the nodes: ${labelKeys(schedulable)}`;
    const all = wanted.map(([k, v]) => `${k}=${v}`).join(', ');
    return { ok: false, field: `spec.nodeSelector[${JSON.stringify(key)}]`, message: `no node matches \`${all}\` (${have})` };
  }
  const fit = matching.filter((n) => untoleratedTaints(pod, n).length === 0);
  if (fit.length === 0) {
    const taints = [...new Set(matching.flatMap((n) => untoleratedTaints(pod, n).map(formatTaint)))].sort();
    const which = wanted.length > 0 ? `the ${matching.length} node(s) matching the nodeSelector carry` : `every node carries`;
    return { ok: false, field: 'spec.tolerations', message: `${which} taints the pod does not tolerate: ${taints.join(', ')}` };
  }
  return { ok: true, nodes: fit.map((n) => n.name) };
}

function labelKeys(nodes: readonly NodeFacts[]): string {
  const keys = [...new Set(nodes.flatMap((n) => Object.keys(n.labels)))].sort();
  return keys.length > 0 ? keys.join(', ') : 'none';
}
