import { scanPython, type PyToken } from './scan-python';

/**
 * The plain calls `name(` in Python code: a name token followed by `(`, not an attribute (`x.name(`) and not a
 * definition (`def name(`). This is how a dynamic task calls another task. Limits: a task passed around without a call
 * (`f = name`), a call inside an f-string, or a local function that shadows a task name are not told apart.
 */
export function taskCalls(code: string): PyToken[] {
  const tokens = scanPython(code);
  const calls: PyToken[] = [];
  for (let k = 0; k + 1 < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'name' || tokens[k + 1]!.text !== '(') continue;
    const prev = tokens[k - 1];
    if (prev && (prev.text === '.' || prev.text === 'def' || prev.text === 'class')) continue;
    calls.push(t);
  }
  return calls;
}

/** The names that code calls plainly (see `taskCalls`). */
export const calledNames = (code: string): Set<string> => new Set(taskCalls(code).map((t) => t.text));
