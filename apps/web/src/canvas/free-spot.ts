import type { Position } from '@podflow/core';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Rect, b: Rect, gap: number) =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;

/**
 * Where a new item of `size` goes near `want` without covering anything already placed: `want` itself when free,
 * else the nearest free spot on a grid of the item's own size around it (rows below before rows above at the same
 * distance, so a column of adds reads top to bottom). Positions snap to `snap`.
 */
export function freeSpot(placed: readonly Rect[], want: Position, size: { width: number; height: number }, gap = 24, snap = 8): Position {
  const at = (p: Position): Position => ({ x: Math.round(p.x / snap) * snap, y: Math.round(p.y / snap) * snap });
  const fits = (p: Position) => !placed.some((r) => overlaps({ ...p, ...size }, r, gap));
  const start = at(want);
  if (fits(start)) return start;
  const stepX = size.width + gap;
  const stepY = size.height + gap;
  for (let ring = 1; ring <= 40; ring++) {
    const candidates: { p: Position; d: number }[] = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        const p = at({ x: want.x + i * stepX, y: want.y + j * stepY });
        // Distance in steps, rows below first, then right of left.
        candidates.push({ p, d: Math.hypot(i * stepX, j * stepY) + (j < 0 ? 0.5 : 0) + (i < 0 ? 0.25 : 0) });
      }
    }
    candidates.sort((a, b) => a.d - b.d);
    const free = candidates.find((c) => fits(c.p));
    if (free) return free.p;
  }
  return start;
}
