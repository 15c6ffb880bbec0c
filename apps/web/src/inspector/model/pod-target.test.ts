import { describe, expect, it } from 'vitest';
import type { WorkflowDoc } from '@podflow/core';
import { editPodSpec, freshName, podSpecPath, renameContainer, renameVolume, setPodMeta, setPrimaryContainerName } from './pod-target';
import { setIn } from './immutable';

const doc = (): WorkflowDoc => ({
  apiVersion: 'podflow/v1alpha1',
  kind: 'Workflow',
  metadata: { name: 'wf' },
  spec: {
    tasks: [
      { name: 'plain', type: 'python', code: 'def plain() -> str:\n    return "x"\n' },
      {
        name: 'multi',
        type: 'python',
        code: 'def multi() -> str:\n    return "x"\n',
        pod: {
          spec: {
            priorityClassName: 'high',
            containers: [{ name: 'primary', volumeMounts: [{ name: 'shared-data', mountPath: '/data' }] }, { name: 'secondary', image: 'alpine' }],
            volumes: [{ name: 'shared-data', emptyDir: { medium: 'Memory' } }],
          } as never,
        },
        retries: 2,
      },
    ],
  },
});

describe('editPodSpec', () => {
  it('edits the stored spec and keeps fields the form does not know', () => {
    const next = editPodSpec(doc(), { kind: 'task', task: 'multi' }, (s) => setIn(s, ['containers', 1, 'image'], 'busybox'));
    const spec = next.spec.tasks![1]!.pod!.spec as unknown as Record<string, unknown>;
    expect(spec.priorityClassName).toBe('high');
    expect((spec.containers as { image?: string }[])[1]!.image).toBe('busybox');
    expect(next.spec.tasks![1]!.retries).toBe(2);
  });

  it('starts an absent spec with containers: [] and places pod where a person would', () => {
    const next = editPodSpec(doc(), { kind: 'task', task: 'plain' }, (s) => setIn(s, ['nodeSelector', 'node_group'], 'memory'));
    expect(next.spec.tasks![0]!.pod).toEqual({ spec: { containers: [], nodeSelector: { node_group: 'memory' } } });
    expect(Object.keys(next.spec.tasks![0]!)).toEqual(['name', 'type', 'code', 'pod']);
  });

  it('returns the same document when nothing changes', () => {
    const d = doc();
    expect(editPodSpec(d, { kind: 'task', task: 'multi' }, (s) => s)).toBe(d);
    expect(editPodSpec(d, { kind: 'task', task: 'nope' }, (s) => ({ ...s }))).toBe(d);
  });

  it('edits the workflow pod template', () => {
    const next = editPodSpec(doc(), { kind: 'template' }, (s) => setIn(s, ['serviceAccountName'], 'runner'));
    expect(next.spec.podTemplate).toEqual({ spec: { containers: [], serviceAccountName: 'runner' } });
    expect(podSpecPath(next, { kind: 'template' })).toEqual(['spec', 'podTemplate', 'spec']);
    expect(podSpecPath(next, { kind: 'task', task: 'multi' })).toEqual(['spec', 'tasks', 1, 'pod', 'spec']);
  });
});

describe('names', () => {
  it('renaming the primary container keeps it the primary', () => {
    const next = renameContainer(doc(), { kind: 'task', task: 'multi' }, 'containers', 0, 'main');
    expect(next.spec.tasks![1]!.pod!.primaryContainerName).toBe('main');
    const side = renameContainer(doc(), { kind: 'task', task: 'multi' }, 'containers', 1, 'helper');
    expect(side.spec.tasks![1]!.pod!.primaryContainerName).toBeUndefined();
  });

  it('renaming a volume renames the mounts that name it', () => {
    const spec = doc().spec.tasks![1]!.pod!.spec!;
    const next = renameVolume(spec, 0, 'shared');
    expect(next.volumes![0]!.name).toBe('shared');
    expect(next.containers[0]!.volumeMounts![0]!.name).toBe('shared');
    expect((next as unknown as Record<string, unknown>).priorityClassName).toBe('high');
  });

  it('sets the primary container name, writing the default only when one was named', () => {
    expect(setPrimaryContainerName(doc(), 'plain', 'primary').spec.tasks![0]!.pod).toBeUndefined();
    expect(setPrimaryContainerName(doc(), 'plain', 'main').spec.tasks![0]!.pod).toEqual({ primaryContainerName: 'main' });
  });

  it('sets and clears labels', () => {
    const withLabels = setPodMeta(doc(), { kind: 'task', task: 'plain' }, 'labels', { team: 'data' });
    expect(withLabels.spec.tasks![0]!.pod).toEqual({ labels: { team: 'data' } });
    expect(setPodMeta(withLabels, { kind: 'task', task: 'plain' }, 'labels', undefined).spec.tasks![0]!.pod).toBeUndefined();
    const tpl = setPodMeta(doc(), { kind: 'template' }, 'annotations', { a: 'b' });
    expect(tpl.spec.podTemplate).toEqual({ metadata: { annotations: { a: 'b' } } });
  });

  it('finds fresh names', () => {
    expect(freshName(['primary'], 'sidecar')).toBe('sidecar');
    expect(freshName(['sidecar', 'sidecar-2'], 'sidecar')).toBe('sidecar-3');
  });
});
