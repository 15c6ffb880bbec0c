import { isPlainObject } from '../util/json';

/**
 * A JSON value as Python source: `None`, `True`, numbers, double-quoted strings (JSON's escapes are Python's), lists
 * and dicts. Short values stay on one line; longer ones break one item per line at `indent`.
 */
export function pythonLiteral(value: unknown, indent = ''): string {
  const flat = flatLiteral(value);
  if (flat.length + indent.length <= 100 || !(Array.isArray(value) || isPlainObject(value))) return flat;
  const inner = `${indent}    `;
  if (Array.isArray(value)) return `[\n${value.map((v) => `${inner}${pythonLiteral(v, inner)},\n`).join('')}${indent}]`;
  return `{\n${Object.entries(value).map(([k, v]) => `${inner}${pythonString(k)}: ${pythonLiteral(v, inner)},\n`).join('')}${indent}}`;
}

function flatLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) >= 1e21 ? BigInt(value).toString() : String(value);
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(flatLiteral).join(', ')}]`;
  if (isPlainObject(value)) return `{${Object.entries(value).map(([k, v]) => `${pythonString(k)}: ${flatLiteral(v)}`).join(', ')}}`;
  throw new Error(`not JSON: ${String(value)}`);
}

/** A Python string literal. JSON.stringify's escapes (\" \\ \n \uXXXX …) all mean the same in Python. */
export function pythonString(text: string): string {
  // Lone surrogates would be written as \udXXX, which Python accepts but cannot encode to UTF-8; JSON has the same issue.
  return JSON.stringify(text).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
