import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePython, parsePythonIncrementally, treeHasError } from './python-tree';

describe('parsePythonIncrementally', () => {
  const base = [
    'from typing import List, NamedTuple',
    'class Out(NamedTuple):',
    '    a: int',
    'def main(x: int, names: List[str] = []) -> Out:',
    '    with (open(p) as f):',
    '        return Out(len(names) + x)',
    'def other(y) -> "str":',
    '    return f"{y!r}"',
    '',
  ].join('\n');
  const edit = fc.record({
    at: fc.nat({ max: base.length }),
    remove: fc.nat({ max: 6 }),
    insert: fc.constantFrom('', 'x', ' ', '\n', '(', ')', ':', '"', '    ', 'def ', ', b: int', '#', '|None', '\n    y = 1\n'),
  });

  it('builds the same tree as a parse from scratch, edit after edit', () => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        const key = `incremental-test-${run++}`;
        let code = base;
        parsePythonIncrementally(code, key);
        for (const e of edits) {
          const at = Math.min(e.at, code.length);
          code = code.slice(0, at) + e.insert + code.slice(at + e.remove);
          expect(parsePythonIncrementally(code, key).toString()).toBe(parsePython(code).toString());
        }
      }),
      { numRuns: 150 },
    );
  });

  it('returns the previous tree for unchanged code', () => {
    const tree = parsePythonIncrementally('x = 1\n', 'same');
    expect(parsePythonIncrementally('x = 1\n', 'same')).toBe(tree);
  });
});

describe('treeHasError', () => {
  it('finds error nodes', () => {
    expect(treeHasError(parsePython('x = 1\n'))).toBe(false);
    expect(treeHasError(parsePython('x = = 1\n'))).toBe(true);
  });
});
