import type { KubeConfig } from '@kubernetes/client-node';
import type { WorkflowDoc } from '@podflow/core';
import type { AttemptRequest, AttemptResult, AttemptSink, Executor } from '../../executor';
import { createKubernetesExecutor, type KubernetesExecutor, type KubernetesExecutorOptions } from '../index';

/**
 * The real node of scripts/k8s/realnode (a kubelet with containerd, beside kwok): it is tainted and labelled, and it
 * has only local images (no registry), so a pod runs there when it tolerates the taint, selects the node and uses
 * podflow.local/* images. scripts/k8s/test-realnode.mjs sets PODFLOW_REALNODE=1 once the node is Ready, or
 * PODFLOW_REALNODE_UNSUPPORTED to the reason this machine cannot run one.
 */
export const REAL_NODE = {
  name: 'podflow-real-node',
  nodeSelector: { type: 'real' },
  tolerations: [{ key: 'podflow.test/real-node', operator: 'Equal', value: 'true', effect: 'NoSchedule' }],
  pythonImage: 'podflow.local/python:3.11',
  shellImage: 'podflow.local/busybox:1',
} as const;

/** Why the real-node tests cannot run here (undefined when they can). */
export function realNodeUnavailable(): string | undefined {
  if (process.env.PODFLOW_REALNODE_UNSUPPORTED) return `this machine cannot run a real node: ${process.env.PODFLOW_REALNODE_UNSUPPORTED}`;
  if (process.env.PODFLOW_REALNODE !== '1') return 'no real node: run these tests with `node scripts/k8s/test-realnode.mjs OUT.json`';
  return undefined;
}

/** The local image standing in for a public one: python* → the python image, alpine/busybox* → the busybox image. */
export function localImage(image: string | undefined): string | undefined {
  if (image === undefined) return undefined;
  if (/^(docker\.io\/)?(library\/)?python(:|@|$)/.test(image)) return REAL_NODE.pythonImage;
  if (/^(docker\.io\/)?(library\/)?(alpine|busybox)(:|@|$)/.test(image)) return REAL_NODE.shellImage;
  return image;
}

type PodLike = NonNullable<AttemptRequest['compiled']['pod']>;

/** The pod, placed on the real node, with local images that are never pulled. */
export function onRealNode(pod: PodLike): PodLike {
  const spec = pod.spec!;
  const swap = <C extends { image?: string }>(c: C): C => ({ ...c, image: localImage(c.image), imagePullPolicy: 'Never' });
  return {
    ...pod,
    spec: {
      ...spec,
      nodeSelector: { ...spec.nodeSelector, ...REAL_NODE.nodeSelector },
      tolerations: [...(spec.tolerations ?? []), ...REAL_NODE.tolerations],
      containers: spec.containers.map(swap),
      ...(spec.initContainers ? { initContainers: spec.initContainers.map(swap) } : {}),
    },
  } as PodLike;
}

/** The same placement and images written into a workflow document (what a user would do to run there). */
export function docOnRealNode(doc: WorkflowDoc): WorkflowDoc {
  const spec = structuredClone(doc.spec);
  spec.defaults = { ...spec.defaults, image: REAL_NODE.pythonImage };
  const templateSpec = (spec.podTemplate?.spec ?? {}) as Record<string, unknown>;
  spec.podTemplate = { ...spec.podTemplate, spec: { ...templateSpec, nodeSelector: REAL_NODE.nodeSelector, tolerations: [...REAL_NODE.tolerations] } as never };
  for (const task of spec.tasks ?? []) {
    const podSpec = (task as { pod?: { spec?: { containers?: { image?: string }[]; initContainers?: { image?: string }[] } } }).pod?.spec;
    for (const c of [...(podSpec?.containers ?? []), ...(podSpec?.initContainers ?? [])]) {
      if (c.image) c.image = localImage(c.image)!;
    }
  }
  return { ...doc, spec };
}

/** The Kubernetes executor, unchanged, with every attempt's pod placed on the real node. */
export class RealNodeExecutor implements Executor {
  readonly name: string;
  readonly inner: KubernetesExecutor;

  constructor(kubeConfig: KubeConfig, namespace: string, options: Omit<KubernetesExecutorOptions, 'kubeConfig' | 'namespace'> = {}) {
    this.inner = createKubernetesExecutor({ ...options, kubeConfig, namespace });
    this.name = this.inner.name;
  }

  runAttempt(request: AttemptRequest, sink: AttemptSink, signal: AbortSignal): Promise<AttemptResult> {
    return this.inner.runAttempt({ ...request, compiled: { ...request.compiled, pod: onRealNode(request.compiled.pod) } }, sink, signal);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
