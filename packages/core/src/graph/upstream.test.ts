import { describe, expect, it } from 'vitest';
import { nodeId } from '../document/ids';
import { cyclic, dangling, diamond } from '../__fixtures__/small-docs';
import { syntheticWorkflow } from '../__fixtures__/synthetic';
import { downstream } from './downstream';
import { upstream } from './upstream';

const ids = (set: Set<string>): string[] => [...set].sort();

describe('upstream / downstream', () => {
  it('follow edges transitively, without the start node', () => {
    expect(ids(upstream(diamond, nodeId('d')))).toEqual(['a', 'b', 'c']);
    expect(ids(upstream(diamond, nodeId('b')))).toEqual(['a']);
    expect(ids(downstream(diamond, nodeId('a')))).toEqual(['b', 'c', 'd']);
    expect(ids(downstream(diamond, nodeId('d')))).toEqual([]);
  });

  it('take several start nodes; a start is included when another start reaches it', () => {
    expect(ids(downstream(diamond, [nodeId('b'), nodeId('c')]))).toEqual(['d']);
    expect(ids(downstream(diamond, [nodeId('a'), nodeId('b')]))).toEqual(['b', 'c', 'd']);
  });

  it('include a node on a cycle in its own set', () => {
    expect(ids(upstream(cyclic, nodeId('p')))).toEqual(['p', 'q', 'r']);
    expect(ids(downstream(cyclic, nodeId('p')))).toEqual(['p', 'q', 'r', 's']);
  });

  it('ignore unknown ids and dangling references', () => {
    expect(ids(upstream(dangling, nodeId('real')))).toEqual([]);
    expect(ids(downstream(dangling, nodeId('ghost')))).toEqual([]);
  });

  it('walk a 10,000-node chain without recursion', () => {
    const doc = syntheticWorkflow('chain', 10_000);
    expect(upstream(doc, nodeId('n9999')).size).toBe(9_999);
    expect(downstream(doc, nodeId('n0')).size).toBe(9_999);
  });
});
