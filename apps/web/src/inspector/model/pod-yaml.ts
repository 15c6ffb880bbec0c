/**
 * The YAML tab's side of the form ↔ YAML pair: a pod spec printed as YAML, YAML read back only when it is a clean
 * mapping, and positions of fields in the text (for markers and for revealing a field from the problems panel).
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, stringify, type Node as YamlNode } from 'yaml';
import type { Path } from './immutable';
import { resolvePath } from './paths';

export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

export interface TextRange {
  /** 1-based, as Monaco counts. */
  startLine: number;
  startCol: number;
  endLine: number;
  endCol: number;
}

export interface YamlProblem extends TextRange {
  message: string;
}

export type YamlReadResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; problems: YamlProblem[] };

/**
 * Reads YAML that should be a mapping. Refuses (with positions) any syntax error, duplicate key, alias or a document
 * that is not a mapping; an empty text is refused too, since a pod spec needs at least `containers`.
 */
export function readYamlMapping(text: string, what = 'a pod spec'): YamlReadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: false });
  const range = (start: number, end: number): TextRange => {
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(Math.max(end, start + 1));
    return { startLine: a.line, startCol: a.col, endLine: b.line, endCol: b.col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({ message: firstLine(e.message), ...range(e.pos[0], e.pos[1]) })),
    };
  }
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) {
    return { ok: false, problems: [{ message: `the text is empty: write ${what} as a mapping (at least \`containers: []\`)`, ...range(0, 0) }] };
  }
  if (!isMap(contents)) {
    const r = contents.range ?? [0, text.length, text.length];
    return { ok: false, problems: [{ message: `expected ${what} as a mapping of fields (key: value), not a ${isSeq(contents) ? 'list' : 'single value'}`, ...range(r[0], r[1]) }] };
  }
  const value: unknown = doc.toJS({ maxAliasCount: 0 });
  return { ok: true, value: value as Record<string, unknown> };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Where a field is in the text: the key of the last segment through the end of its value, or the item for an index.
 * Missing segments fall back to the deepest field that exists. Keys holding dots (`nvidia.com/gpu`) are resolved
 * against the data, so a path split at every dot still finds them.
 */
export function rangeOfPath(text: string, path: Path): TextRange | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) return undefined;
  const segments = resolvePath(doc.toJS(), path);
  let node: unknown = doc.contents;
  let found: [number, number] | undefined = (node as YamlNode | null)?.range ? [(node as YamlNode).range![0], (node as YamlNode).range![1]] : undefined;
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const keyRange = (pair.key as YamlNode).range!;
      const valueRange = (pair.value as YamlNode | null)?.range;
      found = [keyRange[0], valueRange ? valueRange[1] : keyRange[1]];
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item?.range) break;
      found = [item.range[0], item.range[1]];
      node = item;
    } else break;
  }
  if (!found) return undefined;
  // A value that spans lines would highlight a whole block; a marker reads better on its first line.
  const a = lineCounter.linePos(found[0]);
  const b = lineCounter.linePos(Math.max(found[1], found[0] + 1));
  return { startLine: a.line, startCol: a.col, endLine: b.line, endCol: b.col };
}

/** The first line of a range only (for markers on a mapping or list that spans lines). */
export function firstLineOf(range: TextRange, text: string): TextRange {
  if (range.startLine === range.endLine) return range;
  const line = text.split('\n')[range.startLine - 1] ?? '';
  return { startLine: range.startLine, startCol: range.startCol, endLine: range.startLine, endCol: Math.max(line.length + 1, range.startCol + 1) };
}
