import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTaskCode, type CodeProblem, type TaskCodeInfo } from './parse-task-code';
import { largeTaskModule } from '../__fixtures__/large-task-module';
import { formatPyType, type PyType } from './py-type';

const INT: PyType = { kind: 'int' };
const FLOAT: PyType = { kind: 'float' };
const STR: PyType = { kind: 'str' };
const BOOL: PyType = { kind: 'bool' };
const ANY: PyType = { kind: 'any' };
const listOf = (of: PyType): PyType => ({ kind: 'list', of });
const opt = (of: PyType): PyType => ({ kind: 'optional', of });

const py = (lines: string[]): string => `${lines.join('\n')}\n`;
const codes = (info: TaskCodeInfo): string[] => info.problems.map((p) => p.code);
const only = (info: TaskCodeInfo, code: string): CodeProblem[] => info.problems.filter((p) => p.code === code);

function clean(code: string, name: string): TaskCodeInfo {
  const info = parseTaskCode(code, name);
  expect(info.problems).toEqual([]);
  expect(info.signature).toBeDefined();
  return info;
}

describe('seed tasks', () => {
  it('pod_task', () => {
    const info = clean(py(['def pod_task() -> str:', '    return "Hello from pod task!"']), 'pod_task');
    expect(info.signature).toEqual({ functionName: 'pod_task', inputs: [], outputs: [{ name: 'o0', type: STR, typeText: 'str' }], line: 1 });
    expect(info.functions).toEqual(['pod_task']);
    expect(info.calledNames).toEqual([]);
  });

  it('map_pod_task', () => {
    const info = clean(py(['def map_pod_task(int_val: int) -> str:', '    return str(int_val)']), 'map_pod_task');
    expect(info.signature?.inputs).toEqual([{ name: 'int_val', type: INT, typeText: 'int', optional: false }]);
    expect(info.signature?.outputs).toEqual([{ name: 'o0', type: STR, typeText: 'str' }]);
    expect(info.calledNames).toEqual(['str']);
  });

  it('coalesce', () => {
    const code = py(['from typing import List', '', '', 'def coalesce(list_of_strings: List[str]) -> str:', '    coalesced = ", ".join(list_of_strings)', '    return coalesced']);
    const info = clean(code, 'coalesce');
    expect(info.signature).toEqual({
      functionName: 'coalesce',
      inputs: [{ name: 'list_of_strings', type: listOf(STR), typeText: 'List[str]', optional: false }],
      outputs: [{ name: 'o0', type: STR, typeText: 'str' }],
      line: 4,
    });
  });

  it('stringify and dynamic_pod_task', () => {
    const stringify = clean(py(['def stringify(val: int) -> str:', '    return f"{val} served courtesy of a dynamic pod task!"']), 'stringify');
    expect(stringify.signature?.inputs.map((i) => i.name)).toEqual(['val']);
    const dynamic = clean(py(['def dynamic_pod_task(val: int) -> str:', '    return stringify(val=val)']), 'dynamic_pod_task');
    expect(dynamic.signature?.inputs).toEqual([{ name: 'val', type: INT, typeText: 'int', optional: false }]);
    expect(dynamic.signature?.outputs).toEqual([{ name: 'o0', type: STR, typeText: 'str' }]);
    expect(dynamic.calledNames).toEqual(['stringify']);
  });

  it('multiple_containers_pod_task', () => {
    const code = py([
      'import os',
      'import time',
      '',
      '_SHARED_DATA_PATH = "/data/message.txt"',
      '',
      '',
      'def multiple_containers_pod_task() -> str:',
      '    # The code defined in this task will get injected into the primary container.',
      '    while not os.path.isfile(_SHARED_DATA_PATH):',
      '        time.sleep(5)',
      '',
      '    with open(_SHARED_DATA_PATH, "r") as shared_message_file:',
      '        return shared_message_file.read()',
    ]);
    const info = clean(code, 'multiple_containers_pod_task');
    expect(info.signature).toEqual({ functionName: 'multiple_containers_pod_task', inputs: [], outputs: [{ name: 'o0', type: STR, typeText: 'str' }], line: 7 });
    expect(info.calledNames).toEqual(['open']); // os.path.isfile(...) and time.sleep(...) are not plain-name calls
  });

  it('the brief’s one-line versions', () => {
    clean('import os, time\ndef multiple_containers_pod_task() -> str:\n    while not os.path.isfile("/data/message.txt"):\n        time.sleep(5)\n    with open("/data/message.txt", "r") as f:\n        return f.read()\n', 'multiple_containers_pod_task');
    for (const [code, name] of [
      ['def pod_task() -> str: ...', 'pod_task'],
      ['def map_pod_task(int_val: int) -> str: ...', 'map_pod_task'],
      ['from typing import List\ndef coalesce(list_of_strings: List[str]) -> str: ...', 'coalesce'],
      ['def stringify(val: int) -> str: ...', 'stringify'],
      ['def dynamic_pod_task(val: int) -> str: ...', 'dynamic_pod_task'],
    ] as const) {
      clean(code, name);
    }
  });
});

describe('finding the function', () => {
  it('reports a missing function and lists those that exist', () => {
    const info = parseTaskCode(py(['def a() -> None: ...', 'async def b() -> None: ...', 'class C: ...']), 'main');
    expect(info.signature).toBeUndefined();
    expect(info.functions).toEqual(['a', 'b']);
    const [problem] = only(info, 'function-missing');
    expect(problem).toMatchObject({ severity: 'error', line: 1, col: 1 });
    expect(problem?.message).toContain("'main'");
    expect(problem?.message).toContain('a, b');
  });

  it('tells the defs whose line is whole from those still being typed', () => {
    const body = '\n    return 1\n';
    expect(parseTaskCode(`def a(x: int) -> int:${body}`, 'a').completeFunctions).toEqual(['a']);
    expect(parseTaskCode(`def helper():${body}\nasync def b(): ...\n`, 'a').completeFunctions).toEqual(['helper', 'b']);
    for (const partial of ['def j', 'def join', 'def join(', 'def join(x: int', 'def join(x: int) -> str', 'def join(x: int) -> :']) {
      const info = parseTaskCode(`${partial}${body}`, 'a');
      expect(info.completeFunctions, partial).toEqual([]);
    }
  });

  it('shortens a long list of functions', () => {
    const code = Array.from({ length: 30 }, (_, i) => `def f${i}() -> None: ...`).join('\n');
    expect(only(parseTaskCode(code, 'main'), 'function-missing')[0]?.message).toContain('f11 and 18 more');
  });

  it('says when there are no functions at all', () => {
    expect(only(parseTaskCode('x = 1\n', 'main'), 'function-missing')[0]?.message).toContain('no top-level functions');
    expect(codes(parseTaskCode('', 'main'))).toEqual(['function-missing']);
  });

  it('ignores nested functions and methods', () => {
    const info = parseTaskCode(py(['class A:', '    def main(self) -> None: ...', 'def outer() -> None:', '    def main() -> None: ...']), 'main');
    expect(codes(info)).toEqual(['function-missing']);
    expect(info.functions).toEqual(['outer']);
  });

  it('finds decorated and async functions; line is the def line', () => {
    const info = clean(py(['import functools', '', '@functools.lru_cache(maxsize=None)', '@other', 'async def main(x: int) -> int:', '    return x']), 'main');
    expect(info.signature?.line).toBe(5);
    expect(info.functions).toEqual(['main']);
  });

  it('uses the last definition when a function is defined twice', () => {
    const info = parseTaskCode(py(['def main(a: int) -> int: ...', 'def main(b: str) -> str: ...']), 'main');
    expect(info.signature?.inputs.map((i) => i.name)).toEqual(['b']);
    expect(only(info, 'function-redefined')).toMatchObject([{ severity: 'warning', line: 2 }]);
  });
});

describe('inputs', () => {
  it('reads types, defaults and keyword-only parameters', () => {
    const code = py([
      'from typing import Dict, List, Optional',
      'def main(a: int, b: List[float] = [], /, c: "Optional[str]" = None, *, d: bool = False, e: dict, f: Dict[str, int] = {"k": 1}) -> None:',
      '    pass',
    ]);
    const info = clean(code, 'main');
    expect(info.signature?.inputs).toEqual([
      { name: 'a', type: INT, typeText: 'int', optional: false },
      { name: 'b', type: listOf(FLOAT), typeText: 'List[float]', optional: true, defaultText: '[]' },
      { name: 'c', type: opt(STR), typeText: 'Optional[str]', optional: true, defaultText: 'None' },
      { name: 'd', type: BOOL, typeText: 'bool', optional: true, defaultText: 'False' },
      { name: 'e', type: ANY, typeText: 'dict', optional: false },
      { name: 'f', type: { kind: 'dict', of: INT }, typeText: 'Dict[str, int]', optional: true, defaultText: '{"k": 1}' },
    ]);
    expect(info.signature?.outputs).toEqual([]);
  });

  it('handles multi-line signatures with comments and trailing commas', () => {
    const code = py(['def main(', '    a: int,  # the count', '    b: list[str] = DEFAULT,', ') -> str:', '    return ""']);
    const info = clean(code, 'main');
    expect(info.signature?.inputs).toEqual([
      { name: 'a', type: INT, typeText: 'int', optional: false },
      { name: 'b', type: listOf(STR), typeText: 'list[str]', optional: true, defaultText: 'DEFAULT' },
    ]);
  });

  it('accepts `T | None` and lambdas as defaults', () => {
    const info = clean(py(['def main(a: int | None = None, b: Optional[int] = (lambda: 3)()) -> None: ...']), 'main');
    expect(info.signature?.inputs.map((i) => [i.name, formatPyType(i.type), i.defaultText])).toEqual([
      ['a', 'Optional[int]', 'None'],
      ['b', 'Optional[int]', '(lambda: 3)()'],
    ]);
  });

  it('requires a type hint on every parameter, self included', () => {
    const info = parseTaskCode(py(['def main(self, a, b: int) -> None: ...']), 'main');
    expect(only(info, 'param-untyped').map((p) => [p.line, p.col, p.severity])).toEqual([
      [1, 10, 'error'],
      [1, 16, 'error'],
    ]);
    expect(only(info, 'param-untyped')[1]?.message).toContain("'a'");
    expect(info.signature?.inputs.map((i) => [i.name, i.type.kind, i.typeText])).toEqual([
      ['self', 'any', ''],
      ['a', 'any', ''],
      ['b', 'int', 'int'],
    ]);
  });

  it('refuses *args and **kwargs (typed or not), and leaves them out of the inputs', () => {
    const info = parseTaskCode(py(['def main(a: int, *args: int, b: str, **kwargs) -> None: ...']), 'main');
    const varargs = only(info, 'param-varargs');
    expect(varargs.map((p) => [p.col, p.severity])).toEqual([
      [18, 'error'],
      [38, 'error'],
    ]);
    expect(varargs[0]?.message).toContain('*args');
    expect(varargs[1]?.message).toContain('**kwargs');
    expect(info.signature?.inputs.map((i) => i.name)).toEqual(['a', 'b']);
  });

  it('reports unsupported types at the annotation', () => {
    const code = py(['import pandas as pd', 'def main(', '    frame: pd.DataFrame,', '    items: List[MyClass] = [],', ') -> None: ...']);
    const info = parseTaskCode(code, 'main');
    const problems = only(info, 'type-unsupported');
    expect(problems.map((p) => [p.line, p.col])).toEqual([
      [3, 12],
      [4, 17],
    ]);
    expect(problems[0]?.message).toContain("'pd.DataFrame'");
    expect(problems[0]?.message).toContain("parameter 'frame'");
    expect(problems[0]?.message).toContain('supported types: int, float, str');
    expect(problems[1]?.message).toContain("'MyClass'");
    expect(info.signature?.inputs.map((i) => [i.name, i.type.kind, i.optional])).toEqual([
      ['frame', 'any', false],
      ['items', 'any', true],
    ]);
  });

  it('points inside string annotations', () => {
    const info = parseTaskCode(py(['def main(a: "List[Foo]") -> None: ...']), 'main');
    expect(only(info, 'type-unsupported').map((p) => [p.line, p.col])).toEqual([[1, 19]]);
    expect(info.signature?.inputs[0]?.typeText).toBe('List[Foo]');
  });

  it('refuses unions and non-str dict keys', () => {
    const info = parseTaskCode(py(['def main(a: Union[int, str], b: dict[int, str]) -> None: ...']), 'main');
    const messages = only(info, 'type-unsupported').map((p) => p.message);
    expect(messages[0]).toContain('unions other than Optional are not supported');
    expect(messages[1]).toContain('dict keys must be str');
  });

  it('reports duplicate parameters as a syntax error', () => {
    const info = parseTaskCode(py(['def main(a: int, a: str) -> None: ...']), 'main');
    expect(only(info, 'python-syntax')[0]?.message).toContain("duplicate parameter 'a'");
    expect(info.signature?.inputs.map((i) => i.name)).toEqual(['a']);
  });
});

describe('outputs', () => {
  it('none, `-> None` and a string `"None"` mean no outputs', () => {
    expect(clean('def main() -> None: ...\n', 'main').signature?.outputs).toEqual([]);
    expect(clean('def main() -> "None": ...\n', 'main').signature?.outputs).toEqual([]);
  });

  it('warns on a missing return annotation (no outputs)', () => {
    const info = parseTaskCode('def main(a: int):\n    return a\n', 'main');
    expect(info.signature?.outputs).toEqual([]);
    expect(info.problems).toMatchObject([{ code: 'return-untyped', severity: 'warning', line: 1, col: 17 }]);
  });

  it('a single type is o0', () => {
    expect(clean('def main() -> Optional[List[int]]: ...\n', 'main').signature?.outputs).toEqual([
      { name: 'o0', type: opt(listOf(INT)), typeText: 'Optional[List[int]]' },
    ]);
    expect(clean('def main() -> dict: ...\n', 'main').signature?.outputs).toEqual([{ name: 'o0', type: ANY, typeText: 'dict' }]);
  });

  it('tuples are o0, o1, …', () => {
    const expected = [
      { name: 'o0', type: INT, typeText: 'int' },
      { name: 'o1', type: listOf(STR), typeText: 'List[str]' },
    ];
    expect(clean('def main() -> Tuple[int, List[str]]: ...\n', 'main').signature?.outputs).toEqual(expected);
    expect(clean('def main() -> tuple[int, List[str]]: ...\n', 'main').signature?.outputs).toEqual(expected);
    expect(clean('def main() -> typing.Tuple[int, List[str]]: ...\n', 'main').signature?.outputs).toEqual(expected);
    expect(clean('def main() -> "tuple[int, List[str]]": ...\n', 'main').signature?.outputs).toEqual(expected);
    expect(clean('def main() -> tuple[int]: ...\n', 'main').signature?.outputs).toEqual([{ name: 'o0', type: INT, typeText: 'int' }]);
  });

  it('refuses variable-length, bare and empty tuples', () => {
    const variable = parseTaskCode('def main() -> Tuple[int, ...]: ...\n', 'main');
    expect(variable.problems).toMatchObject([{ code: 'type-unsupported', severity: 'error', line: 1, col: 26 }]);
    expect(variable.problems[0]?.message).toContain('variable-length');
    expect(variable.signature?.outputs).toEqual([]);
    expect(parseTaskCode('def main() -> tuple: ...\n', 'main').problems[0]?.message).toContain('bare');
    expect(parseTaskCode('def main() -> Tuple[()]: ...\n', 'main').problems[0]?.message).toContain('empty tuple');
  });

  it('reports an unsupported item of a tuple at the item', () => {
    const info = parseTaskCode('def main() -> tuple[int, bytes]: ...\n', 'main');
    expect(info.problems).toMatchObject([{ code: 'type-unsupported', line: 1, col: 26 }]);
    expect(info.problems[0]?.message).toContain('o1');
    expect(info.signature?.outputs.map((o) => [o.name, o.type.kind])).toEqual([
      ['o0', 'int'],
      ['o1', 'any'],
    ]);
  });

  it('a NamedTuple class gives its fields, in order', () => {
    const code = py([
      'from typing import NamedTuple, List',
      '',
      'class Out(NamedTuple):',
      '    """Results."""',
      '    total: int',
      '    names: List[str]',
      '    ratio: "float" = 0.5',
      '',
      '    def describe(self) -> str:',
      '        return ""',
      '',
      'def main(x: int) -> Out:',
      '    return Out(x, [], 1.0)',
    ]);
    expect(clean(code, 'main').signature?.outputs).toEqual([
      { name: 'total', type: INT, typeText: 'int' },
      { name: 'names', type: listOf(STR), typeText: 'List[str]' },
      { name: 'ratio', type: FLOAT, typeText: 'float' },
    ]);
  });

  it('accepts typing.NamedTuple, a string annotation, a class defined later, and the functional form', () => {
    const later = py(['import typing', 'def main() -> "Result": ...', 'class Result(typing.NamedTuple):', '    a: int', '    b: bool']);
    expect(clean(later, 'main').signature?.outputs.map((o) => o.name)).toEqual(['a', 'b']);
    const functional = py(['from typing import NamedTuple', 'Result = NamedTuple("Result", [("a", int), ("b", "Optional[str]")])', 'def main() -> Result: ...']);
    expect(clean(functional, 'main').signature?.outputs).toEqual([
      { name: 'a', type: INT, typeText: 'int' },
      { name: 'b', type: opt(STR), typeText: 'Optional[str]' },
    ]);
  });

  it('reports an unsupported NamedTuple field at the field', () => {
    const info = parseTaskCode(py(['class Out(NamedTuple):', '    a: int', '    b: set[int]', 'def main() -> Out: ...']), 'main');
    expect(info.problems).toMatchObject([{ code: 'type-unsupported', line: 3, col: 8 }]);
    expect(info.problems[0]?.message).toContain("field 'b'");
  });

  it('a NamedTuple inside another type is refused with a pointed message', () => {
    const info = parseTaskCode(py(['class Out(NamedTuple):', '    a: int', 'def main() -> Optional[Out]: ...']), 'main');
    expect(info.problems[0]?.message).toContain("the NamedTuple 'Out' is only supported as the whole return annotation");
  });

  it('a class that is not a NamedTuple is an unsupported type', () => {
    const info = parseTaskCode(py(['class Out:', '    a: int', 'def main() -> Out: ...']), 'main');
    expect(info.problems).toMatchObject([{ code: 'type-unsupported', line: 3, col: 15 }]);
  });
});

describe('property: signatures written from arbitrary types read back the same', () => {
  const type: fc.Arbitrary<PyType> = fc.letrec<{ t: PyType; base: PyType }>((tie) => ({
    t: fc.oneof({ depthSize: 'small' }, tie('base'), tie('base').map((of): PyType => ({ kind: 'optional', of }))),
    base: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom<PyType>(INT, FLOAT, STR, BOOL, ANY),
      tie('t').map((of): PyType => ({ kind: 'list', of })),
      tie('t').map((of): PyType => ({ kind: 'dict', of })),
    ),
  })).t;
  const spellings = (t: PyType): string => {
    const text = formatPyType(t);
    return text; // canonical spelling; other spellings are covered by the parsePyType tests
  };
  it('holds', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(type, fc.boolean()), { maxLength: 5 }), fc.array(type, { minLength: 1, maxLength: 3 }), (params, outs) => {
        const list = params.map(([t, hasDefault], i) => `p${i}: ${spellings(t)}${hasDefault ? ' = None' : ''}`);
        // Python needs defaults last unless keyword-only: put every parameter after `*`.
        const ret = outs.length === 1 ? spellings(outs[0]!) : `tuple[${outs.map(spellings).join(', ')}]`;
        const code = `def task(*${list.length ? ', ' : ''}${list.join(', ')}) -> ${ret}:\n    return None\n`;
        const info = parseTaskCode(code.replace('(*)', '()'), 'task');
        expect(info.problems).toEqual([]);
        expect(info.signature?.inputs.map((i) => [i.name, i.type, i.optional])).toEqual(params.map(([t, d], i) => [`p${i}`, t, d]));
        expect(info.signature?.outputs.map((o) => [o.name, o.type])).toEqual(outs.map((t, i) => [`o${i}`, t]));
      }),
      { numRuns: 200 },
    );
  });
});

describe('future annotations and string annotations', () => {
  it('work', () => {
    const code = py([
      'from __future__ import annotations',
      'from typing import List, Optional',
      'def main(a: "int", b: List["str"], c: Optional[\'float\'] = None) -> "tuple[int, str]":',
      '    return a, ""',
    ]);
    const info = clean(code, 'main');
    expect(info.signature?.inputs.map((i) => [i.name, formatPyType(i.type), i.typeText])).toEqual([
      ['a', 'int', 'int'],
      ['b', 'list[str]', 'List["str"]'],
      ['c', 'Optional[float]', "Optional['float']"],
    ]);
    expect(info.signature?.outputs.map((o) => o.name)).toEqual(['o0', 'o1']);
  });
});

describe('calledNames', () => {
  it('lists plain-name calls anywhere in the body, once each, in order', () => {
    const code = py([
      'def helper(): ...',
      'def main(val: int) -> str:',
      '    a = stringify(val=val)',
      '    b = [stringify(val=i) for i in range(val)]',
      '    c = obj.method(x)',
      '    def inner():',
      '        return coalesce(list_of_strings=b)',
      '    return coalesce(list_of_strings=[a, *b]) + (lambda: helper())()',
    ]);
    expect(clean(code, 'main').calledNames).toEqual(['stringify', 'range', 'coalesce', 'helper']);
  });

  it('ignores calls outside the body (decorators, defaults)', () => {
    const code = py(['@deco(make())', 'def main(x: int = compute()) -> None:', '    run()']);
    expect(clean(code, 'main').calledNames).toEqual(['run']);
  });
});

describe('syntax errors', () => {
  const syntax = (code: string): CodeProblem[] => only(parseTaskCode(code, 'main'), 'python-syntax');

  it('reports the position and the offending token', () => {
    const [problem] = syntax(py(['def main() -> None:', '    x = 1', '    print(x))']));
    expect(problem).toMatchObject({ severity: 'error', line: 3, col: 13 });
    expect(problem?.message).toBe("syntax error at line 3, column 13: unexpected ')'");
  });

  it('names an unclosed bracket', () => {
    const [problem] = syntax(py(['def main() -> str:', '    return f.read(']));
    expect(problem?.message).toContain('unexpected end of code');
    expect(problem?.message).toContain("the '(' at line 2, column 18 is never closed");
  });

  it('suggests a missing colon', () => {
    const [problem] = syntax(py(['def main() -> None:', '    if x', '        pass']));
    expect(problem).toMatchObject({ line: 2, col: 9 });
    expect(problem?.message).toContain("':' missing");
  });

  it('a syntax error in the def line hides the problems derived from it', () => {
    const info = parseTaskCode(py(['def main(a int) -> None:', '    pass']), 'main');
    expect(codes(info)).toEqual(['python-syntax']);
  });

  it('catches what lezer lets through: unterminated strings, print statements, indentation', () => {
    expect(syntax(py(['def main() -> str:', '    return "abc']))[0]?.message).toContain('unterminated string');
    expect(syntax(py(["def main() -> str:", "    return f'abc"]))[0]?.message).toContain('unterminated string');
    expect(syntax(py(['def main() -> None:', '    print "x"']))[0]?.message).toContain('print(...)');
    expect(syntax(py(['print x']))[0]?.message).toContain('print(...)');
    expect(syntax(py(['print -1', 'print [0]', 'print', 'print (x)']))).toEqual([]);
    expect(syntax(py(['x = 1', '  y = 2']))).toMatchObject([{ line: 2, col: 3, message: expect.stringContaining('unexpected indent') }]);
    expect(syntax(py(['def main() -> None:', '        x = 1', '    y = 2']))).toMatchObject([
      { line: 3, col: 5, message: expect.stringContaining('unindent does not match any outer indentation level') },
    ]);
    expect(syntax(py(['def main() -> None:', '    x = 1', '      y = 2']))[0]?.message).toContain('unexpected indent');
    expect(syntax(py(['def main() -> None:', '    x = 1', '\ty = 2']))[0]?.message).toContain('inconsistent use of tabs and spaces');
    expect(syntax(py(['def main() -> None:', '    if x:', '        pass', '  else:', '        pass']))[0]?.message).toContain(
      'unindent does not match any outer indentation level',
    );
    expect(syntax(py(['x = (1,', '    = 2)']))[0]?.message).toContain("unexpected '='");
    expect(syntax(py(['x = [1,', '      2', '  3]']))[0]?.message).toContain("unexpected '3'");
    expect(syntax('def main() -> str:\n    return """abc\n')).toHaveLength(1);
  });

  it('reports at most five, and says how many more', () => {
    const code = py(['def main() -> None:', ...Array.from({ length: 8 }, (_, i) => `    x${i} = = ${i}`)]);
    const problems = syntax(code);
    expect(problems).toHaveLength(5);
    expect(problems[4]?.message).toContain('and 3 more syntax errors');
  });

  it('handles CRLF line endings', () => {
    const info = parseTaskCode('def main() -> None:\r\n    x = 1\r\n    y = )\r\n', 'main');
    expect(only(info, 'python-syntax')).toMatchObject([{ line: 3, col: 9 }]);
  });

  it('problems are sorted by position', () => {
    const info = parseTaskCode(py(['def main(a, *args) -> None:', '    pass', 'x = = 1']), 'main');
    const keys = info.problems.map((p) => p.line * 1000 + p.col);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(codes(info)).toEqual(['param-untyped', 'param-varargs', 'python-syntax']);
  });
});

describe('valid modern Python produces no problems', () => {
  const valid: Record<string, string[]> = {
    'f-strings': [
      'x = f"{a!r:>10} {b}"',
      "y = f'{d[\"k\"]:{w}}'",
      'z = f"{x=}" f"{{literal}}" "plain"',
      'w = f"{a if b else c}" + f"""{',
      '  a',
      '}"""',
      'v = f"{f\'{y}\'}" + f"{x:%Y-%m-%d}"',
      'u = f"{d["k"]}"',
    ],
    walrus: ['if (n := len(a)) > 10:', '    pass', 'ys = [y for x in data if (y := f(x))]'],
    match: [
      'match command.split():',
      '    case [action]:',
      '        pass',
      '    case [action, obj]:',
      '        pass',
      '    case {"x": 1, **rest}:',
      '        pass',
      '    case Point(x=0) | None:',
      '        pass',
      '    case _:',
      '        pass',
      'match = re.match(p, s)',
      'case = 1',
    ],
    decorators: ['@a.b(c)', '@d', 'def f(): pass', '@x[0].y', 'def g(): pass', '@(lambda f: f)', 'def h(): pass', 'class K:', '    @buttons[0].connect', '    @property', '    def m(self): pass'],
    'type hints with |': ['def f(a: int | None, b: list[int] | None = None) -> dict[str, int] | None: pass', 'x: int | str = 1'],
    'async def': ['async def f():', '    async with a as b:', '        async for x in y:', '            await z', '    return [x async for x in g()]'],
    lambdas: ['f = lambda x, *a, k=1, **kw: x', 'g = lambda: (yield)', 'h = a if b else lambda: c'],
    comprehensions: ['x = [i for i in y if i]', 'y = {k: v for k, v in z}', 'z = {a for a in b}', 'w = (a for a in b)', 'v = [[j for j in i] for i in m]'],
    'keyword-only and positional-only markers': ['def f(a, /, b, *, c): pass', 'def g(a=1, /): pass', 'def h(*, a: int): pass'],
    'generators and yield': ['def g():', '    x = yield', '    y = yield from h()', '    z = (yield x)', '    w = (yield)', '    yield'],
    'parenthesized context managers': ['with (open(a) as f, open(b) as g):', '    pass', 'with (', '    open(a) as f,  # first', '    open(b) as g,', '):', '    pass', 'with (a, b):', '    pass'],
    'type parameters and type statements': ['def f[T](x: T) -> T: return x', 'class A[T]: pass', 'type X = list[int]'],
    'exception groups and misc statements': [
      'try:',
      '    pass',
      'except* ValueError as e:',
      '    pass',
      'try:',
      '    pass',
      'except (A, B):',
      '    pass',
      'else:',
      '    pass',
      'finally:',
      '    pass',
      'global q',
      'del s',
      'assert t, "m"',
      'raise E from f',
      'x = 1; y = 2;',
      'if x: pass',
      'while x:',
      '    break',
      'else:',
      '    pass',
    ],
    literals: ['a = b[1:2, ::3]', 'c = ...', 'd = 0x1f + 0o7 + 0b1 + 1_000 + 1e-3j + 1_0.5e+3', 'e = rb"\\x00" + Rb"a" + u"b"', 's = """multi', 'line"""', "t = '''x'''", 'n = "\\N{DASH}"', 'q = "a\\', 'b"'],
    'continuations and unicode': ['x = a \\', '    + b', 'y = [', '  1,', '  2,', ']', 'café = 1', 'z = -a ** -b @ c', 'x @= c', 'x //= 2'],
    'tabs, blank lines, comments': ['def f():', '\treturn 1', '', '', '# comment', '   # indented comment', 'def g():', '    # comment in a body', '    return 2', '        # over-indented comment', '    '],
    'star expressions': ['*a, b = c', 'x = [*a, *b]', 'y = {**a, "k": 1}', 'print(*a, sep="", **b)', 'def f():', '    return *a, b'],
  };
  it.each(Object.entries(valid))('%s', (_, lines) => {
    const problems = only(parseTaskCode(py(lines), 'main'), 'python-syntax');
    expect(problems).toEqual([]);
  });

  it('a file without a trailing newline, ending in a block', () => {
    expect(clean('def main() -> int:\n    if x:\n        return 1', 'main').problems).toEqual([]);
  });

  it('a byte-order mark', () => {
    expect(clean('\uFEFFdef main() -> int:\n    return 1\n', 'main').problems).toEqual([]);
  });
});

describe('caching and speed', () => {
  it('returns the same frozen result for the same code and name', () => {
    const code = 'def main(a: int) -> str: ...\n';
    const first = parseTaskCode(code, 'main');
    expect(parseTaskCode(code, 'main')).toBe(first);
    expect(Object.isFrozen(first.signature?.inputs[0])).toBe(true);
    expect(parseTaskCode(code, 'other')).not.toBe(first);
  });

  it('parses a 1,000-line module, and a re-parse after each edit agrees with a parse from scratch', () => {
    // How fast is `npm run bench -- parse`'s business; this checks that the incremental path gives the same answer.
    let code = largeTaskModule(1000);
    expect(parseTaskCode(code, 'perf_main').problems).toEqual([]);
    const at = code.indexOf('total = sum', code.length / 2);
    for (const insert of ['y', ' +', '(']) {
      code = `${code.slice(0, at)}${insert}${code.slice(at)}`;
      const incremental = parseTaskCode(code, 'perf_main');
      const fresh = parseTaskCode(`${code}\n`, 'perf_main');
      expect(incremental.problems.map((p) => [p.code, p.line])).toEqual(fresh.problems.map((p) => [p.code, p.line]));
    }
    expect(parseTaskCode(code, 'perf_main').problems.some((p) => p.severity === 'error')).toBe(true);
  });
});
