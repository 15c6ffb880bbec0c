import { scanPython } from './scan-python';

/**
 * Renames the top-level function definition `def oldName(` (or `async def`) to `newName`, token by token: only the
 * name on the `def` line changes; strings, comments, nested functions and other uses of the name are left alone.
 */
export function renameDefinition(code: string, oldName: string, newName: string): string {
  const tokens = scanPython(code);
  const spans: [number, number][] = [];
  for (let k = 0; k + 2 < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'name' || t.text !== 'def') continue;
    const prev = tokens[k - 1];
    const topLevel = t.atLineStart || (prev?.text === 'async' && prev.atLineStart);
    const name = tokens[k + 1]!;
    if (topLevel && name.kind === 'name' && name.text === oldName && tokens[k + 2]!.text === '(') spans.push([name.start, name.end]);
  }
  return replaceSpans(code, spans, newName);
}

/** Replaces each [start, end) span (ascending, not overlapping) with `text`. */
export function replaceSpans(code: string, spans: readonly (readonly [number, number])[], text: string): string {
  if (spans.length === 0) return code;
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    out += code.slice(at, start) + text;
    at = end;
  }
  return out + code.slice(at);
}
