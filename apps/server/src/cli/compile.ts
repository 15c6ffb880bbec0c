import { compile, compileWorkflow, findNode, formatDiagnostic, formatPyType, hasErrors, mappedInputs, taskSignature, toKubernetesObjects, validateCompiledPod, validateWorkflow, writeKubernetesYaml, type CompiledPod, type Json, type WorkflowDoc, type WorkflowNode } from '@podflow/core';
import { parseCommandArgs } from './args';
import { loadWorkflowFile } from './load-workflow-file';
import { parseInputValues } from './parse-input-values';
import { UsageError, type CommandResult } from './usage-error';

/**
 * `podflow compile FILE [--node ID [--input NAME=VALUE]...] [--format yaml|json]`: the exact objects that run, for
 * `kubectl apply -f`. Without --input it is the preview (inputs known only at run time are said so at the top). With
 * --node and --input (the node's input ports) it is one Pod that runs with those inputs and prints its result where
 * `kubectl logs` shows it.
 */
export async function main(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseCommandArgs(argv, {
    node: { type: 'string' },
    input: { type: 'string', multiple: true, default: [] },
    format: { type: 'string', default: 'yaml' },
  });
  if (values.format !== 'yaml' && values.format !== 'json') throw new UsageError(`--format must be yaml or json, not "${values.format}"`);
  if (values.input.length > 0 && values.node === undefined) throw new UsageError('--input names a node\'s input ports: give --node ID too');
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
  const node = values.node !== undefined ? findNode(doc, values.node) : undefined;
  if (values.node !== undefined && !node) {
    throw new UsageError(`no node "${values.node}" in ${positionals[0]} (nodes: ${(doc.spec.nodes ?? []).map((n) => n.id).join(', ')})`);
  }
  let compiled: CompiledPod[];
  if (node && values.input.length > 0) compiled = [compileRunnable(doc, node, values.input)];
  else compiled = node ? [compile(doc, node.id)] : compileWorkflow(doc);
  for (const d of compiled.flatMap((c) => validateCompiledPod(doc, c))) if (d.severity !== 'info') process.stderr.write(`${formatDiagnostic(d)}\n`);
  const out = bufferedStdout();
  if (values.format === 'json') out.write(`${JSON.stringify(toKubernetesObjects(compiled), null, 2)}\n`);
  else writeKubernetesYaml(compiled, out.write);
  await out.end();
  return { exitCode: 0 };
}

/** One node with its input ports given (a map node: one item, so a mapped port takes one element). */
function compileRunnable(doc: WorkflowDoc, node: WorkflowNode, given: readonly string[]): CompiledPod {
  const sig = taskSignature(doc, node.task);
  const ports = new Map((sig?.inputs ?? []).map((i) => [i.name, formatPyType(i.type)]));
  const inputs: Record<string, Json> = { ...constantsAndDefaults(doc, node), ...parseInputValues(given, ports, `node ${node.id}`) };
  const missing = (sig?.inputs ?? []).filter((i) => !i.optional && !(i.name in inputs)).map((i) => i.name);
  if (missing.length > 0) {
    throw new UsageError(`node ${node.id} needs ${missing.map((m) => `--input ${m}=…`).join(' ')} to run (the pod would fail with "missing input")`);
  }
  return compile(doc, node.id, { runId: 'manual', attempt: 0, inputs, standalone: true });
}

/** Constants and workflow-input defaults bound to the node, as the preview knows them (a mapped port is left out). */
function constantsAndDefaults(doc: WorkflowDoc, node: WorkflowNode): Record<string, Json> {
  const mapped = new Set(mappedInputs(doc, node));
  return Object.fromEntries(Object.entries(compile(doc, node.id).inputs).filter(([name]) => !mapped.has(name)));
}

/** Stdout in pieces of about 64 KiB (a write per small YAML chunk would cost more than the writing itself). */
function bufferedStdout(): { write: (chunk: string) => void; end: () => Promise<void> } {
  let pending: string[] = [];
  let size = 0;
  const flush = (done?: () => void) => {
    process.stdout.write(pending.join(''), done);
    pending = [];
    size = 0;
  };
  return {
    write: (chunk) => {
      pending.push(chunk);
      size += chunk.length;
      if (size >= 65536) flush();
    },
    end: () => new Promise<void>((resolve) => flush(resolve)),
  };
}
