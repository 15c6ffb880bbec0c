import { describe, expect, it } from 'vitest';
import { diamond, twoSources } from '../__fixtures__/small-docs';
import { moveNodes } from './move-nodes';

describe('moveNodes', () => {
  it('moves nodes and workflow input/output nodes, keeping layout order', () => {
    const doc = moveNodes(diamond, { b: { x: 1, y: 2 }, 'input:seed': { x: 3, y: 4 }, 'output:total': { x: 5, y: 6 } });
    expect(doc.spec.layout).toEqual({ ...diamond.spec.layout, b: { x: 1, y: 2 }, 'input:seed': { x: 3, y: 4 }, 'output:total': { x: 5, y: 6 } });
    expect(Object.keys(doc.spec.layout!)).toEqual(Object.keys(diamond.spec.layout!));
  });

  it('adds entries for nodes without one, creating the layout', () => {
    expect(moveNodes(twoSources, { x: { x: 1, y: 1 } }).spec.layout).toEqual({ x: { x: 1, y: 1 } });
  });

  it('skips unknown keys, non-finite positions and no-op moves', () => {
    expect(moveNodes(diamond, { ghost: { x: 1, y: 1 }, 'input:nope': { x: 1, y: 1 }, a: { x: Number.NaN, y: 0 }, b: { x: 200, y: -100 } })).toBe(diamond);
  });
});
