import { contentHash } from './hash';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const PYTHON_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** RFC 1123 label, as Kubernetes requires for container, volume and port names: lowercase, digits, '-', ≤ 63. */
export function isDns1123Label(name: string): boolean {
  return name.length <= 63 && DNS1123_LABEL.test(name);
}

export function isDns1123Subdomain(name: string): boolean {
  return name.length <= 253 && DNS1123_SUBDOMAIN.test(name);
}

export function isPythonIdentifier(name: string): boolean {
  return PYTHON_IDENTIFIER.test(name) && !PYTHON_KEYWORDS.has(name);
}

export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/** A label or annotation key: an optional DNS subdomain prefix and '/', then a name of ≤ 63 characters. */
export function isQualifiedKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) return false;
  return name.length <= 63 && QUALIFIED_NAME.test(name);
}

/**
 * Turns any text into a DNS-1123 label of at most `max` characters: lowercase, runs of other characters become '-'.
 * When the text had to be changed or cut, a short hash of the original is appended, so that `a_b` and `a-b` (or two
 * long names with a common prefix) cannot collide.
 */
export function toDnsLabel(text: string, max = 63): string {
  const cleaned = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
  if (cleaned === text && cleaned.length <= max) return cleaned;
  const suffix = contentHash(text).slice(0, 6);
  const head = cleaned.slice(0, max - suffix.length - 1).replace(/-+$/, '') || 'x';
  return `${head}-${suffix}`;
}

/** A label value that stands for `text`: kept when valid, otherwise converted as `toDnsLabel`. */
export function toLabelValue(text: string): string {
  return isLabelValue(text) ? text : toDnsLabel(text);
}

export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

/**
 * The readable part of a generated name: lowercase, other characters as '-', cut to `max`. Not unique on its own —
 * callers add a hash of what it stands for.
 */
export function toDnsPart(text: string, max: number): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+/, '').slice(0, max).replace(/-+$/, '');
}
