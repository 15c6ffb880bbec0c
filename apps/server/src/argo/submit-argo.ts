import { CoreV1Api, CustomObjectsApi, type KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import { stableStringify, type ArgoWorkflow } from '@podflow/core';
import type { ConfigMap } from 'kubernetes-types/core/v1';

export interface SubmittedArgo {
  namespace: string;
  kind: ArgoWorkflow['kind'];
  /** The name the API server gave (a Workflow exported with generateName gets its suffix here). */
  name: string;
  configMaps: { name: string; created: boolean }[];
  /** What to run to follow it. */
  follow: string;
}

export class ArgoSubmitError extends Error {
  override name = 'ArgoSubmitError';
}

const isStatus = (e: unknown, code: number): boolean => (e as { code?: number })?.code === code;
const bodyMessage = (e: unknown): string => {
  const body = (e as { body?: unknown })?.body;
  try {
    const parsed = typeof body === 'string' ? (JSON.parse(body) as { message?: string }) : (body as { message?: string } | undefined);
    return parsed?.message ?? (e as Error).message;
  } catch {
    return (e as Error).message;
  }
};

/**
 * Creates an Argo export on a cluster through the user's kubeconfig: the code ConfigMaps (content-addressed and
 * immutable, so an existing one with the same data is reused), then the Workflow or WorkflowTemplate, with strict
 * server-side field validation. Errors name what failed and what to do.
 */
export async function submitArgo(kc: KubeConfig, exported: { configMaps: readonly ConfigMap[]; workflow: ArgoWorkflow }, namespaceOverride?: string): Promise<SubmittedArgo> {
  const namespace = namespaceOverride ?? exported.workflow.metadata.namespace;
  const core = kc.makeApiClient(CoreV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const configMaps: SubmittedArgo['configMaps'] = [];
  for (const cm of exported.configMaps) {
    const name = cm.metadata!.name!;
    const body = { ...cm, metadata: { ...cm.metadata, namespace } } as V1ConfigMap;
    try {
      await core.createNamespacedConfigMap({ namespace, body, fieldValidation: 'Strict' });
      configMaps.push({ name, created: true });
    } catch (e) {
      if (!isStatus(e, 409)) throw new ArgoSubmitError(`cannot create ConfigMap ${name} in namespace ${namespace}: ${bodyMessage(e)}`);
      const existing = await core.readNamespacedConfigMap({ name, namespace });
      if (stableStringify(existing.data ?? {}) !== stableStringify(cm.data ?? {})) {
        throw new ArgoSubmitError(`ConfigMap ${name} already exists in namespace ${namespace} with other content; delete it and submit again`);
      }
      configMaps.push({ name, created: false });
    }
  }
  const plural = exported.workflow.kind === 'Workflow' ? 'workflows' : 'workflowtemplates';
  const body = { ...exported.workflow, metadata: { ...exported.workflow.metadata, namespace } };
  let created: { metadata?: { name?: string } };
  try {
    created = (await custom.createNamespacedCustomObject({ group: 'argoproj.io', version: 'v1alpha1', namespace, plural, body, fieldValidation: 'Strict' })) as typeof created;
  } catch (e) {
    if (isStatus(e, 404)) {
      throw new ArgoSubmitError(`the cluster has no argoproj.io/v1alpha1 ${plural} (or no namespace ${namespace}): install Argo Workflows (https://argo-workflows.readthedocs.io/en/latest/installation/)`);
    }
    throw new ArgoSubmitError(`cannot create the ${exported.workflow.kind} in namespace ${namespace}: ${bodyMessage(e)}`);
  }
  const name = created.metadata?.name ?? exported.workflow.metadata.name ?? '';
  const follow = exported.workflow.kind === 'Workflow' ? `kubectl get wf ${name} -n ${namespace} -w` : `argo submit --from workflowtemplate/${name} -n ${namespace} --watch`;
  return { namespace, kind: exported.workflow.kind, name, configMaps, follow };
}
