/**
 * A streaming YAML writer for JSON-like data (objects, arrays, strings, finite numbers, booleans, null): what the
 * Kubernetes objects are. It writes block style as the `yaml` library does with `{ lineWidth: 0, blockQuote:
 * 'literal' }` — multi-line strings as literal blocks, so code in a ConfigMap stays readable — but without building a
 * document tree first, which at 10,000 pods is most of the cost of writing them.
 *
 * Strings are written plain only when no YAML 1.1 or 1.2 reader could take them for anything else (kubectl reads
 * YAML 1.1, where `yes`, `on` and `0777` are not strings); otherwise double-quoted with JSON's escapes, which YAML's
 * double-quoted style shares. Keys with an `undefined` value are left out, as JSON.stringify does.
 */
export type YamlSink = (chunk: string) => void;

/**
^ * A letter, `_`, `/`, `$` or `-letter` first, then letters, digits, spaces and punctuation that mean nothing inside a
 * plain scalar (a colon only before another such character, never `: ` or ` #`).
 */
const PLAIN = /^(?:[A-Za-z_/$]|-[A-Za-z])(?:[\w ./=@+,()'";!?%&*$~^<>-]|:(?=[\w./=@+-]))*$/;
/** Resource quantities (`500Mi`, `0.5Gi`, `250m`): a number then letters, never an exponent or a base prefix. */
const QUANTITY = /^(?:0|[1-9][0-9]*)(?:\.[0-9]+)?[A-DF-Za-df-z][A-Za-z]*$/;
/** Words that YAML 1.1 or 1.2 read as booleans or null, in any case, and exponents that a loose 1.1 reader takes for a float. */
const RESERVED = /^(?:y|n|yes|no|on|off|true|false|null|[-+]?e[-+]?[0-9_]+)$/i;
/** Characters a literal block cannot hold (YAML's non-printable ones, and CR, which a reader turns into a line break). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_LITERAL = /[\0-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Characters JSON.stringify leaves as they are that YAML's double-quoted style does not allow. */
const UNPRINTABLE = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g;

const isPlain = (s: string): boolean => s.length > 0 && !s.endsWith(' ') && (PLAIN.test(s) || QUANTITY.test(s)) && !RESERVED.test(s);

function quoted(s: string): string {
  return JSON.stringify(s).replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Strings repeat across thousands of pods (`primary`, `/var/run/podflow`, `"0"`): each short one is checked once.
 * Bounded, so that a stream of distinct strings costs a lookup each and no memory.
 */
const stringText = new Map<string, string>();
function stringScalar(s: string): string {
  if (s.length > 64) return isPlain(s) ? s : quoted(s);
  let text = stringText.get(s);
  if (text === undefined) {
    text = isPlain(s) ? s : quoted(s);
    if (stringText.size < 4096) stringText.set(s, text);
  }
  return text;
}

/** A scalar on the line of its key or dash. */
function scalar(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return stringScalar(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`YAML writer: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      throw new TypeError(`YAML writer: a ${typeof value} is not JSON data`);
  }
}

/** A multi-line string as a literal block, its lines indented by `indent`; undefined when it cannot be one. */
function literal(s: string, indent: string): string | undefined {
  if (!s.includes('\n') || NOT_LITERAL.test(s)) return undefined;
  const body = s.replace(/\n+$/, '');
  if (body.length === 0) return undefined;
  const trailing = s.length - body.length;
  // A first line that starts with a space or is empty would need an indentation indicator: quoted instead.
  if (body.startsWith(' ') || body.startsWith('\n')) return undefined;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const lines = s.slice(0, trailing > 1 ? s.length - 1 : body.length).split('\n');
  return `|${chomp}\n${lines.map((line) => (line.length > 0 ? indent + line : '')).join('\n')}\n`;
}

const isCollection = (v: unknown): v is object => typeof v === 'object' && v !== null;

function hasEntries(o: object): boolean {
  for (const k in o) if ((o as Record<string, unknown>)[k] !== undefined) return true;
  return false;
}

/** A key as written: keys repeat across thousands of objects (`name`, `value`, `mountPath`). */
const keyOf = stringScalar;

/** The text after a key's colon or a dash for a value written on that line (a scalar); undefined for anything else. */
function inlineScalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value.includes('\n') ? undefined : stringScalar(value);
  return isCollection(value) ? undefined : scalar(value);
}

/** Writes `value` as a block collection whose lines begin with `indent` (the first line's indent already written when `inline`). */
function writeBlock(value: unknown, indent: string, out: YamlSink, inline: boolean): void {
  if (Array.isArray(value)) {
    if (value.length === 0) return out(`${inline ? '' : indent}[]\n`);
    const inner = `${indent}  `;
    value.forEach((item, i) => {
      const text = inlineScalar(item === undefined ? null : item);
      // One piece per line where the value is a scalar: most of a Pod's lines.
      if (text !== undefined) out(`${i === 0 && inline ? '' : indent}- ${text}\n`);
      else {
        out(`${i === 0 && inline ? '' : indent}-`);
        writeValue(item, inner, out, true);
      }
    });
    return;
  }
  const object = value as Record<string, unknown>;
  let first = true;
  const inner = `${indent}  `;
  for (const key in object) {
    const item = object[key];
    if (item === undefined) continue;
    const text = inlineScalar(item);
    if (text !== undefined) out(`${first && inline ? '' : indent}${keyOf(key)}: ${text}\n`);
    else {
      out(`${first && inline ? '' : indent}${keyOf(key)}:`);
      writeValue(item, inner, out, false);
    }
    first = false;
  }
  if (first) out(`${inline ? '' : indent}{}\n`);
}

/** After a key's colon or a dash: a scalar on the same line, or a collection below (or beside a dash). */
function writeValue(value: unknown, indent: string, out: YamlSink, afterDash: boolean): void {
  if (!isCollection(value)) {
    const block = typeof value === 'string' ? literal(value, indent) : undefined;
    out(block !== undefined ? ` ${block}` : ` ${scalar(value)}\n`);
    return;
  }
  const empty = Array.isArray(value) ? value.length === 0 : !hasEntries(value);
  if (empty) return out(Array.isArray(value) ? ' []\n' : ' {}\n');
  if (afterDash) {
    out(' ');
    writeBlock(value, indent, out, true);
  } else {
    out('\n');
    // Sequences under a key are indented, as the `yaml` library writes them.
    writeBlock(value, indent, out, false);
  }
}

/** Writes one YAML document's content (no `---`) for a JSON-like value. */
export function writeYaml(value: unknown, out: YamlSink): void {
  if (isCollection(value)) writeBlock(value, '', out, false);
  else {
    const block = typeof value === 'string' ? literal(value, '  ') : undefined;
    out(block ?? `${scalar(value)}\n`);
  }
}

/** The YAML text of a JSON-like value. */
export function yamlText(value: unknown): string {
  return collectText((out) => writeYaml(value, out));
}

/**
 * The pieces a writer gives, as one string. Every 2,048 pieces are joined into one flat string at once, so that the
 * million small pieces of 10,000 pods die young instead of being kept, as one long `+=` chain keeps them, until the end.
 */
export function collectText(write: (out: YamlSink) => void): string {
  let pieces: string[] = [];
  const joined: string[] = [];
  write((piece) => {
    pieces.push(piece);
    if (pieces.length === 2048) {
      joined.push(pieces.join(''));
      pieces = [];
    }
  });
  joined.push(pieces.join(''));
  return joined.join('');
}
