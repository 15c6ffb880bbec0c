import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkJsonValue } from './check-json-value';
import { parsePyType, type PyType } from './py-type';

function type(text: string): PyType {
  const r = parsePyType(text);
  if (!r.ok) throw new Error(r.message);
  return r.type;
}

const check = (value: unknown, t: string, path?: string): string | undefined => checkJsonValue(value, type(t), path);

describe('checkJsonValue', () => {
  it('accepts values of the type', () => {
    expect(check(3, 'int')).toBeUndefined();
    expect(check(-(2 ** 53 - 1), 'int')).toBeUndefined();
    expect(check(2 ** 53 - 1, 'int')).toBeUndefined();
    expect(check(1.5, 'float')).toBeUndefined();
    expect(check(2, 'float')).toBeUndefined();
    expect(check('x', 'str')).toBeUndefined();
    expect(check(false, 'bool')).toBeUndefined();
    expect(check(null, 'None')).toBeUndefined();
    expect(check(null, 'Optional[int]')).toBeUndefined();
    expect(check(4, 'Optional[int]')).toBeUndefined();
    expect(check([1, 2, 3], 'list[int]')).toBeUndefined();
    expect(check([], 'list[str]')).toBeUndefined();
    expect(check({ a: [1.5], b: [] }, 'dict[str, list[float]]')).toBeUndefined();
    expect(check([null, 1], 'list[Optional[int]]')).toBeUndefined();
    expect(check({ any: [1, 'x', null, { deep: true }] }, 'dict')).toBeUndefined();
    expect(check([{ a: 1 }, 'x'], 'list')).toBeUndefined();
  });

  it('names the path and what it got', () => {
    expect(check([1, 2, 'x'], 'list[int]', 'list_of_ints')).toBe('list_of_ints[2]: expected int, got string "x"');
    expect(check({ a: { 'b c': 'x' } }, 'dict[str, dict[str, int]]', 'm')).toBe('m.a["b c"]: expected int, got string "x"');
    expect(check('x', 'int')).toBe('expected int, got string "x"');
    expect(check(1.5, 'int', 'n')).toBe('n: expected int, got number 1.5');
    expect(check(true, 'int', 'n')).toBe('n: expected int, got boolean true');
    expect(check(1, 'str', 's')).toBe('s: expected str, got number 1');
    expect(check(null, 'str', 's')).toBe('s: expected str, got null');
    expect(check(undefined, 'str', 's')).toBe('s: expected str, got nothing (undefined)');
    expect(check([1], 'dict[str, int]', 'd')).toBe('d: expected a dict (JSON object), got a list of 1 item');
    expect(check({ a: 1 }, 'list[int]', 'l')).toBe('l: expected a list, got a dict (JSON object) {"a":1}');
    expect(check(1, 'None', 'z')).toBe('z: expected None (null), got number 1');
    expect(check('y'.repeat(100), 'int', 'long')).toMatch(/^long: expected int, got string "y+…$/);
  });

  it('refuses ints that cannot cross JSON exactly', () => {
    expect(check(2 ** 53, 'int', 'big')).toContain('big: int 9007199254740992 is outside ±(2^53 − 1)');
    expect(check([-(2 ** 60)], 'list[int]', 'xs')).toContain('xs[0]: int');
    expect(check(2 ** 60, 'float')).toBeUndefined();
  });

  it('refuses NaN and infinities everywhere', () => {
    expect(check(NaN, 'float', 'f')).toBe('f: got NaN, which JSON cannot carry');
    expect(check(Infinity, 'int', 'f')).toBe('f: got Infinity, which JSON cannot carry');
    expect(check([-Infinity], 'list[float]', 'f')).toBe('f[0]: got -Infinity, which JSON cannot carry');
    expect(check({ a: [NaN] }, 'Any', 'x')).toBe('x.a[0]: got NaN, which JSON cannot carry');
    expect(check(NaN, 'Optional[float]')).toBe('got NaN, which JSON cannot carry');
  });

  it('refuses what is not JSON inside Any', () => {
    expect(check(undefined, 'Any', 'v')).toBe('v: expected a JSON value, got nothing (undefined)');
    expect(check({ d: new Date(0) }, 'Any', 'v')).toBe('v.d: expected a JSON value, got an object of class Date');
    expect(check([() => 1], 'Any', 'v')).toBe('v[0]: expected a JSON value, got a function');
    expect(check(10n, 'Any', 'v')).toBe('v: expected a JSON value, got bigint 10');
    expect(check(new Map(), 'dict[str, int]', 'v')).toBe('v: expected a dict (JSON object), got an object of class Map');
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(check(cyclic, 'Any', 'c')).toContain('c[0]: the value contains itself');
    expect(check(cyclic, 'list[list]', 'c')).toContain('c[0]: the value contains itself');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.a = 1;
    expect(check(bare, 'dict[str, int]')).toBeUndefined();
  });

  it('accepts every JSON value as Any (property)', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => checkJsonValue(v, { kind: 'any' }) === undefined), { numRuns: 300 });
  });

  it('accepts every safe integer list as list[int] and list[float] (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.maxSafeInteger()), (xs) => checkJsonValue(xs, type('list[int]')) === undefined && checkJsonValue(xs, type('list[float]')) === undefined),
      { numRuns: 200 },
    );
  });
});
