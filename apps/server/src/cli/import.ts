import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatDiagnostic, serializeWorkflow } from '@podflow/core';
import { formatImportDiagnostic, importFlyteModule } from '../flyte/import-flyte-module';
import { parseCommandArgs } from './args';
import { UsageError, type CommandResult } from './usage-error';

/**
 * `podflow import flyte MODULE.py [--workflow NAME] [--out DIR] [--python PATH]`: reads the module with flytekit and
 * writes DIR/NAME.podflow.yaml per @workflow (NAME: the function's name with _ → -), printing each path. Exit 1 when
 * anything was refused (the rest is still written), 2 on usage errors.
 */
export async function main(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseCommandArgs(argv, { workflow: { type: 'string' }, out: { type: 'string', default: '.' }, python: { type: 'string' } });
  const [format, file, ...extra] = positionals;
  if (format !== 'flyte') throw new UsageError(`the only import format is flyte (podflow import flyte MODULE.py), not "${format ?? ''}"`);
  if (!file) throw new UsageError('missing MODULE.py (a flytekit module)');
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  const result = await importFlyteModule(file, { ...(values.workflow ? { workflow: values.workflow } : {}), ...(values.python ? { python: values.python } : {}) });
  if (!result.ok) {
    process.stderr.write(`podflow import: ${result.message}\n`);
    return { exitCode: result.reason === 'no-workflow' ? 2 : 1 };
  }
  for (const d of result.diagnostics) process.stderr.write(`${formatImportDiagnostic(d)}\n`);
  await mkdir(values.out, { recursive: true });
  for (const w of result.workflows) {
    for (const d of w.diagnostics.filter((x) => x.severity === 'warning')) process.stderr.write(`${w.doc.metadata.name}: ${formatDiagnostic(d)}\n`);
    const path = join(values.out, `${w.doc.metadata.name}.podflow.yaml`);
    await writeFile(path, serializeWorkflow(w.doc));
    process.stdout.write(`${path}\n`);
  }
  return { exitCode: result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0 };
}
