/** A Python module of about `lineCount` lines of varied, valid syntax, ending with the task `perf_main`. */
export function largeTaskModule(lineCount: number): string {
  const lines = ['from typing import List, Optional', 'import os, time', ''];
  for (let i = 0; lines.length < lineCount; i++) {
    lines.push(
      `@decorator(arg=${i})`,
      `def task_${i}(a: int, b: List[str], c: Optional[float] = None, *, d: dict = {}) -> str:`,
      `    """Docstring ${i}."""`,
      '    total = sum(x * 2 for x in range(a) if x % 3)',
      `    with open(f"/tmp/{a}_${i}.txt", "w") as f:`,
      '        f.write(str([s.upper() for s in b]))',
      '    if (n := len(b)) > 10:',
      '        return f"{n!r:>10}"',
      `    return helper_${i}(total, c)`,
      '',
    );
  }
  return `${lines.join('\n')}\ndef perf_main(x: int) -> str:\n    return str(x)\n`;
}
