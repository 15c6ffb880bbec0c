/**
 * Field rules of a pod spec, with Kubernetes' own rules and words: names (DNS-1123), quantities, request ≤ limit,
 * unique container/volume/port names, volumes with exactly one type, mounts of existing volumes, environment names,
 * tolerations. Each problem carries its path inside the pod spec. `checkPodFields` turns them into the workflow's
 * diagnostics (Problems panel, node badges, CLI, server, and the inspector's fields, which show only diagnostics);
 * the YAML tab runs `podSpecFieldProblems` on text not yet applied. The single-field checks are exported for editors
 * that check a key before it exists in the document (a new label key).
 */
import type { Container, PodSpec, Toleration } from 'kubernetes-types/core/v1';
import { CODE_VOLUME, RESERVED_ENV_PREFIX, RESERVED_PREFIX } from '../../compile/runtime-contract';
import { checkQuantity, checkRequestWithinLimit } from '../../k8s/quantity';
import { isDns1123Label, isDns1123Subdomain, isLabelValue, isQualifiedKey } from '../../util/names';

export type FieldSeverity = 'error' | 'warning';
export type FieldPath = (string | number)[];

export interface FieldProblem {
  path: FieldPath;
  message: string;
  severity: FieldSeverity;
}

export const DNS_LABEL_MESSAGE = "must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. 'my-name')";

export function checkDnsLabel(value: string | undefined, required = true): string | undefined {
  if (value === undefined || value === '') return required ? 'is required' : undefined;
  if (value.length > 63) return 'must be no more than 63 characters';
  return isDns1123Label(value) ? undefined : DNS_LABEL_MESSAGE;
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
export function checkEnvName(name: string | undefined): string | undefined {
  if (!name) return 'is required';
  if (name.startsWith(RESERVED_ENV_PREFIX)) return `names starting ${RESERVED_ENV_PREFIX} are reserved for Podflow`;
  return ENV_NAME.test(name) ? undefined : "must consist of letters, digits, '_', '-' or '.', and must not start with a digit";
}

/** IANA service name, as Kubernetes requires for port names. */
export function checkPortName(name: string | undefined): string | undefined {
  if (name === undefined || name === '') return undefined;
  if (name.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(name)) return "must contain only lowercase letters, digits and '-'";
  if (!/[a-z]/.test(name)) return 'must contain at least one letter';
  if (name.startsWith('-') || name.endsWith('-')) return "must not begin or end with '-'";
  if (name.includes('--')) return "must not contain consecutive '-'";
  return undefined;
}

export function checkPortNumber(port: unknown, required = true): string | undefined {
  if (port === undefined || port === '') return required ? 'is required' : undefined;
  if (typeof port !== 'number' || !Number.isInteger(port)) return 'must be a whole number';
  return port >= 1 && port <= 65535 ? undefined : 'must be between 1 and 65535, inclusive';
}

export function checkMetadataKey(key: string, kind: 'label' | 'annotation'): string | undefined {
  if (key === '') return 'is required';
  if (key.startsWith(RESERVED_PREFIX)) return `keys under "${RESERVED_PREFIX}" are reserved for Podflow`;
  return isQualifiedKey(key)
    ? undefined
    : `is not a valid ${kind} key: an optional DNS prefix and '/', then letters, digits, '-', '_' or '.' (at most 63), e.g. 'app.kubernetes.io/name'`;
}

export function checkLabelValue(value: string): string | undefined {
  return isLabelValue(value)
    ? undefined
    : "must be 63 characters or less, start and end with a letter or digit, and contain only letters, digits, '-', '_' or '.'";
}

export function checkImage(image: string | undefined, required: boolean): string | undefined {
  if (image === undefined || image === '') return required ? 'is required (only the primary container takes the task image)' : undefined;
  if (image.trim() !== image) return 'must not have leading or trailing whitespace';
  if (/\s/.test(image)) return 'must not contain spaces';
  return undefined;
}

const STANDARD_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage']);
const isExtendedResource = (name: string) => name.includes('/') && !name.startsWith('kubernetes.io/');

export function checkResourceName(name: string): string | undefined {
  if (STANDARD_RESOURCES.has(name) || name.startsWith('hugepages-')) return undefined;
  if (name === 'gpu') return 'is not a Kubernetes resource name; write nvidia.com/gpu (task resources accept gpu)';
  return name.includes('/') && isQualifiedKey(name) ? undefined : 'must be a standard resource (cpu, memory, ephemeral-storage) or a qualified name such as nvidia.com/gpu';
}

type QuantityMap = Record<string, string | number>;

/** Requests and limits of one container (or of a task, with `task: true`, where `gpu` and `mem` are accepted). */
export function resourceFieldProblems(
  resources: { requests?: QuantityMap; limits?: QuantityMap } | undefined,
  base: FieldPath,
  { task = false, defaultsLimits = false }: { task?: boolean; defaultsLimits?: boolean } = {},
): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!resources || typeof resources !== 'object') return out;
  const requests = resources.requests ?? {};
  const limits = resources.limits ?? {};
  for (const [kind, map] of [['requests', requests], ['limits', limits]] as const) {
    if (typeof map !== 'object' || map === null) continue;
    for (const [name, value] of Object.entries(map)) {
      const canonical = task ? ({ gpu: 'nvidia.com/gpu', mem: 'memory' } as Record<string, string>)[name] ?? name : name;
      const nameProblem = checkResourceName(canonical);
      if (nameProblem) out.push({ path: [...base, kind, name], message: `"${name}" ${nameProblem}`, severity: 'error' });
      const integer = isExtendedResource(canonical);
      const q = typeof value === 'string' || typeof value === 'number' ? checkQuantity(value, { integer }) : 'must be a quantity';
      if (q) out.push({ path: [...base, kind, name], message: q, severity: 'error' });
    }
  }
  if (typeof requests === 'object' && requests !== null && typeof limits === 'object' && limits !== null) {
    for (const [name, request] of Object.entries(requests)) {
      const limit = limits[name];
      const over = checkRequestWithinLimit(request, limit);
      if (over) out.push({ path: [...base, 'requests', name], message: over, severity: 'error' });
      const canonical = task && name === 'gpu' ? 'nvidia.com/gpu' : name;
      if (isExtendedResource(canonical) && !defaultsLimits) {
        if (limit === undefined) out.push({ path: [...base, 'limits', name], message: `a limit is required for ${canonical} (extended resources cannot be overcommitted)`, severity: 'error' });
        else if (!over && String(limit) !== String(request)) out.push({ path: [...base, 'requests', name], message: `must equal the limit for ${canonical}`, severity: 'error' });
      }
    }
  }
  return out;
}

export interface PodSpecCheckOptions {
  /** `task`: a task's own pod spec; `template`: the workflow's base pod template (containers merge by name). */
  mode: 'task' | 'template';
  primaryName?: string;
  /** Volumes the pod gets from elsewhere (the workflow's pod template), which mounts may name. */
  extraVolumes?: readonly string[];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function podSpecFieldProblems(spec: PodSpec | undefined, options: PodSpecCheckOptions): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!isObj(spec)) return out;
  const add = (path: FieldPath, message: string, severity: FieldSeverity = 'error') => out.push({ path, message, severity });

  // Volumes first: mounts are checked against them.
  const volumeNames = new Set<string>(options.extraVolumes ?? []);
  const seenVolumes = new Set<string>();
  (Array.isArray(spec.volumes) ? spec.volumes : []).forEach((v, i) => {
    if (!isObj(v)) return;
    const name = typeof v.name === 'string' ? v.name : '';
    if (name === CODE_VOLUME) add(['volumes', i, 'name'], `"${CODE_VOLUME}" is reserved for Podflow's code volume`);
    else {
      const p = checkDnsLabel(name);
      if (p) add(['volumes', i, 'name'], p);
    }
    if (name && seenVolumes.has(name)) add(['volumes', i, 'name'], `Duplicate value: another volume is named "${name}"`);
    if (name) {
      seenVolumes.add(name);
      volumeNames.add(name);
    }
    const sources = Object.keys(v).filter((k) => k !== 'name');
    if (sources.length === 0) add(['volumes', i], 'must specify a volume type (emptyDir, configMap, secret, hostPath, persistentVolumeClaim…)');
    else if (sources.length > 1) add(['volumes', i], `may not specify more than one volume type (has ${sources.join(', ')})`);
    if (isObj(v.emptyDir)) {
      const size = v.emptyDir.sizeLimit;
      if (size !== undefined && size !== '') {
        const q = typeof size === 'string' || typeof size === 'number' ? checkQuantity(size) : 'must be a quantity';
        if (q) add(['volumes', i, 'emptyDir', 'sizeLimit'], q);
      }
    }
    if (isObj(v.hostPath) && !v.hostPath.path) add(['volumes', i, 'hostPath', 'path'], 'is required');
    if (isObj(v.configMap) && !v.configMap.name) add(['volumes', i, 'configMap', 'name'], 'is required (the ConfigMap to project)');
    if (isObj(v.secret) && !v.secret.secretName) add(['volumes', i, 'secret', 'secretName'], 'is required (the Secret to project)');
    if (isObj(v.persistentVolumeClaim) && !v.persistentVolumeClaim.claimName) add(['volumes', i, 'persistentVolumeClaim', 'claimName'], 'is required');
  });

  const containerNames = new Set<string>();
  const checkContainer = (c: Container, path: FieldPath, init: boolean) => {
    const name = typeof c.name === 'string' ? c.name : '';
    const nameProblem = checkDnsLabel(name);
    if (nameProblem) add([...path, 'name'], nameProblem);
    if (name && containerNames.has(name)) add([...path, 'name'], `Duplicate value: another container is named "${name}"`);
    if (name) containerNames.add(name);
    const isPrimary = !init && name === options.primaryName;
    const imageProblem = checkImage(typeof c.image === 'string' ? c.image : undefined, options.mode === 'task' && !isPrimary);
    if (imageProblem) add([...path, 'image'], imageProblem);
    if (init && c.restartPolicy !== undefined && c.restartPolicy !== 'Always') add([...path, 'restartPolicy'], 'must be "Always" (a native sidecar) or left out');

    const envNames = new Set<string>();
    (Array.isArray(c.env) ? c.env : []).forEach((e, j) => {
      if (!isObj(e)) return;
      const p = checkEnvName(e.name);
      if (p) add([...path, 'env', j, 'name'], p);
      if (e.name && envNames.has(e.name)) add([...path, 'env', j, 'name'], `"${e.name}" is set twice; the later value wins`, 'warning');
      if (e.name) envNames.add(e.name);
      if (e.value && e.valueFrom) add([...path, 'env', j, 'valueFrom'], 'may not be specified when `value` is not empty');
      for (const ref of ['secretKeyRef', 'configMapKeyRef'] as const) {
        const r = e.valueFrom?.[ref];
        if (!isObj(r)) continue;
        if (!r.name) add([...path, 'env', j, 'valueFrom', ref, 'name'], `is required (the ${ref === 'secretKeyRef' ? 'Secret' : 'ConfigMap'} to read)`);
        if (!r.key) add([...path, 'env', j, 'valueFrom', ref, 'key'], 'is required');
        else if (!/^[-._a-zA-Z0-9]+$/.test(r.key)) add([...path, 'env', j, 'valueFrom', ref, 'key'], "must consist of letters, digits, '-', '_' or '.'");
      }
    });

    out.push(...resourceFieldProblems(c.resources as never, [...path, 'resources'], { defaultsLimits: isPrimary }));

    const portNames = new Set<string>();
    (Array.isArray(c.ports) ? c.ports : []).forEach((p, j) => {
      if (!isObj(p)) return;
      const n = checkPortNumber(p.containerPort);
      if (n) add([...path, 'ports', j, 'containerPort'], n);
      const hp = checkPortNumber(p.hostPort, false);
      if (hp) add([...path, 'ports', j, 'hostPort'], hp);
      const pn = checkPortName(p.name);
      if (pn) add([...path, 'ports', j, 'name'], pn);
      if (p.name && portNames.has(p.name)) add([...path, 'ports', j, 'name'], `Duplicate value: another port is named "${p.name}"`);
      if (p.name) portNames.add(p.name);
    });

    const mountPaths = new Set<string>();
    (Array.isArray(c.volumeMounts) ? c.volumeMounts : []).forEach((m, j) => {
      if (!isObj(m)) return;
      if (!m.name) add([...path, 'volumeMounts', j, 'name'], 'is required');
      else if (!volumeNames.has(m.name)) {
        const known = [...volumeNames];
        add([...path, 'volumeMounts', j, 'name'], `Not found: the pod has no volume "${m.name}"${known.length ? ` (volumes: ${known.join(', ')})` : ''}`);
      }
      if (!m.mountPath) add([...path, 'volumeMounts', j, 'mountPath'], 'is required');
      else {
        if (m.mountPath.includes(':')) add([...path, 'volumeMounts', j, 'mountPath'], "must not contain ':'");
        else if (!m.mountPath.startsWith('/')) add([...path, 'volumeMounts', j, 'mountPath'], 'should be an absolute path', 'warning');
        if (mountPaths.has(m.mountPath)) add([...path, 'volumeMounts', j, 'mountPath'], 'must be unique: another mount uses this path');
        mountPaths.add(m.mountPath);
      }
      if (m.subPath) {
        if (m.subPath.startsWith('/')) add([...path, 'volumeMounts', j, 'subPath'], 'must be a relative path');
        else if (m.subPath.split('/').includes('..')) add([...path, 'volumeMounts', j, 'subPath'], "must not contain '..'");
      }
    });
  };
  (Array.isArray(spec.containers) ? spec.containers : []).forEach((c, i) => isObj(c) && checkContainer(c, ['containers', i], false));
  (Array.isArray(spec.initContainers) ? spec.initContainers : []).forEach((c, i) => isObj(c) && checkContainer(c, ['initContainers', i], true));

  if (isObj(spec.nodeSelector)) {
    for (const [k, v] of Object.entries(spec.nodeSelector)) {
      const kp = checkMetadataKey(k, 'label');
      if (kp && !k.startsWith(RESERVED_PREFIX)) add(['nodeSelector', k], `key ${kp}`);
      const vp = typeof v === 'string' ? checkLabelValue(v) : 'must be a string';
      if (vp) add(['nodeSelector', k], `value ${vp}`);
    }
  }

  (Array.isArray(spec.tolerations) ? spec.tolerations : []).forEach((raw, i) => {
    if (!isObj(raw)) return;
    const t = raw as Toleration;
    const op = t.operator ?? 'Equal';
    if (t.key && !isQualifiedKey(t.key)) add(['tolerations', i, 'key'], 'must be a valid label key');
    if (!t.key && op !== 'Exists') add(['tolerations', i, 'operator'], 'must be "Exists" when the key is empty (tolerates every taint)');
    if (op === 'Exists' && t.value) add(['tolerations', i, 'value'], 'must be empty when the operator is "Exists"');
    if (op !== 'Exists' && op !== 'Equal') add(['tolerations', i, 'operator'], 'must be "Equal" or "Exists"');
    if (t.value && !isLabelValue(t.value)) add(['tolerations', i, 'value'], checkLabelValue(t.value)!);
    if (t.effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) add(['tolerations', i, 'effect'], 'must be NoSchedule, PreferNoSchedule or NoExecute');
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') add(['tolerations', i, 'tolerationSeconds'], 'applies only with the effect "NoExecute"');
  });

  if (spec.serviceAccountName && !isDns1123Subdomain(spec.serviceAccountName)) {
    add(['serviceAccountName'], "must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.'");
  }
  return out;
}

/** Labels or annotations of a pod (`task.pod.labels`). */
export function metadataFieldProblems(map: Record<string, string> | undefined, kind: 'labels' | 'annotations', base: FieldPath): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const [k, v] of Object.entries(map ?? {})) {
    const kp = checkMetadataKey(k, kind === 'labels' ? 'label' : 'annotation');
    if (kp) out.push({ path: [...base, k], message: `key ${kp}`, severity: 'error' });
    if (kind === 'labels') {
      const vp = checkLabelValue(String(v));
      if (vp) out.push({ path: [...base, k], message: `value ${vp}`, severity: 'error' });
    }
  }
  return out;
}
