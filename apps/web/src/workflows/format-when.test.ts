import { describe, expect, it } from 'vitest';
import { formatWhen } from './format-when';

describe('formatWhen', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  it('says how long ago', () => {
    expect(formatWhen('2026-11-27T11:59:50Z', now)).toBe('just now');
    expect(formatWhen('2026-11-27T11:50:00Z', now)).toBe('10 min ago');
    expect(formatWhen('2026-11-27T09:00:00Z', now)).toBe('3 h ago');
  });
  it('keeps unreadable input as it is', () => {
    expect(formatWhen('soon', now)).toBe('soon');
    expect(formatWhen(undefined, now)).toBe('');
  });
});
