import { afterEach, describe, expect, it } from 'vitest';
import { PythonChecker } from './python-checker';

const checkers: PythonChecker[] = [];
const fresh = () => {
  const c = new PythonChecker();
  checkers.push(c);
  return c;
};
afterEach(() => {
  for (const c of checkers.splice(0)) c.close();
});

describe('PythonChecker (one warm python3)', () => {
  it("reports Python's own syntax errors with line and column, and nothing for valid code", async () => {
    const checker = fresh();
    expect(await checker.check([['ok', 'def f(x: int) -> int:\n    return x\n']])).toEqual([]);
    expect(await checker.check([['ok', 'x = 1\n'], ['bad', 'def f(:\n    pass\n'], ['walrus', 'print(x := )\n']])).toEqual([
      ['bad', 'invalid syntax', 1, 7],
      ['walrus', 'invalid syntax', 1, 12],
    ]);
  });

  it('answers concurrent checks each with its own result, from one process', async () => {
    const checker = fresh();
    const codes = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? `def t${i}(:\n` : `t${i} = ${i}\n`));
    const results = await Promise.all(codes.map((code, i) => checker.check([[`t${i}`, code]])));
    results.forEach((r, i) => expect(r?.map((e) => e[0])).toEqual(i % 3 === 0 ? [`t${i}`] : []));
    const pid = checker.pid;
    await checker.check([['again', 'y = 2\n']]);
    expect(checker.pid).toBe(pid);
  });

  it('starts a new python3 when the old one died, and answers undefined for a check it had not answered', async () => {
    const checker = fresh();
    await checker.check([['a', 'a = 1\n']]);
    const first = checker.pid!;
    // A check of code Python takes long to parse, cut short by killing the process: no answer rather than a hang.
    const cut = checker.check([['slow', `x = ${'('.repeat(180)}1${')'.repeat(180)}\n`.repeat(3000)]]);
    process.kill(first, 'SIGKILL');
    expect(await cut).toBeUndefined();
    expect(await checker.check([['b', 'def b(:\n']])).toEqual([['b', 'invalid syntax', 1, 7]]);
    expect(checker.pid).not.toBe(first);
  });

  it('code nested deeper than the parser takes does not end the checker', async () => {
    const checker = fresh();
    const deep = `x = ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const result = await checker.check([['deep', deep], ['bad', 'def f(:\n']]);
    expect(result?.map((e) => e[0])).toContain('bad');
  });

  it('without python3 on PATH, answers undefined', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(await fresh().check([['a', 'a = 1\n']])).toBeUndefined();
    } finally {
      process.env.PATH = path;
    }
  });
});
