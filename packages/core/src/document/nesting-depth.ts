/**
 * How deep mappings and lists may nest inside each other, in a workflow document and in any request that carries
 * one. Real documents stay under 20 levels; a few thousand levels overflow the stack of every recursive reader
 * (the YAML composer, schema checks, copies). Both checks below are iterative, so the limit is enforced before
 * anything recursive runs.
 */
export const MAX_NESTING_DEPTH = 128;

export const nestingTooDeepMessage = (what: string): string =>
  `${what} nests mappings and lists more than ${MAX_NESTING_DEPTH} levels deep (the limit is ${MAX_NESTING_DEPTH})`;

/** Whether JSON text opens more than `limit` objects and arrays inside each other (strings are skipped). */
export function jsonTextTooDeep(text: string, limit = MAX_NESTING_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** Whether parsed data has objects and arrays nested more than `limit` levels deep (an iterative walk). */
export function valueTooDeep(value: unknown, limit = MAX_NESTING_DEPTH): boolean {
  if (value === null || typeof value !== 'object') return false;
  const values: object[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const current = values.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return true;
    if (Array.isArray(current)) {
      for (const child of current) {
        if (child !== null && typeof child === 'object') {
          values.push(child as object);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in current) {
        const child = (current as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object') {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}
