import type { CodeProblem } from './code-problem';
import type { LineIndex } from './line-index';
import { childrenOf, parsePython, treeHasError, type PyNode, type PyTree } from './python-tree';

/** At most this many syntax problems are reported; the last one says how many more there are. */
export const MAX_SYNTAX_PROBLEMS = 5;

interface Found {
  at: number;
  message: string;
}

/** A problem whose message is only worked out if it is shown (broken code can hold thousands of error nodes). */
interface Pending {
  at: number;
  describe: () => Found;
}

const OPEN_TO_CLOSE: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const COMPOUND = new Set([
  'IfStatement',
  'WhileStatement',
  'ForStatement',
  'FunctionDefinition',
  'ClassDefinition',
  'WithStatement',
  'TryStatement',
  'MatchStatement',
]);

/**
 * Syntax problems of a module, as `python-syntax` errors: lezer's error nodes (minus a few places where lezer's
 * grammar is older than Python's), plus errors lezer's tolerant grammar lets through (unterminated strings, Python 2
 * print statements, inconsistent indentation). Python's own `ast` remains the final judge where python3 is at hand.
 */
export function findSyntaxProblems(tree: PyTree, code: string, lines: LineIndex): CodeProblem[] {
  const found: Pending[] = [];
  const report = (at: number, message: string): void => {
    found.push({ at, describe: () => ({ at, message }) });
  };
  const blocks: PyNode[] = [];
  const verdicts = new Map<string, boolean>();
  tree.iterate({
    enter(ref) {
      if (ref.type.isError) {
        const node = ref.node;
        if (!isFalsePositive(node, code, verdicts)) {
          found.push({ at: ref.from, describe: () => indentationError(node, code, lines) ?? { at: node.from, message: describeError(node, code, lines) } });
        }
        return false;
      }
      switch (ref.name) {
        case 'String':
        case 'FormatString':
          if (isUnterminated(code.slice(ref.from, ref.to))) report(ref.from, 'unterminated string literal: the closing quote is missing on this line');
          break;
        case 'PrintStatement':
          if (isPython2Print(code, ref.from + 'print'.length)) report(ref.from, "'print' is a function in Python 3: write print(...)");
          break;
        case 'Script':
        case 'Body':
          blocks.push(ref.node);
          break;
        default:
          break;
      }
      return undefined;
    },
  });
  const errorOffsets = found.map((f) => f.at);
  for (const block of blocks) {
    for (const f of indentationProblems(block, code, lines, errorOffsets)) report(f.at, f.message);
  }
  return toProblems(found, lines);
}

function toProblems(found: Pending[], lines: LineIndex): CodeProblem[] {
  // One problem per line: later ones on a line are mostly cascades of the first.
  const firstOnLine = new Map<number, Pending>();
  for (const f of [...found].sort((a, b) => a.at - b.at)) {
    const { line } = lines.lineCol(f.at);
    if (!firstOnLine.has(line)) firstOnLine.set(line, f);
  }
  const pending = [...firstOnLine.values()];
  const problems = pending.slice(0, MAX_SYNTAX_PROBLEMS).map((p): CodeProblem => {
    const { at, message } = p.describe();
    const { line, col } = lines.lineCol(at);
    return { code: 'python-syntax', severity: 'error', message: `syntax error at line ${line}, column ${col}: ${message}`, line, col };
  });
  const more = pending.length - problems.length;
  const last = problems[problems.length - 1];
  if (more > 0 && last) last.message += ` (and ${more} more syntax error${more === 1 ? '' : 's'} below)`;
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Places where lezer's grammar rejects valid Python

function isFalsePositive(error: PyNode, code: string, verdicts: Map<string, boolean>): boolean {
  const parent = error.parent;
  // A bare `yield` (`x = yield`, `(yield)`): lezer wants an expression after it; Python does not.
  const bareYield = parent && (parent.name === 'YieldExpression' || parent.name === 'YieldStatement') && code.slice(parent.from, parent.to).trim() === 'yield';
  if (bareYield && error.from === error.to) return true;
  // lezer's errors for these sit right under the statement; a bounded walk keeps deeply nested garbage linear.
  let depth = 0;
  for (let n: PyNode | null = parent; n && depth < 6; n = n.parent, depth++) {
    if (n.name === 'WithStatement') {
      const body = n.getChild('Body');
      if (!body || error.from >= body.from) return false;
      return verdict(verdicts, `with:${n.from}`, () => parenthesizedWithIsValid(n, code));
    }
    if (n.name === 'DecoratedStatement') return verdict(verdicts, `decorators:${n.from}`, () => decoratorsAreValid(n, code));
    if (n.name === 'Body' || n.name === 'Script') return false;
  }
  return false;
}

function verdict(verdicts: Map<string, boolean>, key: string, decide: () => boolean): boolean {
  let v = verdicts.get(key);
  if (v === undefined) verdicts.set(key, (v = decide()));
  return v;
}

/**
 * `with (open(a) as f, open(b) as g):` (Python 3.10+) is beyond lezer's grammar. It means the same as the line
 * without the outer parentheses, so that version is checked instead.
 */
function parenthesizedWithIsValid(withNode: PyNode, code: string): boolean {
  const keyword = withNode.firstChild;
  const body = withNode.getChild('Body');
  if (!keyword || keyword.name !== 'with' || !body) return false;
  const chars = code.slice(keyword.to, body.from).split('');
  const first = chars.findIndex((ch) => !isSpace(ch));
  const last = chars.findLastIndex((ch) => !isSpace(ch));
  if (first < 0 || chars[first] !== '(' || chars[last] !== ')') return false;
  chars[first] = ' ';
  chars[last] = ' ';
  // Comments would swallow the rest of the joined line; newlines would end it.
  blankComments(withNode, keyword.to, chars);
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === '\\' && (chars[i + 1] === '\n' || chars[i + 1] === '\r')) chars[i] = ' ';
    if (chars[i] === '\n' || chars[i] === '\r') chars[i] = ' ';
  }
  const trailing = chars.findLastIndex((ch) => !isSpace(ch));
  if (chars[trailing] === ',') chars[trailing] = ' ';
  return !treeHasError(parsePython(`with${chars.join('')}:\n    pass\n`));
}

function blankComments(node: PyNode, offset: number, chars: string[]): void {
  for (const child of childrenOf(node)) {
    if (child.name === 'Comment') {
      for (let i = child.from; i < child.to; i++) if (i - offset >= 0 && i - offset < chars.length) chars[i - offset] = ' ';
    } else if (child.firstChild) {
      blankComments(child, offset, chars);
    }
  }
}

/**
 * Decorators may be any expression since Python 3.9 (`@buttons[0].clicked.connect`); lezer only knows dotted names
 * and calls, and splits such a decorator off its function. Each decorator is checked as the expression it is.
 */
function decoratorsAreValid(decorated: PyNode, code: string): boolean {
  let definition = decorated.getChild('FunctionDefinition') ?? decorated.getChild('ClassDefinition');
  if (!definition) {
    let sibling = decorated.nextSibling;
    while (sibling && (sibling.name === 'ExpressionStatement' || sibling.name === 'Comment' || sibling.type.isError)) sibling = sibling.nextSibling;
    if (sibling && ['FunctionDefinition', 'ClassDefinition', 'DecoratedStatement'].includes(sibling.name)) definition = sibling;
  }
  if (!definition) return false;
  let decorators = 0;
  const rewritten = code
    .slice(decorated.from, definition.from)
    .split(/\r\n|\r|\n/)
    .map((line) => {
      const trimmed = line.trimStart();
      if (!trimmed.startsWith('@')) return line;
      decorators++;
      return `_ = ${trimmed.slice(1)}`;
    })
    .join('\n');
  const tree = parsePython(`${rewritten}\n`);
  if (treeHasError(tree)) return false;
  const statements = childrenOf(tree.topNode).filter((n) => n.name !== 'Comment');
  return statements.length === decorators && statements.every((n) => n.name === 'AssignStatement');
}

// ---------------------------------------------------------------------------------------------------------------
// Messages

function describeError(error: PyNode, code: string, lines: LineIndex): string {
  const token = tokenAt(code, error.from, error.to > error.from ? error.to : code.length);
  let message = token.kind === 'end' ? 'unexpected end of code' : token.kind === 'eol' ? 'unexpected end of line' : `unexpected '${token.text}'`;
  const unclosed = unclosedBracket(error);
  if (unclosed) {
    const { line, col } = lines.lineCol(unclosed.from);
    message += ` — the '${code.slice(unclosed.from, unclosed.to)}' at line ${line}, column ${col} is never closed`;
  } else if (token.kind === 'eol' && error.parent && COMPOUND.has(error.parent.name) && !error.parent.getChild('Body')) {
    const statement = error.parent;
    const meaningful = childrenOf(statement).filter((c) => !c.type.isError).length;
    const lineText = code.slice(lines.lineStart(error.from), error.from).trimEnd();
    if (meaningful >= 2 && !lineText.endsWith(':')) message += " — is the ':' missing at the end of the line?";
  }
  return message;
}

/**
 * lezer reports a statement indented deeper than its block (inside a block) as an unexpected token at the start of
 * its line; Python calls it an indentation error, and so do we.
 */
function indentationError(error: PyNode, code: string, lines: LineIndex): Found | undefined {
  const atStatementLevel = error.parent?.name === 'Body' || error.parent?.name === 'Script';
  const onlyWhitespace = error.to > error.from && code.slice(error.from, error.to).trim() === '';
  if (!atStatementLevel && !onlyWhitespace) return undefined;
  const lineStart = lines.lineStart(error.from);
  let first = lineStart;
  while (code[first] === ' ' || code[first] === '\t') first++;
  if (first === lineStart || error.from > first || code[first] === '\n' || code[first] === '\r' || first >= code.length) return undefined;
  const previous = previousCodeLineIndent(code, lines, lineStart);
  const indent = code.slice(lineStart, first);
  if (previous === undefined || indent === previous) return undefined;
  return { at: first, message: indentationMessage(indent, previous, undefined) };
}

/** The indentation of the closest line above `lineStart` that holds code (not blank, not only a comment). */
function previousCodeLineIndent(code: string, lines: LineIndex, lineStart: number): string | undefined {
  let start = lineStart;
  while (start > 0) {
    start = lines.lineStart(start - 1);
    let first = start;
    while (code[first] === ' ' || code[first] === '\t') first++;
    const ch = code[first];
    if (ch !== undefined && ch !== '\n' && ch !== '\r' && ch !== '#') return code.slice(start, first);
  }
  return undefined;
}

/** The innermost bracket, among the error's ancestors, that is opened but not closed. */
function unclosedBracket(error: PyNode): PyNode | undefined {
  for (let n = error.parent; n; n = n.parent) {
    const open: PyNode[] = [];
    for (const child of childrenOf(n)) {
      if (OPEN_TO_CLOSE[child.name]) open.push(child);
      else if (open.length && OPEN_TO_CLOSE[open[open.length - 1]!.name] === child.name) open.pop();
    }
    if (open.length) return open[open.length - 1];
    if (n.name === 'Body' || n.name === 'Script') return undefined;
  }
  return undefined;
}

type Token = { kind: 'end' } | { kind: 'eol' } | { kind: 'token'; text: string };

const OPERATORS = ['**=', '//=', '>>=', '<<=', '...', '->', ':=', '==', '!=', '<=', '>=', '**', '//', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@='];

/** The first token at or after `from` (before `to`), for a message: a word, a number, a string's start, an operator. */
function tokenAt(code: string, from: number, to: number): Token {
  let i = from;
  while (i < to && (code[i] === ' ' || code[i] === '\t' || code[i] === '\f')) i++;
  if (i >= to) return i >= code.length ? { kind: 'end' } : { kind: 'eol' };
  const ch = code[i]!;
  if (ch === '\n' || ch === '\r' || ch === '#') return { kind: 'eol' };
  let end = i + 1;
  if (isWordChar(ch)) {
    while (end < code.length && isWordChar(code[end]!)) end++;
  } else if (ch === '"' || ch === "'") {
    while (end < code.length && end - i < 20 && code[end] !== ch && code[end] !== '\n') end++;
    if (code[end] === ch) end++;
  } else {
    const op = OPERATORS.find((o) => code.startsWith(o, i));
    if (op) end = i + op.length;
  }
  const text = code.slice(i, end);
  return { kind: 'token', text: text.length > 20 ? `${text.slice(0, 20)}…` : text };
}

const isWordChar = (ch: string): boolean => ch === '_' || ch === '.' || /[\p{L}\p{N}]/u.test(ch);
const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f';

// ---------------------------------------------------------------------------------------------------------------
// What lezer lets through

/** A one-line string whose closing quote is missing (lezer ends it at the line's end without an error). */
function isUnterminated(text: string): boolean {
  let i = 0;
  while (i < text.length && /[A-Za-z]/.test(text[i]!)) i++;
  const q = text[i];
  if (q !== '"' && q !== "'") return false;
  if (text.startsWith(q.repeat(3), i)) return false; // triple-quoted: lezer reports those itself
  if (text.length < i + 2 || !text.endsWith(q)) return true;
  let backslashes = 0;
  for (let j = text.length - 2; j > i && text[j] === '\\'; j--) backslashes++;
  return backslashes % 2 === 1;
}

/**
 * lezer still knows Python 2's `print x`. Only a value right after `print` (`print "x"`, `print x`) is that;
 * `print -1`, `print [0]` and `print, x` are (odd but valid) Python 3 expressions.
 */
function isPython2Print(code: string, afterKeyword: number): boolean {
  const next = tokenAt(code, afterKeyword, code.length);
  if (next.kind !== 'token') return false;
  const first = next.text[0] ?? '';
  return (isWordChar(first) && first !== '.' && !['in', 'is', 'and', 'or', 'if', 'not'].includes(next.text)) || first === '"' || first === "'";
}

/**
 * Statements of one block must start at the same indentation (lezer's grammar accepts `x = 1\n  y = 2` at the top
 * level and dedents to a level that matches no outer block).
 */
function indentationProblems(block: PyNode, code: string, lines: LineIndex, errors: readonly number[]): Found[] {
  const out: Found[] = [];
  let expected: string | undefined = block.name === 'Script' ? '' : undefined;
  let previous: PyNode | undefined;
  for (const statement of childrenOf(block)) {
    if (statement.name === ':' || statement.name === 'Comment' || statement.type.isError) continue;
    const before = code.slice(lines.lineStart(statement.from), statement.from).replace(/[\f\uFEFF]/g, '');
    const atLineStart = [...before].every((ch) => ch === ' ' || ch === '\t');
    if (atLineStart && expected === undefined) expected = before;
    else if (atLineStart && before !== expected && !errorBetween(errors, previous?.from ?? block.from, statement.from)) {
      out.push({ at: statement.from, message: indentationMessage(before, expected ?? '', previous) });
    }
    previous = statement;
  }
  return out;
}

function errorBetween(errors: readonly number[], from: number, to: number): boolean {
  return errors.some((at) => at >= from && at <= to);
}

function indentationMessage(indent: string, expected: string, previous: PyNode | undefined): string {
  if (indent.length > expected.length && indent.startsWith(expected)) {
    return previous && isCompound(previous) ? 'unindent does not match any outer indentation level' : 'unexpected indent';
  }
  if (expected.startsWith(indent)) return 'unindent does not match any outer indentation level';
  return 'inconsistent use of tabs and spaces in indentation';
}

function isCompound(statement: PyNode): boolean {
  if (statement.getChild('Body')) return true;
  const inner = statement.getChild('FunctionDefinition') ?? statement.getChild('ClassDefinition');
  return inner !== null && inner.getChild('Body') !== null;
}
