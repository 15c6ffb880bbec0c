import { assertNever } from './assert-never';
import type { PyType } from './py-type';

/** The largest integer that crosses JSON and JavaScript exactly: 2^53 − 1. */
const MAX_INT = Number.MAX_SAFE_INTEGER;

/**
 * Checks a JSON value against a type. Returns `undefined` when it fits, else one message naming where and what, e.g.
 * `list_of_ints[2]: expected int, got string "x"`. `path` names the value (an input's name); items and keys are
 * appended to it. Ints must be whole numbers within ±(2^53 − 1); NaN and infinities are refused everywhere; a float
 * accepts an int; Optional accepts null; Any accepts any JSON value.
 */
export function checkJsonValue(value: unknown, t: PyType, path = ''): string | undefined {
  return check(value, t, path, []);
}

function check(value: unknown, t: PyType, path: string, ancestors: object[]): string | undefined {
  const fail = (message: string): string => (path ? `${path}: ${message}` : message);
  const expected = (what: string): string => fail(`expected ${what}, got ${describe(value)}`);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return fail(`got ${String(value)}, which JSON cannot carry`);
  }
  switch (t.kind) {
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) return expected('int');
      if (Math.abs(value) > MAX_INT) {
        return fail(`int ${value} is outside ±(2^53 − 1), the range that crosses JSON and JavaScript exactly; pass it as a str`);
      }
      return undefined;
    case 'float':
      return typeof value === 'number' ? undefined : expected('float');
    case 'str':
      return typeof value === 'string' ? undefined : expected('str');
    case 'bool':
      return typeof value === 'boolean' ? undefined : expected('bool');
    case 'none':
      return value === null ? undefined : expected('None (null)');
    case 'optional':
      return value === null ? undefined : check(value, t.of, path, ancestors);
    case 'any':
      return checkJson(value, path, ancestors, fail);
    case 'list': {
      if (!Array.isArray(value)) return expected('a list');
      if (ancestors.includes(value)) return fail('the value contains itself (a cycle), which JSON cannot carry');
      const inner = [...ancestors, value];
      for (let i = 0; i < value.length; i++) {
        const problem = check(value[i], t.of, `${path}[${i}]`, inner);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'dict': {
      if (!isPlainObject(value)) return expected('a dict (JSON object)');
      if (ancestors.includes(value)) return fail('the value contains itself (a cycle), which JSON cannot carry');
      const inner = [...ancestors, value];
      for (const [key, item] of Object.entries(value)) {
        const problem = check(item, t.of, keyPath(path, key), inner);
        if (problem) return problem;
      }
      return undefined;
    }
    default:
      return assertNever(t);
  }
}

/** Any JSON value: null, booleans, finite numbers, strings, arrays and plain objects of them. */
function checkJson(value: unknown, path: string, ancestors: object[], fail: (m: string) => string): string | undefined {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return undefined;
  if (typeof value === 'number') return undefined; // non-finite numbers were refused by the caller
  if (Array.isArray(value) || isPlainObject(value)) {
    if (ancestors.includes(value)) return fail('the value contains itself (a cycle), which JSON cannot carry');
    const inner = [...ancestors, value];
    const entries: [string, unknown][] = Array.isArray(value)
      ? Array.from(value, (item, i) => [`${path}[${i}]`, item])
      : Object.entries(value).map(([key, item]) => [keyPath(path, key), item]);
    for (const [itemPath, item] of entries) {
      const problem = check(item, { kind: 'any' }, itemPath, inner);
      if (problem) return problem;
    }
    return undefined;
  }
  return fail(`expected a JSON value, got ${describe(value)}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function keyPath(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  switch (typeof value) {
    case 'string':
      return `string ${truncate(JSON.stringify(value))}`;
    case 'number':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    case 'bigint':
      return `bigint ${String(value)}`;
    case 'undefined':
      return 'nothing (undefined)';
    case 'object':
      return isPlainObject(value) ? `a dict (JSON object) ${truncate(safeStringify(value))}` : `an object of class ${className(value)}`;
    case 'function':
    case 'symbol':
      return `a ${typeof value}`;
    default:
      return typeof value;
  }
}

function truncate(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '{…}';
  }
}

function className(value: object): string {
  const ctor: unknown = (value as { constructor?: unknown }).constructor;
  return typeof ctor === 'function' && ctor.name ? ctor.name : 'Object';
}
