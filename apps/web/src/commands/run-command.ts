import { toast } from '../ui/toasts';
import type { EditorCommand } from './command';
import { commandContext } from './editor-context';

/** Runs a command if it is enabled now; errors become a toast instead of an unhandled rejection. */
export function runCommand(command: EditorCommand): void {
  const ctx = commandContext();
  if (command.enabled && !command.enabled(ctx)) return;
  try {
    const result = command.run(ctx);
    if (result instanceof Promise) result.catch(report);
  } catch (e) {
    report(e);
  }
}

function report(e: unknown): void {
  toast(e instanceof Error ? e.message : String(e), 'error');
}

export const isEnabled = (command: EditorCommand): boolean => !command.enabled || command.enabled(commandContext());
