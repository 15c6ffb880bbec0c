/**
 * One pip requirement as a task lists it (`tasks[].requirements`): a PEP 508 dependency specifier without a URL —
 * `name`, `name==1.2`, `name[extra]>=1,<2`, `name; python_version < "3.13"`. Pip options (`-e`, `-r`,
 * `--index-url`), URLs (`name @ https://…`) and local paths are refused: a task's packages come from the index the
 * machine is configured for, the same on a laptop and in a cluster.
 *
 * A small grammar of our own rather than a library: the one JS PEP 508 parser on npm (pip-requirements-js, built on
 * the ohm-js runtime) adds ~35 KB gzip to the editor's initial bundle, since core's validation runs in the browser,
 * and accepts the URL and `-r` forms that are refused here anyway. Its answers are checked against pip's own
 * `packaging` in requirement.test.ts.
 */
export interface Requirement {
  /** The name as written. */
  name: string;
  /** PEP 503: lower case, runs of `-`, `_`, `.` as one `-`. Two requirements with the same one are a duplicate. */
  normalizedName: string;
  extras: string[];
  /** Version clauses, e.g. `[">=1", "<2"]`, as written without spaces. */
  specifiers: string[];
  /** The environment marker after `;`, as written (trimmed), if any. */
  marker?: string;
}

export type RequirementParse = { ok: true; requirement: Requirement } | { ok: false; message: string; col?: number };

/** PEP 503 name normalisation. */
export const normalizeProjectName = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

/**
 * The requirement in one canonical spelling (normalised name, sorted extras, clauses without spaces, the marker as
 * written): two lists that say the same thing give the same strings, so the local executor's environment cache keys
 * on them.
 */
export function canonicalRequirement(r: Requirement): string {
  const extras = r.extras.length ? `[${[...r.extras].map(normalizeProjectName).sort().join(',')}]` : '';
  return `${r.normalizedName}${extras}${r.specifiers.join(',')}${r.marker ? `; ${r.marker}` : ''}`;
}

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const OPERATORS = ['===', '~=', '==', '!=', '<=', '>=', '<', '>'];
/** PEP 440 versions, in the forms `packaging` accepts (packaging/version.py VERSION_PATTERN). */
const VERSION =
  /^v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*(?:[-_.]?(?:alpha|a|beta|b|preview|pre|c|rc)[-_.]?[0-9]*)?(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?(?:[-_.]?dev[-_.]?[0-9]*)?(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?$/i;
const MARKER_VARIABLES = new Set([
  'python_version',
  'python_full_version',
  'os_name',
  'sys_platform',
  'platform_release',
  'platform_system',
  'platform_version',
  'platform_machine',
  'platform_python_implementation',
  'implementation_name',
  'implementation_version',
  'extra',
]);

export function parseRequirement(text: string): RequirementParse {
  const line = text.trim();
  if (line === '') return { ok: false, message: 'is empty' };
  if (line.startsWith('-')) return { ok: false, message: 'is a pip option; only requirements (a name and versions) are allowed here' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(line) || /\s@\s|^[^\s;]+@/.test(line.split(';')[0] ?? '')) {
    return { ok: false, message: 'names a URL; only packages from the package index are allowed (a name and versions)' };
  }
  if (/^[.~/\\]/.test(line) || /^[^\s;[<>=!~]*[/\\]/.test(line)) return { ok: false, message: 'is a local path; only packages from the package index are allowed (a name and versions)' };
  if (line.includes('#')) return { ok: false, message: 'has a comment (#); write only the requirement' };

  let at = 0;
  const fail = (message: string): RequirementParse => ({ ok: false, message: `is not a valid requirement: ${message} (column ${at + 1})`, col: at + 1 });
  const skip = () => {
    while (at < line.length && /\s/.test(line[at]!)) at++;
  };
  const name = NAME.exec(line)?.[0];
  if (!name) return fail('expected a package name (letters, digits, ".", "-", "_")');
  at = name.length;
  skip();

  const extras: string[] = [];
  if (line[at] === '[') {
    at++;
    skip();
    while (line[at] !== ']') {
      const extra = NAME.exec(line.slice(at))?.[0];
      if (!extra) return fail('expected an extra\'s name or "]"');
      extras.push(extra);
      at += extra.length;
      skip();
      if (line[at] === ',') {
        at++;
        skip();
      } else if (line[at] !== ']') return fail('expected "," or "]" after an extra');
    }
    at++;
    skip();
  }

  const specifiers: string[] = [];
  const parenthesised = line[at] === '(';
  if (parenthesised) {
    at++;
    skip();
  }
  while (at < line.length && line[at] !== ';' && line[at] !== ')') {
    if (specifiers.length > 0) {
      if (line[at] !== ',') return fail('expected "," between version clauses');
      at++;
      skip();
    }
    const op = OPERATORS.find((o) => line.startsWith(o, at));
    if (!op) return fail(`expected a version operator (${OPERATORS.join(' ')})`);
    at += op.length;
    skip();
    const start = at;
    while (at < line.length && /[A-Za-z0-9_.*+!-]/.test(line[at]!)) at++;
    const version = line.slice(start, at);
    if (!version) return fail(`expected a version after "${op}"`);
    const problem = versionProblem(op, version);
    if (problem) {
      at = start;
      return fail(problem);
    }
    specifiers.push(`${op}${version}`);
    skip();
  }
  if (parenthesised) {
    if (line[at] !== ')') return fail('expected ")"');
    at++;
    skip();
  } else if (line[at] === ')') return fail('unexpected ")"');

  let marker: string | undefined;
  if (line[at] === ';') {
    at++;
    skip();
    marker = line.slice(at).trim();
    const problem = markerProblem(marker);
    if (problem) return fail(`environment marker: ${problem}`);
    at = line.length;
  }
  if (at < line.length) return fail('unexpected text');
  return { ok: true, requirement: { name, normalizedName: normalizeProjectName(name), extras, specifiers, ...(marker ? { marker } : {}) } };
}

function versionProblem(op: string, version: string): string | undefined {
  if (op === '===') return undefined; // arbitrary equality: any string
  const wildcard = version.endsWith('.*');
  if (wildcard && op !== '==' && op !== '!=') return `"${op}" takes no ".*" (only == and != do)`;
  const plain = wildcard ? version.slice(0, -2) : version;
  if (!VERSION.test(plain) || (wildcard && plain.includes('+'))) return `"${version}" is not a valid version (PEP 440)`;
  if (op === '~=' && !/^v?(?:[0-9]+!)?[0-9]+\.[0-9]+/i.test(plain)) return `"~=" needs at least two release numbers (e.g. ~=1.4)`;
  return undefined;
}

/** Checks a PEP 508 marker: `var op var` comparisons joined by `and` / `or`, with parentheses. */
function markerProblem(marker: string): string | undefined {
  const tokens = marker.match(/\s+|'[^']*'|"[^"]*"|\(|\)|===|==|!=|<=|>=|~=|<|>|[A-Za-z_][A-Za-z0-9_.]*|./g) ?? [];
  const list = tokens.filter((t) => !/^\s+$/.test(t));
  if (list.length === 0) return 'is empty';
  let i = 0;
  const isValue = (t: string | undefined) => t !== undefined && (/^(['"]).*\1$/.test(t) || MARKER_VARIABLES.has(t));
  const isOp = (t: string | undefined) => t !== undefined && ['===', '==', '!=', '<=', '>=', '~=', '<', '>', 'in'].includes(t);
  const expression = (): string | undefined => {
    const first = term();
    if (first) return first;
    while (list[i] === 'and' || list[i] === 'or') {
      i++;
      const next = term();
      if (next) return next;
    }
    return undefined;
  };
  const term = (): string | undefined => {
    if (list[i] === '(') {
      i++;
      const inner = expression();
      if (inner) return inner;
      if (list[i] !== ')') return 'expected ")"';
      i++;
      return undefined;
    }
    if (!isValue(list[i])) return list[i] === undefined ? 'ends too early' : `"${list[i]}" is not a marker variable or a quoted string`;
    i++;
    if (list[i] === 'not' && list[i + 1] === 'in') i += 2;
    else if (isOp(list[i])) i++;
    else return list[i] === undefined ? 'expected a comparison' : `expected a comparison operator, not "${list[i]}"`;
    if (!isValue(list[i])) return list[i] === undefined ? 'ends too early' : `"${list[i]}" is not a marker variable or a quoted string`;
    i++;
    return undefined;
  };
  const problem = expression();
  if (problem) return problem;
  if (i < list.length) return `unexpected "${list[i]}"`;
  return undefined;
}
