import { compile, nodesOf, validateCompiledPod, serializeWorkflow, toFlytekitModule, toKubernetesYaml, validateWorkflow, type CompiledPod, type WorkflowDoc } from '@podflow/core';

export type ExportScope = 'node' | 'all' | 'workflow' | 'flytekit';

export interface ExportContent {
  text: string;
  filename: string;
  /** "2 ConfigMaps · 1 Pod" */
  summary: string;
  /** Nodes that could not be compiled, with why. */
  failures: { nodeId: string; message: string }[];
  errors: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What the export dialog offers: one node's objects, every node's (multi-document YAML), or the workflow file. */
export function exportContent(doc: WorkflowDoc, scope: ExportScope, nodeId?: string): ExportContent {
  const name = doc.metadata.name || 'workflow';
  if (scope === 'flytekit') {
    const exported = toFlytekitModule(doc);
    const filename = `${name.replace(/[^A-Za-z0-9_]+/g, '_')}.py`;
    if (!exported.ok) {
      return { text: '', filename, summary: 'Not expressible as a flytekit module', failures: exported.diagnostics.map((d) => ({ nodeId: d.nodeId ?? d.task ?? d.path, message: `${d.path}: ${d.message}` })), errors: exported.diagnostics.length };
    }
    return { text: exported.module, filename, summary: `flytekit module · ${plural((doc.spec.tasks ?? []).length, 'task')} · @workflow ${name.replace(/-/g, '_')}`, failures: [], errors: 0 };
  }
  if (scope === 'workflow') {
    const errors = validateWorkflow(doc).filter((d) => d.severity === 'error').length;
    return { text: serializeWorkflow(doc), filename: `${name}.podflow.yaml`, summary: `${plural(nodesOf(doc).length, 'node')} · ${plural((doc.spec.tasks ?? []).length, 'task')}`, failures: [], errors };
  }
  const ids = scope === 'node' && nodeId ? [nodeId] : nodesOf(doc).map((n) => n.id as string);
  const compiled: CompiledPod[] = [];
  const failures: ExportContent['failures'] = [];
  for (const id of ids) {
    try {
      compiled.push(compile(doc, id));
    } catch (e) {
      failures.push({ nodeId: id, message: e instanceof Error ? e.message : String(e) });
    }
  }
  const configMaps = new Set(compiled.flatMap((c) => c.configMaps.map((cm) => cm.metadata?.name))).size;
  const errors = compiled.reduce((n, c) => n + validateCompiledPod(doc, c).filter((d) => d.severity === 'error').length, 0);
  return {
    text: compiled.length ? toKubernetesYaml(compiled) : '',
    filename: scope === 'node' && nodeId ? `${name}-${nodeId}.yaml` : `${name}.k8s.yaml`,
    summary: `${plural(configMaps, 'ConfigMap')} · ${plural(compiled.length, 'Pod')}`,
    failures,
    errors,
  };
}
