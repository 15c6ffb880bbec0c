import type { CompiledPod } from './compiled-pod';
import { collectText, writeYaml, type YamlSink } from './yaml-writer';

/**
 * Multi-document YAML that `kubectl apply -f` takes: every ConfigMap once (shared code ConfigMaps are
 * content-addressed), then the Pods. A preview notes, above each Pod, the inputs known only at run time.
 * Written piece by piece to `out` (the CLI streams it to stdout).
 */
export function writeKubernetesYaml(compiled: readonly CompiledPod[], out: YamlSink): void {
  const unknown = compiled.filter((c) => c.diagnostics.some((d) => d.code === 'preview-inputs-unknown'));
  if (unknown.length > 0) {
    out(`# PREVIEW, NOT RUNNABLE AS IS: ${unknown.map((c) => c.executionId).join(', ')} ${unknown.length === 1 ? 'has inputs' : 'have inputs'} known only at run time\n`);
    out('# (listed above each Pod). To run one node with kubectl: podflow compile FILE --node ID --input NAME=VALUE...\n');
  }
  const seen = new Set<string>();
  for (const c of compiled) {
    for (const cm of c.configMaps) {
      const name = cm.metadata?.name ?? '';
      if (seen.has(name)) continue;
      seen.add(name);
      out('---\n');
      writeYaml(cm, out);
    }
  }
  for (const c of compiled) {
    const note = c.diagnostics.find((d) => d.code === 'preview-inputs-unknown');
    out(`---\n# ${c.executionId} (task ${c.task})\n`);
    if (note) out(`# inputs ${note.message.replace(/\n/g, ' ')}\n`);
    writeYaml(c.pod, out);
  }
}

/** The same, as one string. */
export function toKubernetesYaml(compiled: readonly CompiledPod[]): string {
  return collectText((out) => writeKubernetesYaml(compiled, out));
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
