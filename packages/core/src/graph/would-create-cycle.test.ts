import { describe, expect, it } from 'vitest';
import { nodeId } from '../document/ids';
import { dangling, diamond } from '../__fixtures__/small-docs';
import { syntheticWorkflow } from '../__fixtures__/synthetic';
import { wouldCreateCycle } from './would-create-cycle';

const id = nodeId;

describe('wouldCreateCycle', () => {
  it('refuses a self-loop', () => {
    expect(wouldCreateCycle(diamond, id('b'), id('b'))).toBe(true);
  });

  it('refuses an edge from a node to one of its ancestors', () => {
    expect(wouldCreateCycle(diamond, id('d'), id('a'))).toBe(true);
    expect(wouldCreateCycle(diamond, id('b'), id('a'))).toBe(true);
  });

  it('allows edges that keep the graph acyclic', () => {
    expect(wouldCreateCycle(diamond, id('a'), id('d'))).toBe(false);
    expect(wouldCreateCycle(diamond, id('b'), id('c'))).toBe(false);
    expect(wouldCreateCycle(diamond, id('c'), id('b'))).toBe(false);
  });

  it('is false for unknown nodes and ignores dangling references', () => {
    expect(wouldCreateCycle(diamond, id('zzz'), id('a'))).toBe(false);
    expect(wouldCreateCycle(dangling, id('real'), id('ghost'))).toBe(false);
    expect(wouldCreateCycle(dangling, id('after'), id('real'))).toBe(true);
  });

  it('walks a 10,000-node chain without recursion', () => {
    const doc = syntheticWorkflow('chain', 10_000);
    expect(wouldCreateCycle(doc, id('n9999'), id('n0'))).toBe(true);
    expect(wouldCreateCycle(doc, id('n0'), id('n9999'))).toBe(false);
    const lattice = syntheticWorkflow('lattice', 10_000);
    expect(wouldCreateCycle(lattice, id('n9999'), id('n0'))).toBe(true);
  });
});
