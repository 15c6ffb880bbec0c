import { formatDiagnostic, toFlytekitModule } from '@podflow/core';
import { parseCommandArgs } from './args';
import { loadWorkflowFile } from './load-workflow-file';
import { UsageError, type CommandResult } from './usage-error';

/** `podflow export flyte FILE`: the workflow as a flytekit module on stdout. Refusals go to stderr, exit 1. */
export async function main(argv: string[]): Promise<CommandResult> {
  const { positionals } = parseCommandArgs(argv, {});
  const [format, file, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  switch (format) {
    case 'flyte': {
      const loaded = await loadWorkflowFile(file);
      if (!loaded.ok) {
        process.stderr.write(`${loaded.message}\n`);
        return { exitCode: 1 };
      }
      const exported = toFlytekitModule(loaded.doc);
      if (!exported.ok) {
        for (const d of exported.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
        process.stderr.write(`${file}: not exported as a flytekit module\n`);
        return { exitCode: 1 };
      }
      process.stdout.write(exported.module);
      return { exitCode: 0 };
    }
    default:
      throw new UsageError(`export format must be flyte, not "${format ?? ''}" (podflow export flyte FILE > module.py)`);
  }
}
