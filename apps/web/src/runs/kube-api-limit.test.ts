import { describe, expect, it } from 'vitest';
import { parseLimit } from './kube-api-limit';

describe('the run dialog’s Kubernetes API limit', () => {
  it('is read by the server’s own rule: empty is the default, bad values say why', () => {
    expect(parseLimit('qps', '')).toEqual({});
    expect(parseLimit('qps', ' 0 ')).toEqual({ value: 0 });
    expect(parseLimit('qps', '12.5')).toEqual({ value: 12.5 });
    expect(parseLimit('qps', '-1').error).toBe('expected a number of API calls a second ≥ 0 (0: no limit)');
    expect(parseLimit('qps', 'fast').error).toBe('expected a number of API calls a second');
    expect(parseLimit('burst', '200')).toEqual({ value: 200 });
    expect(parseLimit('burst', '2.5').error).toBe('expected a whole number of API calls');
    expect(parseLimit('burst', '0').error).toBe('expected a whole number of API calls ≥ 1');
    expect(parseLimit('burst', '1e9').error).toBe('at most 100,000 calls');
  });
});
