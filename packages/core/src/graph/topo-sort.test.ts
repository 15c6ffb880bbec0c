import { describe, expect, it } from 'vitest';
import { cyclic, dangling, diamond, empty, reversedChain, selfLoop, twoSources } from '../__fixtures__/small-docs';
import { syntheticWorkflow } from '../__fixtures__/synthetic';
import { topoSort } from './topo-sort';

describe('topoSort', () => {
  it('keeps document order when it is already a topological order', () => {
    expect(topoSort(diamond)).toEqual({ order: ['a', 'b', 'c', 'd'] });
  });

  it('reorders a chain written backwards', () => {
    expect(topoSort(reversedChain)).toEqual({ order: ['s1', 's2', 's3', 's4'] });
  });

  it('breaks ties by document order', () => {
    expect(topoSort(twoSources)).toEqual({ order: ['y', 'x', 'z'] });
  });

  it('reports one cycle in edge direction, starting at its earliest node', () => {
    expect(topoSort(cyclic)).toEqual({ cycle: ['p', 'q', 'r'] });
  });

  it('reports a self-loop as a one-node cycle', () => {
    expect(topoSort(selfLoop)).toEqual({ cycle: ['solo'] });
  });

  it('ignores dangling references', () => {
    expect(topoSort(dangling)).toEqual({ order: ['real', 'after'] });
  });

  it('handles an empty document', () => {
    expect(topoSort(empty)).toEqual({ order: [] });
  });

  it.each(['chain', 'fanout', 'lattice'] as const)('sorts a 10,000-node %s (no recursion, every edge respected)', (shape) => {
    const doc = syntheticWorkflow(shape, 10_000);
    const result = topoSort(doc);
    if (!('order' in result)) throw new Error('expected an order');
    expect(result.order).toHaveLength(10_000);
    const at = new Map(result.order.map((id, i) => [id, i]));
    const backwards = (doc.spec.nodes ?? []).filter((node) =>
      Object.values(node.inputs ?? {}).some((b) => 'node' in b && at.get(b.node)! >= at.get(node.id)!));
    expect(backwards).toEqual([]);
  });

  it('finds the cycle of a 10,000-node chain closed on itself', () => {
    const doc = syntheticWorkflow('chain', 10_000);
    const nodes = doc.spec.nodes!;
    const closed = { ...doc, spec: { ...doc.spec, nodes: [{ ...nodes[0]!, inputs: { a: { node: nodes[9_999]!.id, output: 'o0' } } }, ...nodes.slice(1)] } };
    const result = topoSort(closed);
    expect('cycle' in result && result.cycle.length).toBe(10_000);
  });
});
