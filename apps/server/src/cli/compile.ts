import { compile, compileWorkflow, validateCompiledPod, findNode, formatDiagnostic, hasErrors, toKubernetesObjects, toKubernetesYaml, validateWorkflow } from '@podflow/core';
import { parseCommandArgs } from './args';
import { loadWorkflowFile } from './load-workflow-file';
import { UsageError, type CommandResult } from './usage-error';

/** `podflow compile FILE [--node ID] [--format yaml|json]`: the exact objects that run, for `kubectl apply -f`. */
export async function main(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseCommandArgs(argv, { node: { type: 'string' }, format: { type: 'string', default: 'yaml' } });
  if (values.format !== 'yaml' && values.format !== 'json') throw new UsageError(`--format must be yaml or json, not "${values.format}"`);
  const loaded = await loadWorkflowFile(positionals[0]);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    return { exitCode: 1 };
  }
  const { doc } = loaded;
  const diagnostics = validateWorkflow(doc);
  if (hasErrors(diagnostics)) {
    for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    process.stderr.write(`${positionals[0]}: not compiled, the workflow has errors\n`);
    return { exitCode: 1 };
  }
  if (values.node !== undefined && !findNode(doc, values.node)) {
    throw new UsageError(`no node "${values.node}" in ${positionals[0]} (nodes: ${(doc.spec.nodes ?? []).map((n) => n.id).join(', ')})`);
  }
  const compiled = values.node !== undefined ? [compile(doc, values.node)] : compileWorkflow(doc);
  for (const d of compiled.flatMap((c) => validateCompiledPod(doc, c))) if (d.severity !== 'info') process.stderr.write(`${formatDiagnostic(d)}\n`);
  process.stdout.write(values.format === 'json' ? `${JSON.stringify(toKubernetesObjects(compiled), null, 2)}\n` : toKubernetesYaml(compiled));
  return { exitCode: 0 };
}
