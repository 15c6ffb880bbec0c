/** An axis-aligned box in flow coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const OFFSET = 2 ** 20;
const cellKey = (cx: number, cy: number) => (cx + OFFSET) * 2 ** 21 + (cy + OFFSET);
export const intersects = (a: Box, b: Box) => a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;

/**
 * Boxes by id in a uniform grid of square cells, for "what is inside this box" without looking at every box: a query
 * costs the cells it covers and the boxes in them. A box covering more than `maxCells` cells (a long edge) is kept in
 * a list every query checks, so that one such box never fills thousands of cells. Updated one box at a time.
 */
export class SpatialGrid {
  private cells = new Map<number, Set<string>>();
  private boxes = new Map<string, { box: Box; keys: number[] | null }>();
  private large = new Set<string>();

  constructor(
    private readonly cell = 512,
    private readonly maxCells = 64,
  ) {}

  get size(): number {
    return this.boxes.size;
  }

  set(id: string, box: Box): void {
    this.delete(id);
    const [cx0, cy0, cx1, cy1] = this.range(box);
    if ((cx1 - cx0 + 1) * (cy1 - cy0 + 1) > this.maxCells) {
      this.large.add(id);
      this.boxes.set(id, { box, keys: null });
      return;
    }
    const keys: number[] = [];
    for (let cx = cx0; cx <= cx1; cx++) {
      for (let cy = cy0; cy <= cy1; cy++) {
        const key = cellKey(cx, cy);
        (this.cells.get(key) ?? this.cells.set(key, new Set()).get(key)!).add(id);
        keys.push(key);
      }
    }
    this.boxes.set(id, { box, keys });
  }

  delete(id: string): void {
    const entry = this.boxes.get(id);
    if (!entry) return;
    this.boxes.delete(id);
    if (!entry.keys) this.large.delete(id);
    else for (const key of entry.keys) this.cells.get(key)?.delete(id);
  }

  /** Adds to `out` the id of every box that meets `area` (touching counts). */
  query(area: Box, out: Set<string>): void {
    const [cx0, cy0, cx1, cy1] = this.range(area);
    for (let cx = cx0; cx <= cx1; cx++) {
      for (let cy = cy0; cy <= cy1; cy++) {
        const ids = this.cells.get(cellKey(cx, cy));
        if (ids) for (const id of ids) if (!out.has(id) && intersects(this.boxes.get(id)!.box, area)) out.add(id);
      }
    }
    for (const id of this.large) if (!out.has(id) && intersects(this.boxes.get(id)!.box, area)) out.add(id);
  }

  private range(b: Box): [number, number, number, number] {
    const c = this.cell;
    return [Math.floor(b.x / c), Math.floor(b.y / c), Math.floor((b.x + b.width) / c), Math.floor((b.y + b.height) / c)];
  }
}
