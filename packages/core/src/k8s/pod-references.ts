import type { Pod } from 'kubernetes-types/core/v1';

export type ReferencedKind = 'Secret' | 'ConfigMap' | 'PersistentVolumeClaim' | 'ServiceAccount' | 'PriorityClass';

/** An object that a pod needs to exist before it can start, and where in the pod it is named. */
export interface PodReference {
  kind: ReferencedKind;
  name: string;
  /** Path in the pod, e.g. `spec.volumes[1].secret.secretName`. */
  field: string;
  /** `optional: true` in the pod: a missing object does not stop it. */
  optional?: boolean;
}

/**
 * Every Secret, ConfigMap, PVC, ServiceAccount and PriorityClass a pod names (volumes, projected sources, env
 * `valueFrom`, `envFrom`, `imagePullSecrets`, `serviceAccountName`, `priorityClassName`), in pod order.
 */
export function podReferences(pod: Pod): PodReference[] {
  const spec = pod.spec;
  if (!spec) return [];
  const out: PodReference[] = [];
  const add = (kind: ReferencedKind, name: string | undefined, field: string, optional?: boolean) => {
    if (name) out.push({ kind, name, field, ...(optional ? { optional } : {}) });
  };
  (spec.volumes ?? []).forEach((v, i) => {
    const at = `spec.volumes[${i}]`;
    add('Secret', v.secret?.secretName, `${at}.secret.secretName`, v.secret?.optional);
    add('ConfigMap', v.configMap?.name, `${at}.configMap.name`, v.configMap?.optional);
    add('PersistentVolumeClaim', v.persistentVolumeClaim?.claimName, `${at}.persistentVolumeClaim.claimName`);
    (v.projected?.sources ?? []).forEach((s, j) => {
      add('Secret', s.secret?.name, `${at}.projected.sources[${j}].secret.name`, s.secret?.optional);
      add('ConfigMap', s.configMap?.name, `${at}.projected.sources[${j}].configMap.name`, s.configMap?.optional);
    });
  });
  for (const list of ['initContainers', 'containers'] as const) {
    (spec[list] ?? []).forEach((c, i) => {
      const at = `spec.${list}[${i}]`;
      (c.env ?? []).forEach((e, j) => {
        add('Secret', e.valueFrom?.secretKeyRef?.name, `${at}.env[${j}].valueFrom.secretKeyRef.name`, e.valueFrom?.secretKeyRef?.optional);
        add('ConfigMap', e.valueFrom?.configMapKeyRef?.name, `${at}.env[${j}].valueFrom.configMapKeyRef.name`, e.valueFrom?.configMapKeyRef?.optional);
      });
      (c.envFrom ?? []).forEach((e, j) => {
        add('Secret', e.secretRef?.name, `${at}.envFrom[${j}].secretRef.name`, e.secretRef?.optional);
        add('ConfigMap', e.configMapRef?.name, `${at}.envFrom[${j}].configMapRef.name`, e.configMapRef?.optional);
      });
    });
  }
  (spec.imagePullSecrets ?? []).forEach((s, i) => add('Secret', s.name, `spec.imagePullSecrets[${i}].name`, true));
  add('ServiceAccount', spec.serviceAccountName, 'spec.serviceAccountName');
  add('PriorityClass', spec.priorityClassName, 'spec.priorityClassName');
  return out;
}
