import { describe, expect, it } from 'vitest';
import { mapItemsSummary } from './run-format';

describe('mapItemsSummary', () => {
  it('says a map node’s progress in words', () => {
    expect(mapItemsSummary(3, 0, 3)).toBe('3 of 3 items done');
    expect(mapItemsSummary(2, 1, 3)).toBe('2 of 3 items done, 1 failed');
    expect(mapItemsSummary(0, 0, 1)).toBe('0 of 1 item done');
  });
});
