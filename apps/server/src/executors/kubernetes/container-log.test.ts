import { describe, expect, it } from 'vitest';
import { parseLogTimestamp } from './container-log';

describe('parseLogTimestamp', () => {
  it('reads the kubelet prefix to the nanosecond', () => {
    expect(parseLogTimestamp('2026-01-01T00:00:01.000000002Z hello')).toEqual({ ns: 1_767_225_601_000_000_002n, length: 31 });
    expect(parseLogTimestamp('2026-01-01T00:00:01.5Z x')?.ns).toBe(1_767_225_601_500_000_000n);
    expect(parseLogTimestamp('2026-01-01T01:00:01+01:00 x')?.ns).toBe(1_767_225_601_000_000_000n);
  });
  it('a line without one is not stamped', () => {
    expect(parseLogTimestamp('hello 2026-01-01T00:00:01Z')).toBeUndefined();
  });
});
