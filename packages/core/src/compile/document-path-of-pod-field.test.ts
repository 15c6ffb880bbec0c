import { describe, expect, it } from 'vitest';
import type { WorkflowDoc } from '../document/workflow-schema';
import { compile } from './compile';
import { documentPathOfPodField } from './document-path-of-pod-field';

const doc = {
  apiVersion: 'podflow/v1alpha1',
  kind: 'Workflow',
  metadata: { name: 'paths' },
  spec: {
    podTemplate: { spec: { priorityClassName: 'low', containers: [{ name: 'default', env: [{ name: 'X', value: '1' }] }] } },
    tasks: [
      { name: 'plain', type: 'python', code: 'def plain() -> int:\n    return 1\n', image: 'python:3.12' },
      {
        name: 'sided',
        type: 'python',
        code: 'def sided() -> int:\n    return 1\n',
        resources: { limits: { cpu: '1' } },
        pod: { spec: { nodeSelector: { a: 'b' }, containers: [{ name: 'side', image: 'busybox' }], volumes: [{ name: 'v', emptyDir: {} }] } },
      },
    ],
    nodes: [
      { id: 'plain', task: 'plain' },
      { id: 'sided', task: 'sided' },
    ],
  },
} as unknown as WorkflowDoc;

describe('documentPathOfPodField', () => {
  const plain = compile(doc, 'plain').pod;
  const sided = compile(doc, 'sided').pod;
  const indexOf = (pod: typeof sided, name: string) => pod.spec!.containers.findIndex((c) => c.name === name);
  it('the primary image and resources come from the task', () => {
    expect(documentPathOfPodField(doc, 'plain', plain, `spec.containers[${indexOf(plain, 'primary')}].image`)).toBe('spec.tasks[0].image');
    expect(documentPathOfPodField(doc, 'sided', sided, `spec.containers[${indexOf(sided, 'primary')}].resources.limits.cpu`)).toBe('spec.tasks[1].resources');
  });
  it('containers and volumes by name; pod fields to the task or the template', () => {
    expect(documentPathOfPodField(doc, 'sided', sided, `spec.containers[${indexOf(sided, 'side')}].image`)).toBe('spec.tasks[1].pod.spec.containers[0].image');
    expect(documentPathOfPodField(doc, 'sided', sided, 'spec.volumes[0].emptyDir')).toBe('spec.tasks[1].pod.spec.volumes[0].emptyDir');
    expect(documentPathOfPodField(doc, 'sided', sided, 'spec.nodeSelector.a')).toBe('spec.tasks[1].pod.spec.nodeSelector.a');
    expect(documentPathOfPodField(doc, 'plain', plain, 'spec.priorityClassName')).toBe('spec.podTemplate.spec.priorityClassName');
    expect(documentPathOfPodField(doc, 'plain', plain, 'metadata.labels.x')).toBe('spec.tasks[0].pod.labels');
  });
});
