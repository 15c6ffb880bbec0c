import { describe, expect, it } from 'vitest';
import type { WorkflowDoc } from '../../document/workflow-schema';
import { validateWorkflow } from '../validate-workflow';
import { workingDirProblem } from './check-working-dirs';

/** The rules `working-dir` (an error) and `host-path-volume` (a warning on every hostPath, for each node). */
const doc = (podSpec: Record<string, unknown>, template?: Record<string, unknown>): WorkflowDoc =>
  ({
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'pods' },
    spec: {
      ...(template ? { podTemplate: { spec: template } } : {}),
      tasks: [
        { name: 'used', type: 'python', code: 'def used() -> int:\n    return 1\n', pod: { spec: podSpec } },
        { name: 'unused', type: 'python', code: 'def unused() -> int:\n    return 1\n', pod: { spec: { containers: [], volumes: [{ name: 'h', hostPath: { path: '/srv' } }] } } },
      ],
      nodes: [
        { id: 'a', task: 'used' },
        { id: 'b', task: 'used' },
      ],
    },
  }) as unknown as WorkflowDoc;

describe('working-dir', () => {
  it('refuses relative paths and "." or ".." segments, like Kubernetes', () => {
    for (const bad of ['relative', 'data/x', '/data/../../tmp/x', '/data/./x', '/..', '/a/b/..']) expect(workingDirProblem(bad), bad).toBeDefined();
    for (const good of ['/', '/data', '/data/x/y', '/a..b/.c', '/usr/share']) expect(workingDirProblem(good), good).toBeUndefined();
  });

  it('reports each bad workingDir as an error naming its container and field', () => {
    const d = validateWorkflow(
      doc({
        containers: [{ name: 'primary' }, { name: 'side', image: 'x', workingDir: '/data/../../../../tmp/x' }],
        initContainers: [{ name: 'prep', image: 'x', workingDir: 'rel' }],
      }),
    ).filter((x) => x.code === 'working-dir');
    expect(d).toEqual([
      expect.objectContaining({ severity: 'error', task: 'used', path: 'spec.tasks[0].pod.spec.containers[1].workingDir', message: expect.stringContaining('"side"') }),
      expect.objectContaining({ severity: 'error', task: 'used', path: 'spec.tasks[0].pod.spec.initContainers[0].workingDir', message: expect.stringContaining('absolute') }),
    ]);
  });
});

describe('host-path-volume', () => {
  it('warns on every hostPath volume, once per node that gets it, naming node and field', () => {
    const d = validateWorkflow(
      doc(
        { containers: [], volumes: [{ name: 'ok', emptyDir: {} }, { name: 'home', hostPath: { path: '/root' } }] },
        { volumes: [{ name: 'everywhere', hostPath: { path: '/var/run' } }] },
      ),
    ).filter((x) => x.code === 'host-path-volume');
    const seen = d.map((x) => `${x.nodeId ?? '-'} ${x.task ?? '-'} ${x.path}`).sort();
    expect(seen).toEqual([
      '- unused spec.tasks[1].pod.spec.volumes[0].hostPath.path',
      'a - spec.podTemplate.spec.volumes[0].hostPath.path',
      'a used spec.tasks[0].pod.spec.volumes[1].hostPath.path',
      'b - spec.podTemplate.spec.volumes[0].hostPath.path',
      'b used spec.tasks[0].pod.spec.volumes[1].hostPath.path',
    ]);
    expect(d.every((x) => x.severity === 'warning')).toBe(true);
    expect(d.find((x) => x.nodeId === 'a' && x.task === 'used')?.message).toMatch(/"home" mounts \/root .*this\s+computer/);
  });

  it('says nothing for pods without hostPath', () => {
    expect(validateWorkflow(doc({ containers: [], volumes: [{ name: 'ok', emptyDir: {} }] })).filter((x) => x.code === 'host-path-volume' && x.task === 'used')).toEqual([]);
  });
});
