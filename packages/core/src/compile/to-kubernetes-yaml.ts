import { stringify } from 'yaml';
import type { CompiledPod } from './compiled-pod';

/**
 * Multi-document YAML that `kubectl apply -f` takes: every ConfigMap once (shared code ConfigMaps are
 * content-addressed), then the Pods. A preview notes, above each Pod, the inputs known only at run time.
 */
export function toKubernetesYaml(compiled: readonly CompiledPod[]): string {
  const docs: string[] = [];
  const seen = new Set<string>();
  for (const c of compiled) {
    for (const cm of c.configMaps) {
      const name = cm.metadata?.name ?? '';
      if (seen.has(name)) continue;
      seen.add(name);
      docs.push(stringify(cm, { lineWidth: 0, blockQuote: 'literal' }));
    }
  }
  for (const c of compiled) {
    const note = c.diagnostics.find((d) => d.code === 'preview-inputs-unknown');
    const header = [`# ${c.executionId} (task ${c.task})`, ...(note ? [`# inputs ${note.message}`] : [])].join('\n');
    docs.push(`${header}\n${stringify(c.pod, { lineWidth: 0, blockQuote: 'literal' })}`);
  }
  const unknown = compiled.filter((c) => c.diagnostics.some((d) => d.code === 'preview-inputs-unknown'));
  const top = unknown.length
    ? `# PREVIEW, NOT RUNNABLE AS IS: ${unknown.map((c) => c.executionId).join(', ')} ${unknown.length === 1 ? 'has inputs' : 'have inputs'} known only at run time\n` +
      '# (listed above each Pod). To run one node with kubectl: podflow compile FILE --node ID --input NAME=VALUE...\n'
    : '';
  return top + docs.map((d) => `---\n${d}`).join('');
}

/** The same objects as one JSON array (ConfigMaps, then Pods), for `podflow compile --format json`. */
export function toKubernetesObjects(compiled: readonly CompiledPod[]): unknown[] {
  const seen = new Set<string>();
  const configMaps = compiled.flatMap((c) => c.configMaps).filter((cm) => {
    const name = cm.metadata?.name ?? '';
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
  return [...configMaps, ...compiled.map((c) => c.pod)];
}
