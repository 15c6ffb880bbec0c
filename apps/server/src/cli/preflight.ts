import { formatDiagnostic, hasErrors } from '@podflow/core';
import { loadKubeConfig } from '../executors/kubernetes/load-kube-config';
import { preflight } from '../executors/kubernetes/preflight';
import { parseCommandArgs } from './args';
import { loadWorkflowFile } from './load-workflow-file';
import { checkRunWithPython } from '../validation/python-syntax';
import { UsageError, type CommandResult } from './usage-error';

/** Exit codes of `podflow preflight`. */
export const PREFLIGHT_EXIT = { ok: 0, refused: 1, invalid: 2, unreachable: 3 } as const;

/**
 * `podflow preflight FILE [--kubeconfig F] [--context C] [--namespace N] [--json]` (issue #17 §3): checks the
 * workflow's compiled pods against the live cluster without creating anything. Diagnostics go to stderr (`--json`:
 * `{"ok","namespace","server","counts","diagnostics"}` on stdout). Exit 0: no errors (warnings are printed);
 * 1: the cluster would refuse a pod, an object is missing, no node fits, or access is denied; 2: usage or an invalid
 * workflow; 3: the cluster cannot be reached.
 */
export async function main(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseCommandArgs(argv, {
    json: { type: 'boolean', default: false },
    kubeconfig: { type: 'string' },
    context: { type: 'string' },
    namespace: { type: 'string' },
  });
  if (positionals.length > 1) throw new UsageError(`expected one FILE, got ${positionals.length}: ${positionals.join(' ')}`);
  const loaded = await loadWorkflowFile(positionals[0]);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    return { exitCode: PREFLIGHT_EXIT.invalid };
  }
  const invalid = (await checkRunWithPython(loaded.doc)).blockers;
  if (invalid.length > 0) {
    process.stderr.write(`${invalid.map(formatDiagnostic).join('\n')}\n${positionals[0]}: invalid (${invalid.length} error${invalid.length === 1 ? '' : 's'}); fix these before checking against a cluster\n`);
    return { exitCode: PREFLIGHT_EXIT.invalid };
  }
  let kubeConfig;
  try {
    kubeConfig = loadKubeConfig({ ...(values.kubeconfig ? { kubeconfigPath: values.kubeconfig } : {}), ...(values.context ? { context: values.context } : {}) });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const result = await preflight(loaded.doc, { kubeConfig, ...(values.namespace ? { namespace: values.namespace } : {}) });
  const ok = !hasErrors(result.diagnostics);
  if (values.json) process.stdout.write(`${JSON.stringify({ ok, ...result }, null, 2)}\n`);
  else {
    for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const c = result.counts;
    process.stderr.write(
      `${positionals[0]}: ${ok ? 'the cluster would accept it' : `${errors} problem${errors === 1 ? '' : 's'}`} (namespace ${result.namespace} at ${result.server}; ${c.pods} pods, ${c.dryRuns} dry runs, ${c.references} objects, ${c.nodes} nodes, ${c.accessReviews} access reviews)\n`,
    );
  }
  if (result.diagnostics.some((d) => d.code === 'preflight-unreachable')) return { exitCode: PREFLIGHT_EXIT.unreachable };
  return { exitCode: ok ? PREFLIGHT_EXIT.ok : PREFLIGHT_EXIT.refused };
}
