import type { CodeProblem } from './code-problem';
import { LineIndex } from './line-index';
import { LruCache } from './lru-cache';
import { resolveTypeExpr, typingName, type PyType } from './py-type';
import { childrenOf, parsePythonIncrementally, textOf, type PyNode } from './python-tree';
import { findSyntaxProblems } from './syntax-problems';
import { parseTypeExpr, type TypeExpr } from './type-expr';

export type { CodeProblem } from './code-problem';

export interface TaskInput {
  name: string;
  type: PyType;
  /** The annotation as written (without the quotes of a string annotation); '' when there is none. */
  typeText: string;
  /** True when the parameter has a default. */
  optional: boolean;
  /** The default's source text, e.g. `[]` or `None`. */
  defaultText?: string;
}

export interface TaskOutput {
  name: string;
  type: PyType;
  typeText: string;
}

export interface TaskSignature {
  functionName: string;
  inputs: TaskInput[];
  outputs: TaskOutput[];
  /** 1-based line of the `def` (of `async def`; not of its decorators). */
  line: number;
}

export interface TaskCodeInfo {
  /** Present when the function is defined. Inputs and outputs whose type is a problem are kept, typed `Any`. */
  signature?: TaskSignature;
  /** Sorted by position. */
  problems: CodeProblem[];
  /** Top-level `def` names, in order (decorated and `async` ones included). */
  functions: string[];
  /** Those of `functions` whose `def` line is whole: a parameter list and no syntax error before the body. */
  completeFunctions: string[];
  /** Names called as plain `name(...)` anywhere in the function's body (builtins included), in order of first use. */
  calledNames: string[];
}

const ANY: PyType = { kind: 'any' };
/**
 * By code, then by function name. Keyed by the code string itself (not a key built from it): the task's own string,
 * asked for again, has its hash already and compares by identity, so a lookup does not read the whole code.
 */
const cache = new LruCache<string, Map<string, TaskCodeInfo>>(32);

/**
 * Reads the interface of the task function `functionName` from a module's code, with the problems a person must fix
 * (DESIGN §2, §8). Fast enough to run on every keystroke; results are cached (a small LRU) and frozen: do not
 * mutate them.
 */
export function parseTaskCode(code: string, functionName: string): TaskCodeInfo {
  let byName = cache.get(code);
  const cached = byName?.get(functionName);
  if (cached) return cached;
  const info = deepFreeze(analyse(code, functionName));
  if (!byName) cache.set(code, (byName = new Map()));
  byName.set(functionName, info);
  return info;
}

interface NamedTupleField {
  name: string;
  /** The annotation expression. */
  type: PyNode;
}

interface Module {
  functions: PyNode[];
  namedTuples: Map<string, NamedTupleField[]>;
}

class Analysis {
  readonly problems: CodeProblem[] = [];
  readonly lines: LineIndex;

  constructor(readonly code: string) {
    this.lines = new LineIndex(code);
  }

  problem(code: string, severity: CodeProblem['severity'], at: number, message: string): void {
    this.problems.push({ code, severity, message, ...this.lines.lineCol(at) });
  }

  text(node: PyNode): string {
    return textOf(this.code, node);
  }
}

function analyse(source: string, functionName: string): TaskCodeInfo {
  // Editors hide a byte-order mark and do not count it in columns; lezer would take it for code.
  const code = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const tree = parsePythonIncrementally(code, functionName);
  const a = new Analysis(code);
  const syntaxProblems = findSyntaxProblems(tree, code, a.lines);
  a.problems.push(...syntaxProblems);
  const module = readModule(tree.topNode, a);
  const functions = module.functions.map((fn) => functionNameOf(fn, a));
  const completeFunctions = module.functions.filter((fn) => headerIsWhole(fn, a, syntaxProblems)).map((fn) => functionNameOf(fn, a));
  const matches = module.functions.filter((fn) => functionNameOf(fn, a) === functionName);
  const fn = matches[matches.length - 1];
  let signature: TaskSignature | undefined;
  let calledNames: string[] = [];
  if (!fn) {
    const defined = functions.length ? `the code defines: ${listNames([...new Set(functions)])}` : 'the code defines no top-level functions';
    a.problem('function-missing', 'error', 0, `no top-level function '${functionName}': the task's code must define 'def ${functionName}(...)' (${defined})`);
  } else {
    if (matches.length > 1) {
      const lines = matches.map((m) => a.lines.lineCol(m.from).line).join(', ');
      a.problem('function-redefined', 'warning', fn.from, `'${functionName}' is defined ${matches.length} times (lines ${lines}); Python uses the last one`);
    }
    const before = a.problems.length;
    signature = {
      functionName,
      inputs: readInputs(fn, a, module),
      outputs: readOutputs(fn, a, module),
      line: a.lines.lineCol(fn.from).line,
    };
    // A syntax error in the `def` line makes the rest of what it says unreliable: that error comes first.
    if (syntaxErrorWithin(a, syntaxProblems, fn.from, (fn.getChild('Body') ?? fn).from)) a.problems.splice(before);
    calledNames = readCalledNames(fn, a);
  }
  const problems = [...a.problems].sort((x, y) => x.line - y.line || x.col - y.col);
  return signature ? { signature, problems, functions, completeFunctions, calledNames } : { problems, functions, completeFunctions, calledNames };
}

function headerIsWhole(fn: PyNode, a: Analysis, syntaxProblems: readonly CodeProblem[]): boolean {
  const body = fn.getChild('Body');
  return fn.getChild('ParamList') !== null && body !== null && !syntaxErrorWithin(a, syntaxProblems, fn.from, body.from);
}

function listNames(names: string[], max = 12): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

function syntaxErrorWithin(a: Analysis, problems: readonly CodeProblem[], from: number, to: number): boolean {
  const start = a.lines.lineCol(from);
  const end = a.lines.lineCol(to);
  const key = (p: { line: number; col: number }): number => p.line * 1e6 + p.col;
  return problems.some((p) => key(p) >= key(start) && key(p) <= key(end));
}

// ---------------------------------------------------------------------------------------------------------------
// Module level

function readModule(script: PyNode, a: Analysis): Module {
  const module: Module = { functions: [], namedTuples: new Map() };
  for (const top of childrenOf(script)) {
    const statement = top.name === 'DecoratedStatement' ? (top.getChild('FunctionDefinition') ?? top.getChild('ClassDefinition') ?? top) : top;
    switch (statement.name) {
      case 'FunctionDefinition':
        module.functions.push(statement);
        break;
      case 'ClassDefinition':
        readNamedTupleClass(statement, a, module);
        break;
      case 'AssignStatement':
        readNamedTupleCall(statement, a, module);
        break;
      default:
        break;
    }
  }
  return module;
}

function functionNameOf(fn: PyNode, a: Analysis): string {
  const name = fn.getChild('VariableName');
  return name ? a.text(name) : '';
}

const isNamedTupleName = (a: Analysis, node: PyNode | null): boolean =>
  node !== null && (node.name === 'VariableName' || node.name === 'MemberExpression') && typingName(a.text(node).replace(/\s+/g, '')) === 'NamedTuple';

/** `class Out(NamedTuple):` with `a: int` fields. */
function readNamedTupleClass(cls: PyNode, a: Analysis, module: Module): void {
  const name = cls.getChild('VariableName');
  const bases = cls.getChild('ArgList');
  const body = cls.getChild('Body');
  if (!name || !bases || !body || !childrenOf(bases).some((b) => isNamedTupleName(a, b))) return;
  const fields: NamedTupleField[] = [];
  for (const statement of childrenOf(body)) {
    const [target, typeDef] = childrenOf(statement);
    if (statement.name !== 'AssignStatement' || target?.name !== 'VariableName' || typeDef?.name !== 'TypeDef') continue;
    const type = annotationOf(typeDef);
    if (type) fields.push({ name: a.text(target), type });
  }
  module.namedTuples.set(a.text(name), fields);
}

/** `Out = NamedTuple("Out", [("a", int), ("b", str)])`. */
function readNamedTupleCall(assign: PyNode, a: Analysis, module: Module): void {
  const [target, op, call] = childrenOf(assign);
  if (target?.name !== 'VariableName' || op?.name !== 'AssignOp' || call?.name !== 'CallExpression') return;
  if (!isNamedTupleName(a, call.firstChild)) return;
  const args = childrenOf(call.getChild('ArgList') ?? call).filter((n) => !['(', ')', ','].includes(n.name));
  const list = args[1];
  if (!list || (list.name !== 'ArrayExpression' && list.name !== 'TupleExpression')) return;
  const fields: NamedTupleField[] = [];
  for (const pair of childrenOf(list)) {
    if (pair.name !== 'TupleExpression') continue;
    const [fieldName, type] = childrenOf(pair).filter((n) => !['(', ')', ','].includes(n.name));
    if (fieldName?.name === 'String' && type) fields.push({ name: stringValue(a.text(fieldName)), type });
  }
  module.namedTuples.set(a.text(target), fields);
}

function stringValue(literal: string): string {
  const quote = literal.startsWith('"""') || literal.startsWith("'''") ? 3 : 1;
  return literal.slice(quote, literal.length - quote);
}

/** The expression of a `TypeDef` (`: T` of a parameter or field, `-> T` of a function). */
function annotationOf(typeDef: PyNode): PyNode | undefined {
  return childrenOf(typeDef).find((c) => c.name !== ':' && !c.type.isError);
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs

interface Param {
  name: PyNode;
  star: '' | '*' | '**';
  starAt: number;
  typeDef?: PyNode;
  defaultValue?: PyNode;
}

function readParams(paramList: PyNode): Param[] {
  const params: Param[] = [];
  let star: Param['star'] = '';
  let starAt = 0;
  let current: Param | undefined;
  let expectDefault = false;
  for (const c of childrenOf(paramList)) {
    if (c.type.isError || c.name === 'Comment' || c.name === '(' || c.name === ')') continue;
    if (expectDefault) {
      if (current) current.defaultValue = c;
      expectDefault = false;
      continue;
    }
    switch (c.name) {
      case ',':
        star = '';
        current = undefined;
        break;
      case '*':
      case '**':
        star = c.name;
        starAt = c.from;
        break;
      case 'VariableName':
        current = { name: c, star, starAt: star ? starAt : c.from };
        params.push(current);
        break;
      case 'TypeDef':
        if (current) current.typeDef = c;
        break;
      case 'AssignOp':
        expectDefault = true;
        break;
      default:
        break;
    }
  }
  return params;
}

function readInputs(fn: PyNode, a: Analysis, module: Module): TaskInput[] {
  const paramList = fn.getChild('ParamList');
  if (!paramList) return [];
  const inputs: TaskInput[] = [];
  const seen = new Set<string>();
  for (const p of readParams(paramList)) {
    const name = a.text(p.name);
    if (p.star) {
      const kind = p.star === '*' ? 'extra positional arguments' : 'extra keyword arguments';
      a.problem(
        'param-varargs',
        'error',
        p.starAt,
        `'${p.star}${name}' (${kind}) is not supported: a task's inputs must be named and typed; declare each one as its own parameter, e.g. 'values: list[int]'`,
      );
      continue;
    }
    if (seen.has(name)) {
      const { line, col } = a.lines.lineCol(p.name.from);
      a.problem('python-syntax', 'error', p.name.from, `syntax error at line ${line}, column ${col}: duplicate parameter '${name}'`);
      continue;
    }
    seen.add(name);
    const input: TaskInput = { name, type: ANY, typeText: '', optional: p.defaultValue !== undefined };
    if (p.defaultValue) input.defaultText = a.text(p.defaultValue);
    const annotation = p.typeDef && annotationOf(p.typeDef);
    if (!p.typeDef) {
      a.problem('param-untyped', 'error', p.name.from, `parameter '${name}' has no type hint; every input needs one, e.g. '${name}: int'`);
    } else if (annotation) {
      input.typeText = annotationText(annotation, a);
      input.type = resolveAnnotation(annotation, a, module, `parameter '${name}'`);
    }
    inputs.push(input);
  }
  return inputs;
}

/** The annotation's text, without the quotes of a string annotation. */
function annotationText(annotation: PyNode, a: Analysis): string {
  const text = a.text(annotation).trim();
  if (annotation.name !== 'String') return text;
  return stringValue(text).trim();
}

/** The annotation as a `PyType`, or `Any` after reporting `type-unsupported` at the offending part. */
function resolveAnnotation(annotation: PyNode, a: Analysis, module: Module, what: string): PyType {
  const parsed = parseTypeExpr(a.text(annotation));
  if (!parsed.ok) {
    a.problem('type-unsupported', 'error', annotation.from + parsed.at, `${what}: invalid type annotation: ${parsed.message}`);
    return ANY;
  }
  return resolveExpr(parsed.expr, annotation, a, module, what);
}

function resolveExpr(expr: TypeExpr, annotation: PyNode, a: Analysis, module: Module, what: string): PyType {
  const resolved = resolveTypeExpr(expr, a.text(annotation), { namedTuples: new Set(module.namedTuples.keys()) });
  if (resolved.ok) return resolved.type;
  a.problem('type-unsupported', 'error', annotation.from + resolved.at, `${what}: ${resolved.message}`);
  return ANY;
}

// ---------------------------------------------------------------------------------------------------------------
// Outputs

function readOutputs(fn: PyNode, a: Analysis, module: Module): TaskOutput[] {
  const fnName = functionNameOf(fn, a);
  const typeDef = fn.getChild('TypeDef');
  if (!typeDef) {
    a.problem(
      'return-untyped',
      'warning',
      (fn.getChild('ParamList') ?? fn).to,
      `'${fnName}' has no return annotation, so the task has no outputs; add '-> T' for one output (or '-> None' to say there is none)`,
    );
    return [];
  }
  const annotation = annotationOf(typeDef);
  if (!annotation) return []; // `-> :` is a syntax error, reported as such
  const text = a.text(annotation);
  const parsed = parseTypeExpr(text);
  if (!parsed.ok) {
    a.problem('type-unsupported', 'error', annotation.from + parsed.at, `return annotation: invalid type annotation: ${parsed.message}`);
    return [];
  }
  const expr = parsed.expr;
  const slice = (e: TypeExpr): string => text.slice(e.from, e.to).trim();
  if (expr.kind === 'name') {
    const name = typingName(expr.name);
    if ((name === 'None' || name === 'NoneType') && !expr.args) return [];
    if (name === 'tuple' || name === 'Tuple') return tupleOutputs(expr, annotation, a, module);
    const fields = !expr.args ? module.namedTuples.get(expr.name) : undefined;
    if (fields) {
      return fields.map((f) => ({
        name: f.name,
        type: resolveAnnotation(f.type, a, module, `field '${f.name}' of the NamedTuple '${expr.name}'`),
        typeText: annotationText(f.type, a),
      }));
    }
  }
  return [{ name: 'o0', type: resolveExpr(expr, annotation, a, module, 'return annotation'), typeText: slice(expr) }];
}

/** `tuple[A, B]` / `Tuple[A, B]`: outputs `o0`, `o1`. */
function tupleOutputs(expr: Extract<TypeExpr, { kind: 'name' }>, annotation: PyNode, a: Analysis, module: Module): TaskOutput[] {
  const text = a.text(annotation);
  const at = annotation.from + expr.from;
  const items = expr.args ?? [];
  if (items.length === 0) {
    a.problem('type-unsupported', 'error', at, `return annotation: a bare '${expr.name}' does not say what the outputs are; name each one's type, e.g. '${expr.name}[int, str]'`);
    return [];
  }
  if (items.length === 1 && items[0]?.kind === 'tuple') {
    a.problem('type-unsupported', 'error', at, "return annotation: an empty tuple has no outputs; write '-> None'");
    return [];
  }
  const ellipsis = items.find((e) => e.kind === 'ellipsis');
  if (ellipsis) {
    a.problem(
      'type-unsupported',
      'error',
      annotation.from + ellipsis.from,
      `return annotation: '${text.slice(expr.from, expr.to)}' is a variable-length tuple, so its outputs cannot be named; use a fixed tuple such as '${expr.name}[int, int]', or return a list[T]`,
    );
    return [];
  }
  return items.map((item, i) => ({
    name: `o${i}`,
    type: resolveExpr(item, annotation, a, module, `return annotation (output o${i})`),
    typeText: text.slice(item.from, item.to).trim(),
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Calls

function readCalledNames(fn: PyNode, a: Analysis): string[] {
  const body = fn.getChild('Body');
  if (!body) return [];
  const names = new Set<string>();
  const cursor = body.cursor();
  let depth = 0;
  for (;;) {
    if (cursor.name === 'CallExpression') {
      const callee = cursor.node.firstChild;
      if (callee?.name === 'VariableName') names.add(a.text(callee));
    }
    if (cursor.firstChild()) {
      depth++;
      continue;
    }
    for (;;) {
      if (depth === 0) return [...names];
      if (cursor.nextSibling()) break;
      cursor.parent();
      depth--;
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
