import { formatDiagnostic, toArgoObjects, toArgoWorkflow, toArgoYaml, type ArgoExport, type WorkflowDoc } from '@podflow/core';
import { parseCommandArgs } from './args';
import { loadWorkflowFile } from './load-workflow-file';
import { checkRunWithPython } from '../validation/python-syntax';
import { parseInputs } from './run';
import { UsageError, type CommandResult } from './usage-error';


/**
 * Loads, checks (Python's own syntax check included) and exports FILE as Argo objects; diagnostics go to stderr.
 * Shared by `export argo` and `submit argo`.
 */
export async function exportArgoFile(file: string | undefined, values: { input: string[]; 'generate-name': boolean; template: boolean }): Promise<{ ok: true; exported: Extract<ArgoExport, { ok: true }>; doc: WorkflowDoc } | { ok: false }> {
  const loaded = await loadWorkflowFile(file);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    return { ok: false };
  }
  const errors = (await checkRunWithPython(loaded.doc)).blockers;
  if (errors.length > 0) {
    process.stderr.write(`${errors.map(formatDiagnostic).join('\n')}\n${file}: not exported, the workflow has errors\n`);
    return { ok: false };
  }
  const inputs = parseInputs(loaded.doc, values.input);
  const exported = toArgoWorkflow(loaded.doc, { inputs, generateName: values['generate-name'], template: values.template });
  for (const d of exported.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (!exported.ok) {
    process.stderr.write(`${file}: not exported to Argo; see docs/argo-export.md for what Argo cannot express\n`);
    return { ok: false };
  }
  return { ok: true, exported, doc: loaded.doc };
}

/**
 * `podflow export argo FILE [--input NAME=VALUE]... [--generate-name] [--template] [--format yaml|json]`: the code
 * ConfigMaps and an Argo Workflow (or WorkflowTemplate) on stdout. Exit 1 when the workflow is invalid or uses what
 * Argo cannot express (each reason names its node), 2 on a usage error.
 */
export async function main(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseCommandArgs(argv, {
    input: { type: 'string', multiple: true, default: [] },
    'generate-name': { type: 'boolean', default: false },
    template: { type: 'boolean', default: false },
    format: { type: 'string', default: 'yaml' },
  });
  if (values.format !== 'yaml' && values.format !== 'json') throw new UsageError(`--format must be yaml or json, not "${values.format}"`);
  if (positionals.length > 1) throw new UsageError(`expected one FILE, got ${positionals.length}: ${positionals.join(' ')}`);
  if (values.template && values['generate-name']) throw new UsageError('--generate-name is for a Workflow; a WorkflowTemplate keeps its name (argo submit --from workflowtemplate/NAME generates run names)');
  const result = await exportArgoFile(positionals[0], values);
  if (!result.ok) return { exitCode: 1 };
  process.stdout.write(values.format === 'json' ? `${JSON.stringify(toArgoObjects(result.exported), null, 2)}\n` : toArgoYaml(result.exported));
  return { exitCode: 0 };
}
