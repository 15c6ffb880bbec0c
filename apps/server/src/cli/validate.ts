import { formatDiagnostic, hasErrors } from '@podflow/core';
import { parseCommandArgs } from './args';
import { loadWorkflowFile } from './load-workflow-file';
import { checkRunWithPython } from '../validation/python-syntax';
import type { CommandResult } from './usage-error';

/** `podflow validate FILE [--json]`: exit 1 only on errors; warnings are printed. */
export async function main(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
  const loaded = await loadWorkflowFile(positionals[0]);
  if (!loaded.ok) {
    if (values.json) process.stdout.write(`${JSON.stringify({ valid: false, parseErrors: loaded.message.split('\n'), diagnostics: [] })}\n`);
    else process.stderr.write(`${loaded.message}\n`);
    return { exitCode: 1 };
  }
  const { diagnostics } = await checkRunWithPython(loaded.doc);
  const valid = !hasErrors(diagnostics);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ valid, diagnostics }, null, 2)}\n`);
  } else {
    for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    process.stderr.write(`${positionals[0]}: ${valid ? 'valid' : 'invalid'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})\n`);
  }
  return { exitCode: valid ? 0 : 1 };
}
