import type { PodSpec } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { seedDoc } from '../__fixtures__/seed-examples';
import { expectOk } from '../__fixtures__/expect-ok';
import { findTask } from '../document/accessors';
import { nodeId } from '../document/ids';
import type { WorkflowDoc } from '../document/workflow-schema';
import { moveNodes, renameNode, renameTask, setMap, updateTask, addNode, connect } from '../ops/index';
import { diffWorkflows, isEmptyDiff } from './diff-workflows';
import { nodePodDiff } from './node-pod-diff';

const withSidecar = (doc: WorkflowDoc, task: string): WorkflowDoc => {
  const t = findTask(doc, task)!;
  const spec: PodSpec = t.pod?.spec ?? { containers: [] };
  return expectOk(
    updateTask(doc, task, {
      pod: { ...t.pod, spec: { ...spec, containers: [...(spec.containers ?? []), { name: 'log-shipper', image: 'fluent/fluent-bit:3.0' }] } },
    }),
  );
};

describe('diffWorkflows', () => {
  it('finds nothing between a version and itself, or a structural copy of it', () => {
    const doc = seedDoc('map-pod-workflow');
    expect(isEmptyDiff(diffWorkflows(doc, doc))).toBe(true);
    expect(isEmptyDiff(diffWorkflows(doc, seedDoc('map-pod-workflow')))).toBe(true);
  });

  it('a sidecar added to the pod: the node is changed (its task is), by pod.spec.containers, and nothing else', () => {
    const a = seedDoc('pod-workflow');
    const b = withSidecar(a, 'pod_task');
    const d = diffWorkflows(a, b);
    expect(d.nodes).toEqual([{ id: 'pod_task', status: 'changed', task: 'pod_task', nodeFields: [], taskFields: ['pod.spec.containers'] }]);
    expect(d.tasks).toEqual({ added: [], removed: [], changed: [{ name: 'pod_task', fields: ['pod.spec.containers'] }] });
    expect(d.edges).toEqual({ added: [], removed: [] });
    expect(d.settings).toEqual([]);
  });

  it('nodes that only moved are "moved", with where from and to, not "changed"', () => {
    const a = seedDoc('map-pod-workflow');
    const b = moveNodes(a, { coalesce: { x: 600, y: 200 }, 'input:list_of_ints': { x: -40, y: 0 } });
    const d = diffWorkflows(a, b);
    expect(d.nodes).toEqual([{ id: 'coalesce', status: 'moved', task: 'coalesce', nodeFields: [], taskFields: [], moved: { from: { x: 600, y: 0 }, to: { x: 600, y: 200 } } }]);
    expect(d.inputs.changed).toEqual([{ name: 'list_of_ints', fields: [], moved: { from: { x: 0, y: 0 }, to: { x: -40, y: 0 } } }]);
    expect(d.tasks.changed).toEqual([]);
  });

  it('edited code marks every node of that task changed by `code`; a moved and edited node is changed and keeps the move', () => {
    const a = seedDoc('map-pod-workflow');
    const code = findTask(a, 'coalesce')!.code.replace('return', 'return  ');
    const b = moveNodes(expectOk(updateTask(a, 'coalesce', { code })), { coalesce: { x: 1, y: 2 } });
    const d = diffWorkflows(a, b);
    expect(d.nodes).toEqual([{ id: 'coalesce', status: 'changed', task: 'coalesce', nodeFields: [], taskFields: ['code'], moved: { from: { x: 600, y: 0 }, to: { x: 1, y: 2 } } }]);
  });

  it('a renamed node is one change, "renamed" from its old id: its edges and the bindings naming it are not changes', () => {
    const a = seedDoc('map-pod-workflow');
    const b = expectOk(renameNode(a, nodeId('map_pod_task'), nodeId('to_text')));
    const d = diffWorkflows(a, b);
    expect(d.nodes).toEqual([{ id: 'to_text', status: 'renamed', renamedFrom: 'map_pod_task', task: 'map_pod_task', nodeFields: [], taskFields: [] }]);
    expect(d.edges).toEqual({ added: [], removed: [] });
    expect(d.outputs.changed).toEqual([]);
    // Seen from the other side: renamed back.
    expect(diffWorkflows(b, a).nodes).toEqual([{ id: 'map_pod_task', status: 'renamed', renamedFrom: 'to_text', task: 'map_pod_task', nodeFields: [], taskFields: [] }]);
    // Its pods: the older side compiled under its old id.
    const pods = nodePodDiff(a, b, 'to_text', d.nodes[0]!.renamedFrom);
    expect(pods.a?.ok && pods.a.podYaml).toContain('podflow/node: map_pod_task');
    expect(pods.b?.ok && pods.b.podYaml).toContain('podflow/node: to_text');
    expect(nodePodDiff(a, b, 'to_text').a).toBeUndefined();
    // Renamed and changed: both said on the one node.
    const c = expectOk(setMap(b, nodeId('to_text'), { concurrency: 2 }));
    expect(diffWorkflows(a, c).nodes).toEqual([{ id: 'to_text', status: 'renamed', renamedFrom: 'map_pod_task', task: 'map_pod_task', nodeFields: ['map'], taskFields: [] }]);
  });

  it('a node renamed with its task (the function renamed in its code) is renamed, its task removed and added', () => {
    const a = seedDoc('pod-workflow');
    const b = expectOk(renameNode(expectOk(renameTask(a, 'pod_task', 'hello_task')), nodeId('pod_task'), nodeId('hello_task')));
    const d = diffWorkflows(a, b);
    expect(d.nodes.map((n) => [n.id, n.status, n.renamedFrom, n.nodeFields])).toEqual([['hello_task', 'renamed', 'pod_task', ['task']]]);
    expect(d.tasks).toMatchObject({ added: ['hello_task'], removed: ['pod_task'] });
    // Another task's code at the same spot is not a rename.
    const other = expectOk(updateTask(b, 'hello_task', { code: 'def hello_task() -> str:\n    return "something else"\n' }));
    expect(diffWorkflows(a, other).nodes.map((n) => n.status).sort()).toEqual(['added', 'removed']);
  });

  it('a node gone and another new are a removal and an addition when nothing says one became the other', () => {
    const a = seedDoc('map-pod-workflow');
    const renamed = expectOk(renameNode(a, nodeId('map_pod_task'), nodeId('to_text')));
    // Moved as well: not at the old spot any more.
    const moved = moveNodes(renamed, { to_text: { x: 999, y: 999 } });
    expect(diffWorkflows(a, moved).nodes.map((n) => [n.id, n.status])).toEqual([
      ['to_text', 'added'],
      ['coalesce', 'changed'],
      ['map_pod_task', 'removed'],
    ]);
    // No positions at all (a file written by hand): nothing to pair on.
    const bare = (d: WorkflowDoc): WorkflowDoc => ({ ...d, spec: { ...d.spec, layout: undefined } });
    expect(diffWorkflows(bare(a), bare(renamed)).nodes.map((n) => n.status).sort()).toEqual(['added', 'changed', 'removed']);
    const d = diffWorkflows(bare(a), bare(renamed));
    expect(d.edges.added).toEqual([
      { kind: 'workflow-input', from: 'list_of_ints', to: 'to_text', input: 'int_val' },
      { kind: 'node', from: 'to_text', output: 'o0', to: 'coalesce', input: 'list_of_strings' },
    ]);
    expect(d.edges.removed).toHaveLength(2);
  });

  it('map settings, a new node and its edge, and workflow settings', () => {
    const a = seedDoc('map-pod-workflow');
    let b = expectOk(setMap(a, nodeId('map_pod_task'), { retries: 3, concurrency: 2 }));
    b = addNode(b, { task: 'coalesce', position: { x: 0, y: 300 } }).doc;
    b = { ...b, metadata: { ...b.metadata, description: 'new words' }, spec: { ...b.spec, failurePolicy: 'continue' } };
    const d = diffWorkflows(a, b);
    expect(d.nodes.find((n) => n.id === 'map_pod_task')).toMatchObject({ status: 'changed', nodeFields: ['map'] });
    expect(d.nodes.find((n) => n.status === 'added')).toMatchObject({ id: 'coalesce_2', task: 'coalesce' });
    expect(d.settings).toEqual(['metadata.description', 'spec.failurePolicy']);
  });

  it('a node switched to another task is changed by `task`', () => {
    const a = seedDoc('dynamic-pod-workflow');
    const first = a.spec.nodes![0]!;
    const other = a.spec.tasks!.find((t) => t.name !== first.task)!;
    const b = { ...a, spec: { ...a.spec, nodes: a.spec.nodes!.map((n) => (n.id === first.id ? { ...n, task: other.name } : n)) } };
    const d = diffWorkflows(a, b);
    expect(d.nodes[0]).toMatchObject({ id: first.id, status: 'changed', task: other.name, taskFields: [] });
    expect(d.nodes[0]!.nodeFields).toContain('task');
  });
});

describe('nodePodDiff', () => {
  it('compiles each side through compile: the new sidecar is in the newer pod only', () => {
    const a = seedDoc('pod-workflow');
    const b = withSidecar(a, 'pod_task');
    const p = nodePodDiff(a, b, 'pod_task');
    if (!p.a?.ok || !p.b?.ok) throw new Error('both sides compile');
    expect(p.a.podYaml).not.toContain('log-shipper');
    expect(p.b.podYaml).toContain('name: log-shipper');
    expect(p.b.podYaml).toContain('image: fluent/fluent-bit:3.0');
    expect(p.b.podYaml).toContain('kind: Pod');
    expect(p.a.code).toBe(findTask(a, 'pod_task')!.code);
  });

  it('a side without the node is undefined; a side that cannot compile is a message naming the node', () => {
    const a = seedDoc('pod-workflow');
    const broken: WorkflowDoc = { ...a, spec: { ...a.spec, tasks: [] } };
    const p = nodePodDiff(broken, a, 'pod_task');
    expect(p.a).toEqual({ ok: false, task: 'pod_task', error: expect.stringMatching(/^pod_task does not compile in this version: .*task "pod_task"/) });
    expect(p.b?.ok).toBe(true);
    expect(nodePodDiff(a, a, 'nope')).toEqual({ nodeId: 'nope', a: undefined, b: undefined });
  });

  it('a compiled pod that is not a valid PodSpec keeps its YAML and lists the problem', () => {
    const a = seedDoc('pod-workflow');
    const t = findTask(a, 'pod_task')!;
    const b = expectOk(updateTask(a, 'pod_task', { pod: { ...t.pod, spec: { ...t.pod!.spec, containers: [{ name: 'side' } as never], nodeSelector: 'x' as never } } }));
    const side = nodePodDiff(a, b, 'pod_task').b;
    if (!side?.ok) throw new Error(`compiles: ${JSON.stringify(side)}`);
    expect(side.problems.join('\n')).toMatch(/not a valid PodSpec/);
  });
});

it('an edge added between existing nodes is listed, and the consumer is changed by that input', () => {
  const a = seedDoc('map-pod-workflow');
  const cut = { ...a, spec: { ...a.spec, nodes: a.spec.nodes!.map((n) => (n.id === 'coalesce' ? { ...n, inputs: {} } : n)) } };
  const b = expectOk(connect(cut, { from: { node: nodeId('map_pod_task'), output: 'o0' }, to: { node: nodeId('coalesce'), input: 'list_of_strings' } }));
  const d = diffWorkflows(cut, b);
  expect(d.edges.added).toEqual([{ kind: 'node', from: 'map_pod_task', output: 'o0', to: 'coalesce', input: 'list_of_strings' }]);
  expect(d.nodes).toEqual([{ id: 'coalesce', status: 'changed', task: 'coalesce', nodeFields: ['inputs.list_of_strings'], taskFields: [] }]);
});
