import { beforeEach, describe, expect, it } from 'vitest';
import { clearPending, flushPendingEdits, markPending, usePendingEdits } from './pending-edits';

describe('pending edits', () => {
  beforeEach(() => flushPendingEdits());

  it('counts editors holding an edit, once each', () => {
    markPending('a', () => {});
    markPending('a', () => {});
    markPending('b', () => {});
    expect(usePendingEdits.getState().count).toBe(2);
    clearPending('a');
    expect(usePendingEdits.getState().count).toBe(1);
  });

  it('flushes each pending edit with its latest flush, even when one throws', () => {
    const done: string[] = [];
    markPending('a', () => done.push('a1'));
    markPending('a', () => done.push('a2'));
    markPending('b', () => {
      throw new Error('broken');
    });
    markPending('c', () => done.push('c'));
    flushPendingEdits();
    expect(done).toEqual(['a2', 'c']);
    expect(usePendingEdits.getState().count).toBe(0);
  });

  it('does not flush an edit that was already handed over', () => {
    const done: string[] = [];
    markPending('a', () => done.push('a'));
    clearPending('a');
    flushPendingEdits();
    expect(done).toEqual([]);
  });
});
