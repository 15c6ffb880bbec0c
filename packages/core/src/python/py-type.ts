import { assertNever } from './assert-never';
import { parseTypeExpr, type TypeExpr } from './type-expr';

export { checkJsonValue } from './check-json-value';

/**
 * The types a task's inputs and outputs may have (DESIGN §2, §8). Values travel as JSON, so these are the Python
 * types that map onto JSON exactly.
 */
export type PyType =
  | { kind: 'int' }
  | { kind: 'float' }
  | { kind: 'str' }
  | { kind: 'bool' }
  | { kind: 'none' }
  | { kind: 'any' } // dict (bare), Any, typing.Any, object: any JSON
  | { kind: 'list'; of: PyType } // list[T], List[T], typing.List[T]; bare list / List = list[any]
  | { kind: 'dict'; of: PyType } // dict[str, T], Dict[str, T]; the key type must be str
  | { kind: 'optional'; of: PyType }; // Optional[T], T | None, None | T, Union[T, None]

/** `warn`: allowed, but only checked at run time (an any-JSON value flowing into a precise type). */
export type Assignability = 'yes' | 'no' | 'warn';

export type PyTypeResult = { ok: true; type: PyType } | { ok: false; message: string };

/** A type problem, `at` an offset into the annotation text it was parsed from. */
export type ResolveResult = { ok: true; type: PyType } | { ok: false; message: string; at: number };

export interface ResolveOptions {
  /** NamedTuple classes of the module: named in a better message when used where only a value type fits. */
  namedTuples?: ReadonlySet<string>;
}

const INT: PyType = { kind: 'int' };
const FLOAT: PyType = { kind: 'float' };
const STR: PyType = { kind: 'str' };
const BOOL: PyType = { kind: 'bool' };
const NONE: PyType = { kind: 'none' };
const ANY: PyType = { kind: 'any' };

export const SUPPORTED_TYPES =
  'int, float, str, bool, None, Any, list[T], dict[str, T] and Optional[T] ' +
  '(also List[T], Dict[str, T], typing.*, Union[T, None] and T | None; bare dict, Any and object mean any JSON value)';

/** Better advice for types people often reach for. */
const ADVICE: Record<string, string> = {
  set: 'sets do not travel as JSON; use list[T]',
  Set: 'sets do not travel as JSON; use list[T]',
  frozenset: 'sets do not travel as JSON; use list[T]',
  FrozenSet: 'sets do not travel as JSON; use list[T]',
  bytes: 'bytes do not travel as JSON; use str (for example base64)',
  bytearray: 'bytes do not travel as JSON; use str (for example base64)',
  Sequence: 'use list[T]',
  Iterable: 'use list[T]',
  Mapping: 'use dict[str, T]',
  Literal: 'use the type of the literal values (str, int, …)',
  complex: 'complex numbers do not travel as JSON; use list[float]',
};

export const listOf = (t: PyType): PyType => ({ kind: 'list', of: t });

/**
 * The element type of a value a map node maps over: `T` for `list[T]`, `Any` for an any-JSON value (checked at run
 * time), `undefined` when the type is not a list (`Optional[list[T]]` included: None cannot be mapped over).
 */
export function elementOf(t: PyType): PyType | undefined {
  switch (t.kind) {
    case 'list':
      return t.of;
    case 'any':
      return ANY;
    case 'int':
    case 'float':
    case 'str':
    case 'bool':
    case 'none':
    case 'dict':
    case 'optional':
      return undefined;
    default:
      return assertNever(t);
  }
}

/** `Optional[T]`, flattened: `Optional[Optional[T]]` is `Optional[T]` and `Optional[None]` is `None`. */
export function optionalOf(t: PyType): PyType {
  switch (t.kind) {
    case 'none':
    case 'optional':
      return t;
    default:
      return { kind: 'optional', of: t };
  }
}

/** Canonical spelling: `int`, `None`, `Any`, `list[int]`, `dict[str, int]`, `Optional[str]` (normalised). */
export function formatPyType(t: PyType): string {
  switch (t.kind) {
    case 'int':
    case 'float':
    case 'str':
    case 'bool':
      return t.kind;
    case 'none':
      return 'None';
    case 'any':
      return 'Any';
    case 'list':
      return `list[${formatPyType(t.of)}]`;
    case 'dict':
      return `dict[str, ${formatPyType(t.of)}]`;
    case 'optional': {
      const inner = stripOptional(t);
      return inner.kind === 'none' ? 'None' : `Optional[${formatPyType(inner)}]`;
    }
    default:
      return assertNever(t);
  }
}

/** Parses a type as written in an annotation or a document: `List[int]`, `"int"`, `typing.Optional[str]`, `int | None`. */
export function parsePyType(text: string): PyTypeResult {
  const parsed = parseTypeExpr(text);
  if (!parsed.ok) return { ok: false, message: `invalid type '${text.trim()}': ${parsed.message}` };
  const resolved = resolveTypeExpr(parsed.expr, text);
  return resolved.ok ? resolved : { ok: false, message: resolved.message };
}

/** Gives a parsed annotation its meaning. `text` is what the spans of `expr` point into. */
export function resolveTypeExpr(expr: TypeExpr, text: string, options: ResolveOptions = {}): ResolveResult {
  try {
    return { ok: true, type: resolve(expr, text, options) };
  } catch (e) {
    if (e instanceof TypeProblem) return { ok: false, message: e.message, at: e.at };
    throw e;
  }
}

/** The name of a type with its `typing.` prefix removed. */
export function typingName(name: string): string {
  for (const prefix of ['typing.', 'typing_extensions.']) if (name.startsWith(prefix)) return name.slice(prefix.length);
  return name;
}

class TypeProblem extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

function resolve(expr: TypeExpr, text: string, options: ResolveOptions): PyType {
  const src = (e: TypeExpr): string => text.slice(e.from, e.to);
  switch (expr.kind) {
    case 'ellipsis':
      throw new TypeProblem("'...' is only allowed as the last argument of Tuple[T, ...]", expr.from);
    case 'tuple':
    case 'brackets':
      throw new TypeProblem(`'${src(expr)}' is not a type; supported types: ${SUPPORTED_TYPES}`, expr.from);
    case 'union':
      return resolveUnion(expr.members, expr, text, options);
    case 'name':
      return resolveName(expr, text, options);
    default:
      return assertNever(expr);
  }
}

function resolveName(expr: Extract<TypeExpr, { kind: 'name' }>, text: string, options: ResolveOptions): PyType {
  const name = typingName(expr.name);
  const args = expr.args;
  const arity = (n: number, usage: string): TypeExpr[] => {
    if (args && args.length !== n) {
      throw new TypeProblem(`${expr.name} takes ${n === 1 ? 'one type argument' : `${n} type arguments`}: ${usage}`, expr.from);
    }
    return args ?? [];
  };
  switch (name) {
    case 'int':
    case 'float':
    case 'str':
    case 'bool':
    case 'None':
    case 'NoneType':
    case 'Any':
    case 'object':
      if (args) throw new TypeProblem(`${expr.name} does not take type arguments`, expr.from);
      return name === 'int' ? INT : name === 'float' ? FLOAT : name === 'str' ? STR : name === 'bool' ? BOOL : name === 'Any' || name === 'object' ? ANY : NONE;
    case 'list':
    case 'List': {
      const [of] = arity(1, `${expr.name}[T]`);
      return listOf(of ? resolve(of, text, options) : ANY);
    }
    case 'dict':
    case 'Dict': {
      const [key, value] = arity(2, `${expr.name}[str, T]`);
      if (!key || !value) return ANY;
      const keyType = resolve(key, text, options);
      if (keyType.kind !== 'str') {
        throw new TypeProblem(
          `dict keys must be str (JSON object keys are strings), not ${formatPyType(keyType)}: use ${expr.name}[str, ...]`,
          key.from,
        );
      }
      return { kind: 'dict', of: resolve(value, text, options) };
    }
    case 'Optional': {
      if (!args) throw new TypeProblem('Optional needs a type argument: Optional[T]', expr.from);
      const [of] = arity(1, 'Optional[T]');
      return optionalOf(resolve(of!, text, options));
    }
    case 'Union':
      if (!args) throw new TypeProblem('Union needs type arguments: Union[T, None]', expr.from);
      return resolveUnion(args, expr, text, options);
    case 'tuple':
    case 'Tuple':
      throw new TypeProblem(
        `${expr.name} is only supported as the whole return annotation of the task function (each item becomes an output: o0, o1, …)`,
        expr.from,
      );
    default: {
      if (options.namedTuples?.has(expr.name)) {
        throw new TypeProblem(
          `the NamedTuple '${expr.name}' is only supported as the whole return annotation of the task function (its fields become the outputs)`,
          expr.from,
        );
      }
      const advice = ADVICE[name];
      const what = text.slice(expr.from, expr.to);
      throw new TypeProblem(
        advice ? `unsupported type '${what}': ${advice}` : `unsupported type '${what}'; supported types: ${SUPPORTED_TYPES}`,
        expr.from,
      );
    }
  }
}

/** `Union[A, B]` / `A | B`: only `T` with `None` (in any order, repeated or nested) is supported. */
function resolveUnion(members: TypeExpr[], whole: TypeExpr, text: string, options: ResolveOptions): PyType {
  let hasNone = false;
  const distinct = new Map<string, PyType>();
  for (const member of members) {
    let t = resolve(member, text, options);
    if (t.kind === 'optional') {
      hasNone = true;
      t = stripOptional(t);
    }
    if (t.kind === 'none') hasNone = true;
    else distinct.set(formatPyType(t), t);
  }
  const types = [...distinct.values()];
  if (types.length > 1) {
    throw new TypeProblem(
      `unions other than Optional are not supported: '${text.slice(whole.from, whole.to)}'; use one type, Optional[T], or Any`,
      whole.from,
    );
  }
  const [only] = types;
  if (!only) return NONE;
  return hasNone ? optionalOf(only) : only;
}

function stripOptional(t: PyType): PyType {
  let inner = t;
  while (inner.kind === 'optional') inner = inner.of;
  return inner;
}

/**
 * Whether a value of type `from` may flow where `to` is expected (DESIGN §8): exact match yes; `T` → `Optional[T]`
 * yes; `None` → `Optional[T]` yes; `int` → `float` yes; `Optional[T]` → `T` no; anything → `Any` yes; `Any` → `T`
 * warn (checked at run time); lists and dicts are covariant (`list[int]` → `list[float]` yes, `list[Any]` →
 * `list[int]` warn).
 */
export function isAssignable(from: PyType, to: PyType): Assignability {
  if (to.kind === 'any') return 'yes';
  if (to.kind === 'optional') {
    const source = stripOptional(from);
    return source.kind === 'none' ? 'yes' : isAssignable(source, stripOptional(to));
  }
  if (from.kind === 'any') return 'warn';
  switch (to.kind) {
    case 'int':
    case 'str':
    case 'bool':
    case 'none':
      return from.kind === to.kind ? 'yes' : 'no';
    case 'float':
      return from.kind === 'float' || from.kind === 'int' ? 'yes' : 'no';
    case 'list':
      return from.kind === 'list' ? isAssignable(from.of, to.of) : 'no';
    case 'dict':
      return from.kind === 'dict' ? isAssignable(from.of, to.of) : 'no';
    default:
      return assertNever(to);
  }
}
