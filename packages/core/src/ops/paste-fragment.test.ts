import { describe, expect, it } from 'vitest';
import { nodeId } from '../document/ids';
import { expectOk } from '../__fixtures__/expect-ok';
import { diamond, empty, mapAndDynamic } from '../__fixtures__/small-docs';
import { extractFragment } from './extract-fragment';
import { FragmentSchema } from './fragment';
import { pasteFragment } from './paste-fragment';
import { updateTask } from './update-task';

describe('extractFragment', () => {
  it('takes the nodes, the tasks they need and their positions', () => {
    const fragment = extractFragment(diamond, [nodeId('d'), nodeId('b')]);
    expect(fragment.nodes.map((n) => n.id)).toEqual(['b', 'd']);
    expect(fragment.tasks.map((t) => t.name)).toEqual(['step']);
    expect(fragment.layout).toEqual({ b: { x: 200, y: -100 }, d: { x: 400, y: 0 } });
    expect(FragmentSchema.safeParse(JSON.parse(JSON.stringify(fragment))).success).toBe(true);
  });

  it("includes tasks a dynamic task calls", () => {
    const fragment = extractFragment(mapAndDynamic, [nodeId('dynamic_pod_task')]);
    expect(fragment.tasks.map((t) => t.name)).toEqual(['stringify', 'dynamic_pod_task']);
  });
});

describe('pasteFragment', () => {
  it('pastes into the same workflow with fresh ids, remapped internal edges, kept outside edges, at the given point', () => {
    const { doc, ids } = pasteFragment(diamond, extractFragment(diamond, [nodeId('b'), nodeId('d')]), { x: 1000, y: 1000 });
    expect(ids).toEqual(['b_2', 'd_2']);
    expect(doc.spec.nodes!.slice(4)).toEqual([
      { id: 'b_2', task: 'step', inputs: { a: { node: 'a', output: 'o0' } } },
      { id: 'd_2', task: 'step', inputs: { a: { node: 'b_2', output: 'o0' }, b: { node: 'c', output: 'o0' } } },
    ]);
    expect(doc.spec.tasks).toBe(diamond.spec.tasks);
    expect(doc.spec.layout!.b_2).toEqual({ x: 1000, y: 1000 });
    expect(doc.spec.layout!.d_2).toEqual({ x: 1200, y: 1100 });
  });

  it('pastes into another workflow: adds missing tasks, keeps free ids, drops bindings to things it lacks', () => {
    const fragment = extractFragment(diamond, [nodeId('a'), nodeId('d')]);
    const { doc, ids } = pasteFragment(empty, fragment, { x: 0, y: 0 });
    expect(ids).toEqual(['a', 'd']);
    expect(doc.spec.tasks!.map((t) => t.name)).toEqual(['source', 'step']);
    expect(doc.spec.nodes).toEqual([{ id: 'a', task: 'source', inputs: {} }, { id: 'd', task: 'step', inputs: {} }]);
  });

  it('renames a same-named task with different content, with its def line and dynamic calls', () => {
    const fragment = extractFragment(mapAndDynamic, [nodeId('dynamic_pod_task')]);
    const target = expectOk(updateTask(mapAndDynamic, 'stringify', { code: 'def stringify(x: int) -> str:\n    return "different"\n' }));
    const { doc, ids } = pasteFragment(target, fragment, { x: 0, y: 0 });
    expect(ids).toEqual(['dynamic_pod_task_2']);
    const names = doc.spec.tasks!.map((t) => t.name);
    // dynamic_pod_task is identical in both, so it is reused and keeps calling the target's own stringify; the
    // fragment's stringify would be called by nothing, so it is not added as stringify_2
    expect(names).toEqual(['map_pod_task', 'coalesce', 'stringify', 'dynamic_pod_task']);
    expect(doc.spec.nodes!.at(-1)!.task).toBe('dynamic_pod_task');
  });

  it('renames a dynamic task whose callee was renamed too, following its calls', () => {
    const fragment = extractFragment(mapAndDynamic, [nodeId('dynamic_pod_task')]);
    let target = expectOk(updateTask(mapAndDynamic, 'stringify', { code: 'def stringify(x: int) -> str:\n    return "different"\n' }));
    target = expectOk(updateTask(target, 'dynamic_pod_task', { description: 'changed' }));
    const { doc } = pasteFragment(target, fragment, { x: 0, y: 0 });
    expect(doc.spec.tasks!.map((t) => t.name)).toEqual(['map_pod_task', 'coalesce', 'stringify', 'dynamic_pod_task', 'stringify_2', 'dynamic_pod_task_2']);
    expect(doc.spec.tasks![4]!.code).toMatch(/^def stringify_2\(x: int\)/);
    const pasted = doc.spec.tasks!.find((t) => t.name === 'dynamic_pod_task_2')!;
    expect(pasted.code).toMatch(/^def dynamic_pod_task_2\(a: int\)/);
    expect(pasted.code).toContain('s.append(stringify_2(x=i))');
    expect(doc.spec.nodes!.at(-1)!.task).toBe('dynamic_pod_task_2');
  });
});
