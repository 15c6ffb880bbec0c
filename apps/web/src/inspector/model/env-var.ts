/**
 * One environment variable as the form shows it: a plain value, a key of a Secret or ConfigMap, a pod field, or
 * something else (kept as written, edited in YAML).
 */
import type { EnvVar } from 'kubernetes-types/core/v1';

export type EnvKind = 'value' | 'secretKeyRef' | 'configMapKeyRef' | 'fieldRef' | 'other';

export const ENV_KINDS: readonly { value: EnvKind; label: string }[] = [
  { value: 'value', label: 'Value' },
  { value: 'secretKeyRef', label: 'Secret key' },
  { value: 'configMapKeyRef', label: 'ConfigMap key' },
  { value: 'fieldRef', label: 'Pod field' },
];

export function envKindOf(env: EnvVar): EnvKind {
  const from = env.valueFrom;
  if (!from) return 'value';
  const keys = Object.keys(from);
  if (keys.length !== 1) return 'other';
  const key = keys[0]!;
  return key === 'secretKeyRef' || key === 'configMapKeyRef' || key === 'fieldRef' ? key : 'other';
}

/** Switches the kind of a variable, keeping its name and every field it has outside value/valueFrom. */
export function withEnvKind(env: EnvVar, kind: EnvKind): EnvVar {
  if (kind === envKindOf(env) || kind === 'other') return env;
  const { value: _value, valueFrom: _from, ...rest } = env;
  switch (kind) {
    case 'value':
      return { ...rest, value: '' };
    case 'secretKeyRef':
      return { ...rest, valueFrom: { secretKeyRef: { name: '', key: '' } } };
    case 'configMapKeyRef':
      return { ...rest, valueFrom: { configMapKeyRef: { name: '', key: '' } } };
    case 'fieldRef':
      return { ...rest, valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } };
  }
}

/** Downward-API fields a variable may take (the local executor fills the common ones too). */
export const POD_FIELDS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.podIP'] as const;
