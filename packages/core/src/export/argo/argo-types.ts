import type { Affinity, ConfigMap, Container, PodSecurityContext, Toleration, Volume } from 'kubernetes-types/core/v1';

/** The parts of Argo Workflows' `argoproj.io/v1alpha1` API that an export writes (field names as Argo spells them). */
export interface ArgoParameter {
  name: string;
  value?: string;
  default?: string;
  description?: string;
  valueFrom?: { path?: string; parameter?: string };
}

export interface ArgoDagTask {
  name: string;
  template: string;
  dependencies?: string[];
  arguments?: { parameters: ArgoParameter[] };
  withParam?: string;
  continueOn?: { failed?: boolean };
}

export interface ArgoTemplate {
  name: string;
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  inputs?: { parameters: ArgoParameter[] };
  outputs?: { parameters: ArgoParameter[] };
  container?: Container;
  sidecars?: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  affinity?: Affinity;
  securityContext?: PodSecurityContext;
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  priorityClassName?: string;
  schedulerName?: string;
  podSpecPatch?: string;
  retryStrategy?: { limit: number; retryPolicy: 'Always' };
  activeDeadlineSeconds?: number;
  memoize?: { key: string; maxAge: string; cache: { configMap: { name: string } } };
  parallelism?: number;
  dag?: { tasks: ArgoDagTask[]; failFast?: boolean };
}

export interface ArgoWorkflow {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'Workflow' | 'WorkflowTemplate';
  metadata: { name?: string; generateName?: string; namespace: string; labels: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    entrypoint: string;
    arguments?: { parameters: ArgoParameter[] };
    templates: ArgoTemplate[];
  };
}

export type ArgoObject = ConfigMap | ArgoWorkflow;
