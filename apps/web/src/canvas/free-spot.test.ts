import { describe, expect, it } from 'vitest';
import { freeSpot, type Rect } from './free-spot';

const size = { width: 240, height: 120 };
const box = (x: number, y: number): Rect => ({ x, y, ...size });
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('freeSpot', () => {
  it('keeps the wanted spot when it is free', () => {
    expect(freeSpot([box(0, 0)], { x: 600, y: 0 }, size)).toEqual({ x: 600, y: 0 });
  });

  it('moves off an item that is there, to the nearest free spot below it', () => {
    expect(freeSpot([box(0, 0)], { x: 0, y: 0 }, size)).toEqual({ x: 0, y: 144 });
  });

  it('never lands on anything, however crowded', () => {
    const placed: Rect[] = [];
    for (let i = 0; i < 30; i++) placed.push({ ...freeSpot(placed, { x: 100, y: 100 }, size), ...size });
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlap(placed[i]!, placed[j]!)).toBe(false);
  });
});
