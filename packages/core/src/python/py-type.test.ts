import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elementOf, formatPyType, isAssignable, listOf, optionalOf, parsePyType, type PyType } from './py-type';

const INT: PyType = { kind: 'int' };
const FLOAT: PyType = { kind: 'float' };
const STR: PyType = { kind: 'str' };
const BOOL: PyType = { kind: 'bool' };
const NONE: PyType = { kind: 'none' };
const ANY: PyType = { kind: 'any' };
const dictOf = (of: PyType): PyType => ({ kind: 'dict', of });
const opt = (of: PyType): PyType => ({ kind: 'optional', of });

function parsed(text: string): PyType {
  const r = parsePyType(text);
  if (!r.ok) throw new Error(`expected '${text}' to parse: ${r.message}`);
  return r.type;
}

function parseError(text: string): string {
  const r = parsePyType(text);
  if (r.ok) throw new Error(`expected '${text}' to be refused, got ${formatPyType(r.type)}`);
  return r.message;
}

describe('parsePyType', () => {
  it.each<[string, PyType]>([
    ['int', INT],
    ['float', FLOAT],
    ['str', STR],
    ['bool', BOOL],
    ['None', NONE],
    ['NoneType', NONE],
    ['Any', ANY],
    ['typing.Any', ANY],
    ['object', ANY],
    ['dict', ANY],
    ['Dict', ANY],
    ['typing.Dict', ANY],
    ['list', listOf(ANY)],
    ['List', listOf(ANY)],
    ['list[int]', listOf(INT)],
    ['List[int]', listOf(INT)],
    ['typing.List[str]', listOf(STR)],
    ['dict[str, int]', dictOf(INT)],
    ['Dict[str, List[float]]', dictOf(listOf(FLOAT))],
    ['typing.Dict[str, typing.Any]', dictOf(ANY)],
    ['Optional[str]', opt(STR)],
    ['typing.Optional[int]', opt(INT)],
    ['int | None', opt(INT)],
    ['None | int', opt(INT)],
    ['Union[int, None]', opt(INT)],
    ['Union[None, int]', opt(INT)],
    ['typing.Union[str, None]', opt(STR)],
    ['Union[int]', INT],
    ['Union[int, int, None]', opt(INT)],
    ['Optional[Optional[int]]', opt(INT)],
    ['Optional[int] | None', opt(INT)],
    ['Optional[None]', NONE],
    ['None | None', NONE],
    ['list[int | None]', listOf(opt(INT))],
    ['list[list[dict[str, bool]]]', listOf(listOf(dictOf(BOOL)))],
    ['Optional[Any]', opt(ANY)],
  ])('%s', (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });

  it('accepts whitespace, newlines, comments and trailing commas', () => {
    expect(parsed('  List [ int ]  ')).toEqual(listOf(INT));
    expect(parsed('Dict[\n  str,  # keys\n  int,\n]')).toEqual(dictOf(INT));
    expect(parsed('typing . Optional[ str ]')).toEqual(opt(STR));
  });

  it('accepts string annotations, whole and nested', () => {
    expect(parsed('"int"')).toEqual(INT);
    expect(parsed("'List[str]'")).toEqual(listOf(STR));
    expect(parsed('List["int"]')).toEqual(listOf(INT));
    expect(parsed('"""Optional[int]"""')).toEqual(opt(INT));
    expect(parsed('Optional["List[\'str\']"]')).toEqual(opt(listOf(STR)));
  });

  it('refuses unions other than Optional', () => {
    expect(parseError('Union[int, str]')).toContain('unions other than Optional are not supported');
    expect(parseError('int | str')).toContain('unions other than Optional are not supported');
    expect(parseError('int | str | None')).toContain('unions other than Optional are not supported');
  });

  it('names an unknown type and lists the supported ones', () => {
    const message = parseError('pd.DataFrame');
    expect(message).toContain("'pd.DataFrame'");
    expect(message).toContain('int, float, str, bool, None, Any, list[T], dict[str, T] and Optional[T]');
    expect(parseError('MyClass')).toContain("'MyClass'");
    expect(parseError('list[MyClass]')).toContain("'MyClass'");
  });

  it('gives advice for common unsupported types', () => {
    expect(parseError('set[int]')).toContain('use list[T]');
    expect(parseError('bytes')).toContain('use str');
  });

  it('requires str keys for dicts', () => {
    expect(parseError('dict[int, str]')).toContain('dict keys must be str');
    expect(parseError('Dict[str]')).toContain('Dict takes 2 type arguments');
  });

  it('checks the number of type arguments', () => {
    expect(parseError('list[int, str]')).toContain('list takes one type argument');
    expect(parseError('Optional[int, str]')).toContain('Optional takes one type argument');
    expect(parseError('Optional')).toContain('Optional needs a type argument');
    expect(parseError('int[str]')).toContain('int does not take type arguments');
  });

  it('refuses tuples (only a return annotation may be a tuple)', () => {
    expect(parseError('tuple[int, str]')).toContain('only supported as the whole return annotation');
    expect(parseError('Tuple[int, ...]')).toContain('only supported as the whole return annotation');
  });

  it('reports malformed text', () => {
    expect(parseError('')).toContain('empty');
    expect(parseError('list[')).toContain("expected ']'");
    expect(parseError('list[int')).toContain("expected ']' to close the '['");
    expect(parseError('int str')).toContain("unexpected 'str'");
    expect(parseError('"int')).toContain('not closed');
    expect(parseError('int = 3')).toContain("unexpected '='");
    expect(parseError('list[]')).toContain('needs type arguments');
    expect(parseError('...')).toContain("'...'");
  });
});

describe('formatPyType', () => {
  it.each<[PyType, string]>([
    [INT, 'int'],
    [FLOAT, 'float'],
    [STR, 'str'],
    [BOOL, 'bool'],
    [NONE, 'None'],
    [ANY, 'Any'],
    [listOf(INT), 'list[int]'],
    [dictOf(INT), 'dict[str, int]'],
    [opt(STR), 'Optional[str]'],
    [listOf(opt(dictOf(ANY))), 'list[Optional[dict[str, Any]]]'],
    [opt(opt(INT)), 'Optional[int]'],
    [opt(NONE), 'None'],
  ])('%j → %s', (t, text) => {
    expect(formatPyType(t)).toBe(text);
  });
});

describe('isAssignable', () => {
  it.each<[string, string, 'yes' | 'no' | 'warn']>([
    ['int', 'int', 'yes'],
    ['int', 'Optional[int]', 'yes'],
    ['int', 'float', 'yes'],
    ['int', 'Optional[float]', 'yes'],
    ['float', 'int', 'no'],
    ['Optional[int]', 'int', 'no'],
    ['Optional[int]', 'Optional[int]', 'yes'],
    ['Optional[int]', 'Optional[float]', 'yes'],
    ['None', 'Optional[str]', 'yes'],
    ['None', 'str', 'no'],
    ['None', 'None', 'yes'],
    ['Any', 'int', 'warn'],
    ['Any', 'Optional[int]', 'warn'],
    ['Any', 'Any', 'yes'],
    ['Any', 'Optional[Any]', 'yes'],
    ['dict', 'dict[str, int]', 'warn'],
    ['int', 'Any', 'yes'],
    ['list[int]', 'Any', 'yes'],
    ['Optional[int]', 'Any', 'yes'],
    ['list[int]', 'list[float]', 'yes'],
    ['list[float]', 'list[int]', 'no'],
    ['list[Any]', 'list[int]', 'warn'],
    ['list[int]', 'list[Any]', 'yes'],
    ['list[int]', 'list[Optional[int]]', 'yes'],
    ['list[Optional[int]]', 'list[int]', 'no'],
    ['dict[str, int]', 'dict[str, float]', 'yes'],
    ['dict[str, Any]', 'dict[str, str]', 'warn'],
    ['list[int]', 'dict[str, int]', 'no'],
    ['str', 'int', 'no'],
    ['bool', 'int', 'no'],
    ['int', 'bool', 'no'],
    ['str', 'list[str]', 'no'],
    ['list[list[int]]', 'list[list[float]]', 'yes'],
  ])('%s → %s: %s', (from, to, expected) => {
    expect(isAssignable(parsed(from), parsed(to))).toBe(expected);
  });

  it('handles unnormalised optionals', () => {
    expect(isAssignable(opt(opt(INT)), opt(INT))).toBe('yes');
    expect(isAssignable(opt(NONE), opt(INT))).toBe('yes');
    expect(isAssignable(ANY, NONE)).toBe('warn');
  });
});

describe('listOf / elementOf / optionalOf', () => {
  it('wraps and unwraps lists', () => {
    expect(listOf(INT)).toEqual({ kind: 'list', of: INT });
    expect(elementOf(listOf(STR))).toEqual(STR);
    expect(elementOf(ANY)).toEqual(ANY);
    expect(elementOf(INT)).toBeUndefined();
    expect(elementOf(opt(listOf(INT)))).toBeUndefined();
    expect(elementOf(dictOf(INT))).toBeUndefined();
  });

  it('flattens optionals', () => {
    expect(optionalOf(INT)).toEqual(opt(INT));
    expect(optionalOf(opt(INT))).toEqual(opt(INT));
    expect(optionalOf(NONE)).toEqual(NONE);
  });
});

/** Types in canonical form: what parsePyType produces (no Optional[None], no Optional[Optional[T]]). */
const canonicalType: fc.Arbitrary<PyType> = fc.letrec<{ type: PyType; nonOptional: PyType }>((tie) => ({
  type: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('nonOptional'),
    fc.constant(NONE),
    tie('nonOptional').map((of): PyType => ({ kind: 'optional', of })),
  ),
  nonOptional: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<PyType>(INT, FLOAT, STR, BOOL, ANY),
    tie('type').map((of): PyType => ({ kind: 'list', of })),
    tie('type').map((of): PyType => ({ kind: 'dict', of })),
  ),
})).type;

/** Any PyType, including unnormalised ones. */
const anyType: fc.Arbitrary<PyType> = fc.letrec<{ type: PyType }>((tie) => ({
  type: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<PyType>(INT, FLOAT, STR, BOOL, NONE, ANY),
    tie('type').map((of): PyType => ({ kind: 'list', of })),
    tie('type').map((of): PyType => ({ kind: 'dict', of })),
    tie('type').map((of): PyType => ({ kind: 'optional', of })),
  ),
})).type;

describe('properties', () => {
  it('parsePyType(formatPyType(t)) round-trips', () => {
    fc.assert(
      fc.property(canonicalType, (t) => {
        expect(parsePyType(formatPyType(t))).toEqual({ ok: true, type: t });
      }),
      { numRuns: 500 },
    );
  });

  it('formatPyType is a fixed point of parse∘format for any PyType', () => {
    fc.assert(
      fc.property(anyType, (t) => {
        const again = parsePyType(formatPyType(t));
        expect(again.ok && formatPyType(again.type)).toBe(formatPyType(t));
      }),
      { numRuns: 500 },
    );
  });

  it('isAssignable(t, t) is yes', () => {
    fc.assert(fc.property(anyType, (t) => isAssignable(t, t) === 'yes'), { numRuns: 500 });
  });

  it('T → Optional[T] and T → Any are yes', () => {
    fc.assert(fc.property(anyType, (t) => isAssignable(t, opt(t)) === 'yes' && isAssignable(t, ANY) === 'yes'), { numRuns: 300 });
  });

  it('Optional[T] → T is never yes for T without None', () => {
    fc.assert(
      fc.property(canonicalType, (t) => {
        fc.pre(t.kind !== 'optional' && t.kind !== 'none' && t.kind !== 'any');
        return isAssignable(opt(t), t) === 'no';
      }),
      { numRuns: 300 },
    );
  });
});
