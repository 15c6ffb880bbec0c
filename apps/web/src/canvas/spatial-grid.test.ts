import { describe, expect, it } from 'vitest';
import { SpatialGrid, type Box } from './spatial-grid';

const found = (grid: SpatialGrid, area: Box) => {
  const out = new Set<string>();
  grid.query(area, out);
  return [...out].sort();
};

describe('SpatialGrid', () => {
  it('finds the boxes that meet an area, across cells and at negative coordinates', () => {
    const grid = new SpatialGrid(100);
    grid.set('a', { x: 10, y: 10, width: 50, height: 50 });
    grid.set('b', { x: 150, y: 10, width: 50, height: 50 });
    grid.set('c', { x: -250, y: -250, width: 40, height: 40 });
    grid.set('wide', { x: 90, y: 400, width: 300, height: 20 }); // spans four cells
    expect(found(grid, { x: 0, y: 0, width: 100, height: 100 })).toEqual(['a']);
    expect(found(grid, { x: 0, y: 0, width: 200, height: 100 })).toEqual(['a', 'b']);
    expect(found(grid, { x: -300, y: -300, width: 100, height: 100 })).toEqual(['c']);
    // In a cell a box covers, but not meeting the area: not found.
    expect(found(grid, { x: 61, y: 61, width: 30, height: 30 })).toEqual([]);
    expect(found(grid, { x: 350, y: 390, width: 10, height: 10 })).toEqual(['wide']);
  });

  it('moves and removes boxes', () => {
    const grid = new SpatialGrid(100);
    grid.set('a', { x: 10, y: 10, width: 50, height: 50 });
    grid.set('a', { x: 1010, y: 10, width: 50, height: 50 });
    expect(found(grid, { x: 0, y: 0, width: 100, height: 100 })).toEqual([]);
    expect(found(grid, { x: 1000, y: 0, width: 100, height: 100 })).toEqual(['a']);
    grid.delete('a');
    expect(found(grid, { x: 1000, y: 0, width: 100, height: 100 })).toEqual([]);
    expect(grid.size).toBe(0);
  });

  it('keeps a box covering many cells out of them, and still finds it (a long edge)', () => {
    const grid = new SpatialGrid(100, 4);
    grid.set('long', { x: 0, y: 0, width: 50, height: 100_000 });
    expect(found(grid, { x: 0, y: 50_000, width: 10, height: 10 })).toEqual(['long']);
    expect(found(grid, { x: 200, y: 50_000, width: 10, height: 10 })).toEqual([]);
    grid.set('long', { x: 5000, y: 0, width: 10, height: 10 }); // small again: back in the cells
    expect(found(grid, { x: 0, y: 50_000, width: 10, height: 10 })).toEqual([]);
    expect(found(grid, { x: 4990, y: 0, width: 30, height: 30 })).toEqual(['long']);
  });
});
