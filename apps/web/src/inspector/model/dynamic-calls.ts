/**
 * The calls a dynamic task's code makes to other tasks (DESIGN §2, §8): each must name a task of the workflow and
 * pass keyword arguments only. Builtins, functions the code defines and names it imports are not task calls.
 */
import { parseTaskCode, taskCalls, tasksOf, type Task, type WorkflowDoc } from '@podflow/core';

export interface DynamicCall {
  name: string;
  /** 1-based. */
  line: number;
  col: number;
  endCol: number;
  status: 'task' | 'unknown' | 'positional';
  message?: string;
}

const BUILTINS = new Set(
  (
    'abs all any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex delattr dict dir divmod ' +
    'enumerate eval exec filter float format frozenset getattr globals hasattr hash help hex id input int isinstance issubclass ' +
    'iter len list locals map max memoryview min next object oct open ord pow print property range repr reversed round set ' +
    'setattr slice sorted staticmethod str sum super tuple type vars zip __import__ ' +
    'Exception ValueError TypeError KeyError IndexError RuntimeError AssertionError NotImplementedError AttributeError ' +
    'StopIteration ZeroDivisionError OSError FileNotFoundError ' +
    'NamedTuple TypedDict cast Optional List Dict'
  ).split(' '),
);

function importedNames(code: string): Set<string> {
  const out = new Set<string>();
  for (const m of code.matchAll(/^\s*import\s+([^\n#]+)/gm)) {
    for (const part of m[1]!.split(',')) {
      const [mod, alias] = part.trim().split(/\s+as\s+/);
      out.add((alias ?? mod!.split('.')[0]!).trim());
    }
  }
  for (const m of code.matchAll(/^\s*from\s+\S+\s+import\s+\(?([^)\n#]+)\)?/gm)) {
    for (const part of m[1]!.split(',')) {
      const [name, alias] = part.trim().split(/\s+as\s+/);
      if (name) out.add((alias ?? name).trim());
    }
  }
  for (const m of code.matchAll(/^\s*class\s+([A-Za-z_]\w*)/gm)) out.add(m[1]!);
  return out;
}

function lineCol(code: string, offset: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = code.indexOf('\n'); i !== -1 && i < offset; i = code.indexOf('\n', i + 1)) {
    line += 1;
    last = i;
  }
  return { line, col: offset - last };
}

export function dynamicCalls(doc: WorkflowDoc, task: Task): DynamicCall[] {
  const info = parseTaskCode(task.code, task.name);
  const tasks = new Set(tasksOf(doc).map((t) => t.name));
  const local = new Set([...info.functions, ...importedNames(task.code)]);
  const out: DynamicCall[] = [];
  for (const token of taskCalls(task.code)) {
    const name = token.text;
    if (BUILTINS.has(name) || (local.has(name) && !tasks.has(name))) continue;
    const { line, col } = lineCol(task.code, token.start);
    const at = { name, line, col, endCol: col + name.length };
    if (!tasks.has(name)) {
      out.push({ ...at, status: 'unknown', message: `"${name}" is not a task of this workflow (nor a builtin, an import or a function defined here)` });
      continue;
    }
    const rest = task.code.slice(token.end).replace(/^\s*\(\s*/, '');
    const positional = !(rest.startsWith(')') || /^[A-Za-z_]\w*\s*=(?!=)/.test(rest) || rest.startsWith('**'));
    out.push(positional ? { ...at, status: 'positional', message: `call the task "${name}" with keyword arguments only (${name}(param=value))` } : { ...at, status: 'task' });
  }
  return out;
}
