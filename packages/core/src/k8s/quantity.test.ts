import { describe, expect, it } from 'vitest';
import {
  RESOURCE_KINDS,
  checkQuantity,
  checkRequestWithinLimit,
  describeQuantity,
  joinQuantity,
  parseQuantity,
  splitQuantity,
} from './quantity';

const cpu = RESOURCE_KINDS.find((k) => k.key === 'cpu')!;
const memory = RESOURCE_KINDS.find((k) => k.key === 'memory')!;
const gpu = RESOURCE_KINDS.find((k) => k.key === 'nvidia.com/gpu')!;

describe('parseQuantity', () => {
  it.each([
    ['500Mi', 500 * 2 ** 20],
    ['.5', 0.5],
    ['1', 1],
    ['500m', 0.5],
    ['1G', 1e9],
    ['1e3', 1000],
    ['1E', 1e18],
    ['2Ki', 2048],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['+1', 1],
    ['5.', 5],
  ])('reads %s', (text, value) => {
    const parsed = parseQuantity(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value).toBeCloseTo(value);
  });

  it.each(['', '1 Gi', ' 1', '1gi', 'Mi', '1.2.3', '1KB', '1Mb', 'abc', '--1', '.'])('refuses %j', (text) => {
    expect(parseQuantity(text).ok).toBe(false);
  });

  it('accepts numbers, as the document may hold cpu: 1', () => {
    expect(parseQuantity(1)).toEqual({ ok: true, value: 1, amount: '1', suffix: '' });
    expect(parseQuantity(Number.NaN).ok).toBe(false);
  });
});

describe('checkQuantity', () => {
  it('gives Kubernetes-style messages', () => {
    expect(checkQuantity('500Mi')).toBeUndefined();
    expect(checkQuantity('500MB')).toMatch(/must be a quantity/);
    expect(checkQuantity('-1')).toBe('must be greater than or equal to 0');
    expect(checkQuantity('0.5', gpu)).toBe('must be a whole number');
    expect(checkQuantity('2', gpu)).toBeUndefined();
  });

  it('compares a request with its limit across units', () => {
    expect(checkRequestWithinLimit('1Gi', '1000Mi')).toMatch(/less than or equal to the limit \(1000Mi\)/);
    expect(checkRequestWithinLimit('500m', 1)).toBeUndefined();
    expect(checkRequestWithinLimit('1', '1')).toBeUndefined();
    expect(checkRequestWithinLimit(undefined, '1')).toBeUndefined();
    expect(checkRequestWithinLimit('bogus', '1')).toBeUndefined();
  });
});

describe('unit-aware inputs', () => {
  it('splits a stored value into amount and unit', () => {
    expect(splitQuantity('100Mi', memory)).toEqual({ amount: '100', unit: 'Mi' });
    expect(splitQuantity('1G', memory)).toEqual({ amount: '1', unit: 'G' });
    expect(splitQuantity('500m', cpu)).toEqual({ amount: '500', unit: 'm' });
    expect(splitQuantity(1, cpu)).toEqual({ amount: '1', unit: '' });
    expect(splitQuantity('.5', cpu)).toEqual({ amount: '.5', unit: '' });
    expect(splitQuantity(undefined, memory)).toEqual({ amount: '', unit: 'Mi' });
    // A suffix the field does not offer is shown whole, never lost.
    expect(splitQuantity('1e9', memory)).toEqual({ amount: '1e9', unit: '' });
    expect(splitQuantity('12 parsecs', memory)).toEqual({ amount: '12 parsecs', unit: '' });
  });

  it('joins what was typed with the selected unit', () => {
    expect(joinQuantity('100', 'Mi')).toBe('100Mi');
    expect(joinQuantity('.5', '')).toBe('.5');
    expect(joinQuantity('', 'Mi')).toBeUndefined();
    expect(joinQuantity('  ', 'Mi')).toBeUndefined();
    // A suffix typed into the box wins over the select.
    expect(joinQuantity('2Gi', 'Mi')).toBe('2Gi');
    expect(joinQuantity('1e3', 'Mi')).toBe('1e3');
  });

  it('round-trips every split value', () => {
    for (const v of ['100Mi', '1G', '250m', '2', '.5', '3Ti']) {
      const kind = /m$/.test(v) || /^[.\d]+$/.test(v) ? cpu : memory;
      const { amount, unit } = splitQuantity(v, kind);
      expect(joinQuantity(amount, unit)).toBe(v);
    }
  });

  it('describes a value for the hint', () => {
    expect(describeQuantity('500m', 'cpu')).toBe('= 500 millicores');
    expect(describeQuantity('2', 'cpu')).toBe('= 2 cores');
    expect(describeQuantity('100Mi', 'memory')).toBe('≈ 100 MiB');
    expect(describeQuantity('1G', 'memory')).toBe('≈ 953.7 MiB');
    expect(describeQuantity('nope', 'memory')).toBeUndefined();
  });
});
