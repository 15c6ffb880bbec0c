import { describe, expect, it } from 'vitest';
import { nodeId } from '../document/ids';
import { diamond } from '../__fixtures__/small-docs';
import { duplicateNodes } from './duplicate-nodes';

describe('duplicateNodes', () => {
  it('copies nodes, remapping bindings between copies and keeping bindings to others', () => {
    const { doc, ids } = duplicateNodes(diamond, [nodeId('c'), nodeId('d')], { x: 10, y: 20 });
    expect(ids).toEqual(['c_2', 'd_2']);
    expect(doc.spec.nodes!.slice(4)).toEqual([
      { id: 'c_2', task: 'step', inputs: { a: { node: 'a', output: 'o0' }, b: { value: 10 } } },
      { id: 'd_2', task: 'step', inputs: { a: { node: 'b', output: 'o0' }, b: { node: 'c_2', output: 'o0' } } },
    ]);
    expect(doc.spec.layout!.c_2).toEqual({ x: 210, y: 120 });
    expect(doc.spec.outputs).toBe(diamond.spec.outputs);
  });

  it('counts on from a numbered copy instead of nesting suffixes', () => {
    const once = duplicateNodes(diamond, [nodeId('a')], { x: 0, y: 0 });
    const twice = duplicateNodes(once.doc, [nodeId('a_2')], { x: 0, y: 0 });
    expect(twice.ids).toEqual(['a_3']);
  });

  it('skips unknown ids', () => {
    expect(duplicateNodes(diamond, [nodeId('zz')], { x: 0, y: 0 })).toEqual({ doc: diamond, ids: [] });
  });
});
