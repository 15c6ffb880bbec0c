import { describe, expect, it } from 'vitest';
import { nodeId } from '../document/ids';
import { diamond, empty } from '../__fixtures__/small-docs';
import { removeNodes } from './remove-nodes';

describe('removeNodes', () => {
  it('removes the nodes, bindings to them, outputs from them and their layout entries', () => {
    const doc = removeNodes(diamond, [nodeId('c'), nodeId('d')]);
    expect(doc.spec.nodes!.map((n) => n.id)).toEqual(['a', 'b']);
    expect(doc.spec.outputs).toEqual([]);
    expect(Object.keys(doc.spec.layout!)).toEqual(['input:seed', 'a', 'b']);
    expect(doc.spec.nodes![1]).toBe(diamond.spec.nodes![1]);
  });

  it('removes only the bindings that pointed at removed nodes', () => {
    const doc = removeNodes(diamond, [nodeId('b')]);
    expect(doc.spec.nodes!.find((n) => n.id === 'd')!.inputs).toEqual({ b: { node: 'c', output: 'o0' } });
    expect(doc.spec.outputs).toBe(diamond.spec.outputs);
  });

  it('returns the document itself when no id exists', () => {
    expect(removeNodes(diamond, [nodeId('zzz')])).toBe(diamond);
    expect(removeNodes(empty, [])).toBe(empty);
  });
});
