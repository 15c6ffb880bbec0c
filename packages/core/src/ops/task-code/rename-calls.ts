import { replaceSpans } from './rename-definition';
import { taskCalls } from './task-calls';

/** Renames the plain calls `oldName(` in code to `newName(` (see `taskCalls` for what counts as a call). */
export function renameCalls(code: string, oldName: string, newName: string): string {
  const spans = taskCalls(code).filter((t) => t.text === oldName).map((t) => [t.start, t.end] as const);
  return replaceSpans(code, spans, newName);
}
