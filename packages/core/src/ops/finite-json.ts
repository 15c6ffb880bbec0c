import type { Json } from '../util/json';
import { isPlainObject } from '../util/json';

/** The path of the first number in a JSON value that JSON cannot carry (NaN, ±Infinity), or undefined if none. */
export function nonFiniteAt(value: Json, path = ''): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path || '(the value)';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nonFiniteAt(value[i]!, `${path}[${i}]`);
      if (found !== undefined) return found;
    }
  } else if (isPlainObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      const found = nonFiniteAt(v, path ? `${path}.${key}` : key);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
