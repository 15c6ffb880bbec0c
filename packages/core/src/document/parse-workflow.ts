import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { migrateWorkflow, KNOWN_API_VERSIONS } from './migrations';
import { WorkflowDocSchema, type WorkflowDoc } from './workflow-schema';
import { formatPath, type PathSegment } from './path';
import { jsonTextTooDeep, nestingTooDeepMessage, valueTooDeep } from './nesting-depth';

/** A problem that keeps a text from being a workflow document at all, with where it is. */
export interface ParseIssue {
  /** The field, as `spec.nodes[2].inputs.int_val` ('' for the document itself). */
  path: string;
  message: string;
  /** 1-based line and column in the YAML or JSON text, when the input was text. */
  line?: number;
  col?: number;
}

export type ParseResult = { ok: true; doc: WorkflowDoc } | { ok: false; issues: ParseIssue[] };

/** Documents larger than this are refused before parsing (a 10,000-node workflow is about 2 MB). */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
/** YAML aliases allowed per document: enough for real use, too few for a "billion laughs" expansion. */
const MAX_YAML_ALIASES = 200;

/**
 * The one size limit for a document, however it is sent: YAML text, JSON text, or JSON data in a request (measured
 * as its JSON text).
 */
export function documentSizeIssue(bytes: number): ParseIssue | undefined {
  if (bytes <= MAX_DOCUMENT_BYTES) return undefined;
  return { path: '', message: `the document is ${formatBytes(bytes)}, over the ${formatBytes(MAX_DOCUMENT_BYTES)} limit` };
}

export class WorkflowParseError extends Error {
  constructor(readonly issues: ParseIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'WorkflowParseError';
  }
}

export function formatIssue(issue: ParseIssue): string {
  const where = [issue.line !== undefined ? `line ${issue.line}:${issue.col ?? 1}` : '', issue.path].filter(Boolean).join(' ');
  return where ? `${where}: ${issue.message}` : issue.message;
}

/**
 * Parses a workflow from YAML or JSON text, or from already-parsed data (an HTTP body, a stored row). Every boundary
 * calls this; inside, code trusts the type.
 */
export function parseWorkflow(input: unknown): ParseResult {
  if (typeof input !== 'string') return fromData(input, undefined);
  const tooLarge = documentSizeIssue(utf8Length(input));
  if (tooLarge) return fail(tooLarge);
  // JSON (what the API and tools send) takes the fast path; YAML parsing is ~100× slower on a large document.
  if (/^\s*\{/.test(input)) {
    if (jsonTextTooDeep(input)) return tooDeep();
    try {
      return fromData(JSON.parse(input), undefined);
    } catch {
      // not JSON after all: YAML (a flow mapping) — fall through for its error positions
    }
  }
  const lineCounter = new LineCounter();
  let yamlDoc: Document;
  try {
    yamlDoc = parseDocument(input, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (e) {
    if (e instanceof RangeError) return tooDeep();
    throw e;
  }
  // The YAML reader reports its own stack overflow as a parse error: that is nesting too deep, not a typo.
  if (yamlDoc.errors.some((e) => /call stack/i.test(e.message))) return tooDeep();
  if (yamlDoc.errors.length > 0) {
    return fail(...yamlDoc.errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      return { path: '', message: firstLine(e.message), line: pos.line, col: pos.col };
    }));
  }
  let data: unknown;
  try {
    data = yamlDoc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    if (e instanceof RangeError) return tooDeep();
    return fail({ path: '', message: `the YAML could not be read: ${firstLine((e as Error).message)}` });
  }
  return fromData(data, { yamlDoc, lineCounter });
}

export function parseWorkflowOrThrow(input: unknown): WorkflowDoc {
  const result = parseWorkflow(input);
  if (!result.ok) throw new WorkflowParseError(result.issues);
  return result.doc;
}

interface TextSource {
  yamlDoc: Document;
  lineCounter: LineCounter;
}

function fromData(data: unknown, source: TextSource | undefined): ParseResult {
  if (data === null || data === undefined) return fail({ path: '', message: 'the document is empty' });
  if (valueTooDeep(data)) return tooDeep();
  const protoPath = findProtoKey(data, []);
  if (protoPath) return fail(locate({ path: protoPath, message: 'the key "__proto__" is not allowed (it cannot be kept safely in JavaScript)' }, source));
  const raw = data as { apiVersion?: unknown; kind?: unknown };
  if (typeof raw === 'object' && typeof raw.apiVersion === 'string' && !KNOWN_API_VERSIONS.includes(raw.apiVersion)) {
    return fail(locate({ path: ['apiVersion'], message: `unknown apiVersion "${raw.apiVersion}"; this Podflow reads ${KNOWN_API_VERSIONS.join(', ')}` }, source));
  }
  const parsed = WorkflowDocSchema.safeParse(migrateWorkflow(data), { reportInput: true });
  if (parsed.success) return { ok: true, doc: parsed.data };
  return fail(...parsed.error.issues.slice(0, 50).map((issue) => locate({ path: issue.path as PathSegment[], message: describe(issue) }, source)));
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return `missing required field (expected ${issue.expected})`;
    return `expected ${issue.expected}, got ${describeValue(issue.input)}`;
  }
  if (issue.code === 'invalid_union') return 'expected one of { node, output }, { input }, or { value }';
  return issue.message.replace(/^Invalid input: /, '');
}

function locate(issue: { path: PathSegment[]; message: string }, source: TextSource | undefined): ParseIssue {
  const result: ParseIssue = { path: formatPath(issue.path), message: issue.message };
  if (!source) return result;
  // Walk up to the nearest ancestor that exists in the YAML (a missing field is reported at its parent).
  for (let depth = issue.path.length; depth >= 0; depth--) {
    const node = source.yamlDoc.getIn(issue.path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const pos = source.lineCounter.linePos(node.range[0]);
      return { ...result, line: pos.line, col: pos.col };
    }
  }
  return result;
}

/**
 * A key named `__proto__` would be dropped (or worse) when copied into plain objects: refuse it, never lose it silently.
 * `path` is where `value` is, extended and restored on the way down: a copy is made only for the key found.
 */
function findProtoKey(value: unknown, path: PathSegment[]): PathSegment[] | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child: unknown = value[i];
      if (typeof child !== 'object' || child === null) continue;
      path.push(i);
      const found = findProtoKey(child, path);
      path.pop();
      if (found) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      if (key === '__proto__') return [...path, key];
      const child = (value as Record<string, unknown>)[key];
      if (typeof child !== 'object' || child === null) continue;
      path.push(key);
      const found = findProtoKey(child, path);
      path.pop();
      if (found) return found;
    }
  }
  return undefined;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
}

const fail = (...issues: ParseIssue[]): ParseResult => ({ ok: false, issues });
const tooDeep = (): ParseResult => fail({ path: '', message: nestingTooDeepMessage('the document') });
const firstLine = (s: string): string => s.split('\n')[0] ?? s;

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 2 : 3; // a surrogate pair counts 2 + 2
  }
  return bytes;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
