import { describe, expect, it } from 'vitest';
import type { PodSpec } from 'kubernetes-types/core/v1';
import { checkDnsLabel, checkEnvName, metadataFieldProblems as checkMetadataMap, podSpecFieldProblems as checkPodSpec, checkPortName, resourceFieldProblems as checkResources } from './pod-field-problems';

/** Segments joined as the inspector spells them: `a.b[0].c`. */
const pathKey = (path: readonly (string | number)[]) => path.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out ? `${out}.${seg}` : seg), '');

const byPath = (problems: { path: readonly (string | number)[]; message: string }[]) =>
  Object.fromEntries(problems.map((p) => [pathKey(p.path), p.message]));

describe('single-field rules', () => {
  it('checks DNS-1123 labels', () => {
    expect(checkDnsLabel('shared-data')).toBeUndefined();
    expect(checkDnsLabel('Shared_Data')).toMatch(/DNS-1123 label/);
    expect(checkDnsLabel('-a')).toMatch(/DNS-1123/);
    expect(checkDnsLabel('a'.repeat(64))).toBe('must be no more than 63 characters');
    expect(checkDnsLabel('')).toBe('is required');
  });

  it('checks environment and port names', () => {
    expect(checkEnvName('MY_VAR')).toBeUndefined();
    expect(checkEnvName('1VAR')).toMatch(/must not start with a digit/);
    expect(checkEnvName('PODFLOW_X')).toMatch(/reserved/);
    expect(checkPortName('http')).toBeUndefined();
    expect(checkPortName('a-very-long-port-name')).toMatch(/15/);
    expect(checkPortName('80')).toMatch(/letter/);
  });

  it('checks resources: quantities, request ≤ limit, GPUs', () => {
    const problems = byPath(
      checkResources({ requests: { cpu: '2', memory: '100MB', 'nvidia.com/gpu': 1 }, limits: { cpu: '1', 'nvidia.com/gpu': 2 } }, ['r']),
    );
    expect(problems['r.requests.cpu']).toMatch(/less than or equal to the limit/);
    expect(problems['r.requests.memory']).toMatch(/quantity/);
    expect(problems['r.requests.nvidia.com/gpu']).toMatch(/must equal the limit/);
    expect(byPath(checkResources({ requests: { gpu: '1.5' } }, ['t'], { task: true, defaultsLimits: true }))['t.requests.gpu']).toBe('must be a whole number');
    expect(byPath(checkResources({ limits: { gpu: 1 } }, ['c']))['c.limits.gpu']).toMatch(/nvidia.com\/gpu/);
  });
});

describe('checkPodSpec', () => {
  const seed: PodSpec = {
    containers: [
      { name: 'primary', volumeMounts: [{ name: 'shared-data', mountPath: '/data' }] },
      { name: 'secondary', image: 'alpine', command: ['/bin/sh'], volumeMounts: [{ name: 'shared-data', mountPath: '/data' }] },
    ],
    volumes: [{ name: 'shared-data', emptyDir: { medium: 'Memory' } }],
  };

  it('finds nothing wrong with the seed pod', () => {
    expect(checkPodSpec(seed, { mode: 'task', primaryName: 'primary' })).toEqual([]);
  });

  it('reports names, duplicates, images and mounts by path', () => {
    const spec: PodSpec = {
      containers: [
        { name: 'primary', volumeMounts: [{ name: 'nope', mountPath: '/data' }, { name: 'v', mountPath: '/data' }] },
        { name: 'Side_Car' } as never,
        { name: 'primary', image: 'a b' },
      ],
      initContainers: [{ name: 'init', image: 'alpine', restartPolicy: 'OnFailure' }],
      volumes: [{ name: 'v', emptyDir: { sizeLimit: '1 Gi' } }, { name: 'v', hostPath: { path: '' } }, { name: 'podflow-code', emptyDir: {} }, { name: 'x' }],
    };
    const p = byPath(checkPodSpec(spec, { mode: 'task', primaryName: 'primary' }));
    expect(p['containers[0].volumeMounts[0].name']).toBe('Not found: the pod has no volume "nope" (volumes: v, podflow-code, x)');
    expect(p['containers[0].volumeMounts[1].mountPath']).toMatch(/unique/);
    expect(p['containers[1].name']).toMatch(/DNS-1123/);
    expect(p['containers[1].image']).toMatch(/required/);
    expect(p['containers[2].name']).toMatch(/Duplicate value/);
    expect(p['containers[2].image']).toBe('must not contain spaces');
    expect(p['initContainers[0].restartPolicy']).toMatch(/Always/);
    expect(p['volumes[0].emptyDir.sizeLimit']).toMatch(/spaces/);
    expect(p['volumes[1].name']).toMatch(/Duplicate value/);
    expect(p['volumes[1].hostPath.path']).toBe('is required');
    expect(p['volumes[2].name']).toMatch(/reserved/);
    expect(p['volumes[3]']).toMatch(/must specify a volume type/);
  });

  it('lets mounts name the template volumes, and template containers go without an image', () => {
    const spec: PodSpec = { containers: [{ name: 'default', volumeMounts: [{ name: 'cache', mountPath: '/cache' }] }] };
    expect(checkPodSpec(spec, { mode: 'template' })).toEqual([
      expect.objectContaining({ path: ['containers', 0, 'volumeMounts', 0, 'name'] }),
    ]);
    expect(checkPodSpec(spec, { mode: 'template', extraVolumes: ['cache'] })).toEqual([]);
  });

  it('checks env refs, ports, tolerations, node selectors and the service account', () => {
    const spec: PodSpec = {
      containers: [
        {
          name: 'primary',
          env: [{ name: 'A', valueFrom: { secretKeyRef: { name: '', key: 'k' } } }, { name: 'A', value: 'x' }],
          ports: [{ containerPort: 70000, name: 'http' }, { containerPort: 80, name: 'http' }],
        },
      ],
      tolerations: [{ operator: 'Exists', value: 'x' }, { key: 'gpu', effect: 'NoSchedule', tolerationSeconds: 5 }, { value: 'y' }],
      nodeSelector: { 'node_group!': 'memory' },
      serviceAccountName: 'Bad_Name',
    };
    const p = byPath(checkPodSpec(spec, { mode: 'task', primaryName: 'primary' }));
    expect(p['containers[0].env[0].valueFrom.secretKeyRef.name']).toMatch(/required/);
    expect(p['containers[0].env[1].name']).toMatch(/set twice/);
    expect(p['containers[0].ports[0].containerPort']).toBe('must be between 1 and 65535, inclusive');
    expect(p['containers[0].ports[1].name']).toMatch(/Duplicate/);
    expect(p['tolerations[0].value']).toMatch(/empty/);
    expect(p['tolerations[1].tolerationSeconds']).toMatch(/NoExecute/);
    expect(p['tolerations[2].operator']).toMatch(/Exists/);
    expect(p['nodeSelector.node_group!']).toMatch(/key/);
    expect(p['serviceAccountName']).toMatch(/subdomain/);
  });

  it('checks label keys and values', () => {
    const p = byPath(checkMetadataMap({ 'podflow/x': 'a', 'team': 'data science', 'a.b/c': 'ok' }, 'labels', ['labels']));
    expect(p['labels.podflow/x']).toMatch(/reserved/);
    expect(p['labels.team']).toMatch(/value/);
    expect(p['labels.a.b/c']).toBeUndefined();
  });
});
