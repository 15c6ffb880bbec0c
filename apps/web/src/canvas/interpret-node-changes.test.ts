import { describe, expect, it } from 'vitest';
import type { NodeChange } from '@xyflow/react';
import { interpretNodeChanges, type NodeChangeState } from './interpret-node-changes';

const empty: NodeChangeState = { dragging: new Map(), selected: new Set() };

describe('interpretNodeChanges', () => {
  it('answers the sizes measured in this batch, and only those', () => {
    const fx = interpretNodeChanges(
      [
        { type: 'dimensions', id: 'b', dimensions: { width: 240, height: 120 } },
        { type: 'dimensions', id: 'c', dimensions: { width: 250, height: 130 } },
        { type: 'dimensions', id: 'd' },
      ],
      empty,
    );
    expect([...fx.measured!]).toEqual([
      ['b', { width: 240, height: 120 }],
      ['c', { width: 250, height: 130 }],
    ]);
    expect(fx.commit).toBeUndefined();
    expect(fx.dragging).toBeUndefined();
    expect(fx.selected).toBeUndefined();
  });

  it('follows a drag in view state and commits once, where it ended', () => {
    const during = interpretNodeChanges([{ type: 'position', id: 'a', position: { x: 10, y: 20 }, dragging: true }], empty);
    expect(during.dragging?.get('a')).toEqual({ x: 10, y: 20 });
    expect(during.commit).toBeUndefined();
    // React Flow ends a drag with a position change without a position: the last dragged one is committed.
    const end = interpretNodeChanges([{ type: 'position', id: 'a', dragging: false }], { ...empty, dragging: during.dragging! });
    expect([...end.commit!]).toEqual([['a', { x: 10, y: 20 }]]);
    expect(end.dragging?.size).toBe(0);
  });

  it('commits a move that is not a drag (a keyboard nudge) at once', () => {
    const fx = interpretNodeChanges([{ type: 'position', id: 'a', position: { x: 8, y: 0 } }], empty);
    expect([...fx.commit!]).toEqual([['a', { x: 8, y: 0 }]]);
  });

  it('ends a drag with nothing to commit when the node was never dragged', () => {
    expect(interpretNodeChanges([{ type: 'position', id: 'ghost', dragging: false }], empty)).toEqual({});
  });

  it('applies selection changes to the current selection', () => {
    const changes: NodeChange[] = [
      { type: 'select', id: 'b', selected: true },
      { type: 'select', id: 'a', selected: false },
    ];
    expect(interpretNodeChanges(changes, { ...empty, selected: new Set(['a', 'c']) }).selected).toEqual(['c', 'b']);
  });

  it('ignores removals (deleting goes through the delete command)', () => {
    expect(interpretNodeChanges([{ type: 'remove', id: 'a' }], empty)).toEqual({});
  });
});
