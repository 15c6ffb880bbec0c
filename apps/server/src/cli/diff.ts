import { diffEntries, diffWorkflows, isEmptyDiff } from '@podflow/core/diff';
import { parseCommandArgs } from './args';
import { loadWorkflowFile } from './load-workflow-file';
import { UsageError, type CommandResult } from './usage-error';

/**
 * `podflow diff FILE_A FILE_B [--json]`: what changed from A to B — the same diff and the same words as the History
 * dialog's comparison. Exit codes as diff(1): 0 the same workflow, 1 different, 2 a file could not be read or parsed.
 */
export async function main(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
  if (positionals.length !== 2) throw new UsageError(`expected two files (FILE_A FILE_B), got ${positionals.length}`);
  const [fileA, fileB] = positionals as [string, string];
  const [a, b] = await Promise.all([loadWorkflowFile(fileA), loadWorkflowFile(fileB)]);
  const failed = [a, b].flatMap((l) => (l.ok ? [] : [l.message]));
  if (!a.ok || !b.ok) {
    process.stderr.write(`${failed.join('\n')}\n`);
    return { exitCode: 2 };
  }
  const diff = diffWorkflows(a.doc, b.doc);
  const same = isEmptyDiff(diff);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ same, diff, changes: diffEntries(diff) }, null, 2)}\n`);
  } else if (same) {
    process.stdout.write(`no changes between ${fileA} and ${fileB}\n`);
  } else {
    const entries = diffEntries(diff);
    const width = Math.max(...entries.map((e) => e.status.length));
    for (const e of entries) process.stdout.write(`${e.status.padEnd(width)}  ${e.what.toLowerCase()} ${e.title}${e.detail ? `: ${e.detail}` : ''}\n`);
  }
  return { exitCode: same ? 0 : 1 };
}
