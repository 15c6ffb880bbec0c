import type { Container, Pod } from 'kubernetes-types/core/v1';
import { expandVars } from './expand-vars';
import { fieldValue, resourceValue } from './downward-api';
import type { PodObjects } from './pod-objects';
import { PodConfigError } from './pod-config-error';

/**
 * A container's environment as the kubelet builds it: `envFrom` first, then `env` in order, each value expanded
 * (`$(VAR)`) against the variables defined before it; `valueFrom` reads ConfigMaps, Secrets and the downward API.
 * `overrides` replace the values of the named variables (the executor's run-time values, e.g. PODFLOW_CODE_DIR),
 * and are added when the container does not define them.
 */
export function containerEnv(
  pod: Pod,
  container: Container,
  objects: PodObjects,
  overrides: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  const where = (what: string) => `container "${container.name}": ${what}`;

  for (const source of container.envFrom ?? []) {
    const prefix = source.prefix ?? '';
    const data = source.configMapRef
      ? objects.configMap(source.configMapRef.name ?? '', source.configMapRef.optional ?? false)
      : source.secretRef
        ? objects.secret(source.secretRef.name ?? '', source.secretRef.optional ?? false)
        : undefined;
    for (const [key, value] of Object.entries(data ?? {})) env[prefix + key] = value.toString('utf8');
  }

  for (const variable of container.env ?? []) {
    const { name, value, valueFrom } = variable;
    if (name in overrides) {
      env[name] = overrides[name] ?? '';
      continue;
    }
    if (valueFrom) {
      const resolved = resolveValueFrom(pod, container, objects, valueFrom, name);
      if (resolved !== undefined) env[name] = resolved;
      continue;
    }
    env[name] = expandVars(value ?? '', (ref) => env[ref]);
  }
  for (const [name, value] of Object.entries(overrides)) if (!(name in env)) env[name] = value;
  for (const name of Object.keys(env)) {
    if (name.includes('=') || name.includes('\0') || name === '') throw new PodConfigError(where(`invalid environment variable name "${name}"`));
  }
  return env;
}

function resolveValueFrom(
  pod: Pod,
  container: Container,
  objects: PodObjects,
  from: NonNullable<NonNullable<Container['env']>[number]['valueFrom']>,
  name: string,
): string | undefined {
  try {
    if (from.configMapKeyRef) {
      const { name: cm = '', key, optional = false } = from.configMapKeyRef;
      return objects.key('configmaps', cm, key, optional)?.toString('utf8');
    }
    if (from.secretKeyRef) {
      const { name: secret = '', key, optional = false } = from.secretKeyRef;
      return objects.key('secrets', secret, key, optional)?.toString('utf8');
    }
    if (from.fieldRef) return fieldValue(pod, from.fieldRef.fieldPath);
    if (from.resourceFieldRef) return resourceValue(pod, from.resourceFieldRef, container);
  } catch (e) {
    if (e instanceof PodConfigError) throw new PodConfigError(`container "${container.name}", env ${name}: ${e.message}`);
    throw e;
  }
  throw new PodConfigError(`container "${container.name}", env ${name}: valueFrom names no source`);
}

/** `command` + `args` with `$(VAR)` expanded against the container's own variables (not the host's). */
export function containerArgv(container: Container, env: Readonly<Record<string, string>>): string[] {
  const lookup = (name: string) => env[name];
  return [...(container.command ?? []), ...(container.args ?? [])].map((part) => expandVars(part, lookup));
}
