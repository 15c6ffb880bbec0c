import { describe, expect, it } from 'vitest';
import { nodeId } from '../document/ids';
import { expectOk, expectRefused } from '../__fixtures__/expect-ok';
import { diamond } from '../__fixtures__/small-docs';
import { renameNode } from './rename-node';

describe('renameNode', () => {
  it('follows the node in bindings, outputs and layout (keeping layout order)', () => {
    const doc = expectOk(renameNode(diamond, nodeId('d'), nodeId('total')));
    expect(doc.spec.nodes!.map((n) => n.id)).toEqual(['a', 'b', 'c', 'total']);
    expect(doc.spec.outputs![0]!.from).toEqual({ node: 'total', output: 'o0' });
    expect(Object.keys(doc.spec.layout!)).toEqual(['input:seed', 'a', 'b', 'c', 'total', 'output:total']);
    const viaA = expectOk(renameNode(diamond, nodeId('a'), nodeId('start')));
    expect(viaA.spec.nodes![1]!.inputs).toEqual({ a: { node: 'start', output: 'o0' } });
    expect(viaA.spec.nodes![3]).toBe(diamond.spec.nodes![3]);
  });

  it('refuses a missing node, a taken id and an invalid id', () => {
    expect(expectRefused(renameNode(diamond, nodeId('zz'), nodeId('y')))).toMatch(/no node "zz"/);
    expect(expectRefused(renameNode(diamond, nodeId('a'), nodeId('b')))).toMatch(/already exists/);
    expect(expectRefused(renameNode(diamond, nodeId('a'), nodeId('input:x')))).toMatch(/not a valid node id/);
    expect(expectRefused(renameNode(diamond, nodeId('a'), nodeId('x'.repeat(64))))).toMatch(/not a valid node id/);
    expect(expectOk(renameNode(diamond, nodeId('a'), nodeId('a')))).toBe(diamond);
  });
});
