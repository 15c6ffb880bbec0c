import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { nodeFit, tolerates, type NodeFacts } from './node-fit';
import { podReferences } from './pod-references';

const node = (name: string, labels: Record<string, string>, taints: NodeFacts['taints'] = []): NodeFacts => ({ name, labels, taints });
const pod = (spec: Partial<NonNullable<Pod['spec']>>): Pod => ({ spec: { containers: [{ name: 'primary' }], ...spec } });
const nodes = [node('a', { node_group: 'cpu', zone: 'x' }), node('b', { node_group: 'gpu' }, [{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }])];

describe('nodeFit', () => {
  it('a pod without a selector fits an untainted node', () => {
    expect(nodeFit(pod({}), nodes)).toEqual({ ok: true, nodes: ['a'] });
  });
  it('names the selector and the values that exist', () => {
    expect(nodeFit(pod({ nodeSelector: { node_group: 'memory' } }), nodes)).toEqual({
      ok: false,
      field: 'spec.nodeSelector["node_group"]',
      message: 'no node matches `node_group=memory` (node_group on the nodes: cpu, gpu)',
    });
  });
  it('names the labels that exist when no node has the key', () => {
    const fit = nodeFit(pod({ nodeSelector: { disk: 'ssd' } }), nodes);
    expect(fit).toMatchObject({ ok: false, message: 'no node matches `disk=ssd` (no node has the label disk; labels on the nodes: node_group, zone)' });
  });
  it('a taint the pod does not tolerate keeps it off; a toleration lets it on', () => {
    expect(nodeFit(pod({ nodeSelector: { node_group: 'gpu' } }), nodes)).toEqual({
      ok: false,
      field: 'spec.tolerations',
      message: 'the 1 node(s) matching the nodeSelector carry taints the pod does not tolerate: gpu=yes:NoSchedule',
    });
    expect(nodeFit(pod({ nodeSelector: { node_group: 'gpu' }, tolerations: [{ key: 'gpu', operator: 'Exists' }] }), nodes)).toEqual({ ok: true, nodes: ['b'] });
  });
  it('cordoned or absent nodes', () => {
    expect(nodeFit(pod({}), [])).toMatchObject({ ok: false, message: 'the cluster has no nodes' });
    expect(nodeFit(pod({}), [{ ...nodes[0]!, unschedulable: true }])).toMatchObject({ ok: false, message: 'every node is cordoned (unschedulable): a' });
  });
  it('tolerates: Kubernetes rules', () => {
    const taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
    expect(tolerates({ operator: 'Exists' }, taint)).toBe(true);
    expect(tolerates({ key: 'k', value: 'v' }, taint)).toBe(true);
    expect(tolerates({ key: 'k', value: 'w' }, taint)).toBe(false);
    expect(tolerates({ key: 'k', operator: 'Exists', effect: 'NoExecute' }, taint)).toBe(false);
  });
});

describe('podReferences', () => {
  it('finds every named object and where', () => {
    const refs = podReferences(
      pod({
        serviceAccountName: 'runner',
        priorityClassName: 'high',
        imagePullSecrets: [{ name: 'pull' }],
        volumes: [
          { name: 's', secret: { secretName: 'creds' } },
          { name: 'c', configMap: { name: 'cfg', optional: true } },
          { name: 'p', persistentVolumeClaim: { claimName: 'data' } },
          { name: 'j', projected: { sources: [{ secret: { name: 'proj' } }] } },
        ],
        containers: [{ name: 'primary', env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'env-secret', key: 'k' } } }], envFrom: [{ configMapRef: { name: 'env-cm' } }] }],
      }),
    );
    expect(refs.map((r) => `${r.kind}/${r.name} ${r.field}${r.optional ? ' optional' : ''}`)).toEqual([
      'Secret/creds spec.volumes[0].secret.secretName',
      'ConfigMap/cfg spec.volumes[1].configMap.name optional',
      'PersistentVolumeClaim/data spec.volumes[2].persistentVolumeClaim.claimName',
      'Secret/proj spec.volumes[3].projected.sources[0].secret.name',
      'Secret/env-secret spec.containers[0].env[0].valueFrom.secretKeyRef.name',
      'ConfigMap/env-cm spec.containers[0].envFrom[0].configMapRef.name',
      'Secret/pull spec.imagePullSecrets[0].name optional',
      'ServiceAccount/runner spec.serviceAccountName',
      'PriorityClass/high spec.priorityClassName',
    ]);
  });
});
