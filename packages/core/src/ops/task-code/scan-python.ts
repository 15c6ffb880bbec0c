/** A token of Python source that matters for finding names: identifiers and single punctuation characters. */
export interface PyToken {
  kind: 'name' | 'punct';
  text: string;
  start: number;
  end: number;
  /** The token starts a line at column 0, outside brackets and continuations (a top-level statement). */
  atLineStart: boolean;
}

const NAME = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const STRING_PREFIX = /(?:[rRbBuUfF]{1,2})?(?:'''|"""|'|")/y;
const NUMBER = /[0-9](?:[0-9A-Za-z_]|[eE][+-]|\.)*|\.[0-9](?:[0-9A-Za-z_]|[eE][+-])*/y;

/**
 * Splits Python source into name and punctuation tokens, skipping comments and string literals (including
 * triple-quoted and prefixed ones). Names inside f-string replacement fields are not seen. Tolerant: unterminated
 * strings run to the end of the line (or the text, for triple quotes) and never throw. O(length).
 */
export function scanPython(code: string): PyToken[] {
  const tokens: PyToken[] = [];
  let depth = 0;
  let lineStart = true; // at column 0 of a new logical line
  let i = 0;
  while (i < code.length) {
    const c = code[i]!;
    if (c === '\n') {
      if (depth === 0) lineStart = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      lineStart = false;
      i++;
      continue;
    }
    if (c === '#') {
      while (i < code.length && code[i] !== '\n') i++;
      continue;
    }
    if (c === '\\' && code[i + 1] === '\n') {
      i += 2; // explicit line continuation: the next line is not a new statement
      lineStart = false;
      continue;
    }
    STRING_PREFIX.lastIndex = i;
    const str = STRING_PREFIX.exec(code);
    if (str) {
      i = skipString(code, i + str[0].length, str[0].replace(/^[rRbBuUfF]+/, ''));
      lineStart = false;
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(code);
    if (name) {
      tokens.push({ kind: 'name', text: name[0], start: i, end: i + name[0].length, atLineStart: lineStart && (i === 0 || code[i - 1] === '\n') });
      i += name[0].length;
      lineStart = false;
      continue;
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(code);
    if (num) {
      i += num[0].length;
      lineStart = false;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    tokens.push({ kind: 'punct', text: c, start: i, end: i + 1, atLineStart: false });
    i++;
    lineStart = false;
  }
  return tokens;
}

/** Index just past the string literal whose body starts at `i` and ends with `quote`. */
function skipString(code: string, i: number, quote: string): number {
  const triple = quote.length === 3;
  while (i < code.length) {
    const c = code[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (!triple && c === '\n') return i;
    if (code.startsWith(quote, i)) return i + quote.length;
    i++;
  }
  return code.length;
}
