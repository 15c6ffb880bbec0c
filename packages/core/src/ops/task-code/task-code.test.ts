import { describe, expect, it } from 'vitest';
import { renameCalls } from './rename-calls';
import { renameDefinition } from './rename-definition';
import { calledNames } from './task-calls';

describe('renameDefinition', () => {
  it('renames only the top-level def line', () => {
    const code = [
      '@decorator',
      'async def old(x: int) -> int:',
      '    """def old(x): in a docstring"""',
      '    def old(y):  # a nested helper keeps its name',
      '        return y',
      '    return old(x)',
      's = "def old("',
      'def old (z): pass',
      'def older(): pass',
    ].join('\n');
    expect(renameDefinition(code, 'old', 'new')).toBe(code.replace('async def old(', 'async def new(').replace('def old (z)', 'def new (z)'));
  });

  it('skips a def inside a triple-quoted string at column 0', () => {
    const code = 'X = """\ndef old(a):\n"""\ndef old(a: int) -> int:\n    return a\n';
    expect(renameDefinition(code, 'old', 'new')).toBe('X = """\ndef old(a):\n"""\ndef new(a: int) -> int:\n    return a\n');
  });

  it('skips a def continued inside brackets and tolerates unterminated strings', () => {
    expect(renameDefinition('x = (\ndef old(', 'old', 'new')).toBe('x = (\ndef old(');
    expect(renameDefinition("s = 'open\ndef old(a): pass", 'old', 'new')).toBe("s = 'open\ndef new(a): pass");
  });
});

describe('renameCalls / calledNames', () => {
  const code = [
    'def dyn(n: int) -> list[str]:',
    '    out = [stringify(x=i) for i in range(n)]',
    '    obj.stringify(1)  # attribute, not a task call',
    '    f = stringify  # a reference, not a call (known limit)',
    '    s = "stringify(" + r\'stringify(\' + f"{stringify(1)}"',
    '    return stringify2(x=1) + stringify (x=2)',
  ].join('\n');

  it('renames plain calls only', () => {
    const renamed = renameCalls(code, 'stringify', 'to_text');
    expect(renamed).toContain('[to_text(x=i)');
    expect(renamed).toContain('obj.stringify(1)');
    expect(renamed).toContain('f = stringify');
    expect(renamed).toContain('s = "stringify(" + r\'stringify(\' + f"{stringify(1)}"');
    expect(renamed).toContain('stringify2(x=1) + to_text (x=2)');
  });

  it('lists called names, without definitions and attributes', () => {
    expect([...calledNames(code)].sort()).toEqual(['range', 'stringify', 'stringify2']);
  });

  it('does not mistake string prefixes, numbers or unicode names', () => {
    expect([...calledNames('x = rb"a(" + 1e5 + données(1) + f(2)')].sort()).toEqual(['données', 'f']);
  });
});
