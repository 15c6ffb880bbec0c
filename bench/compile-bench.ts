// Section "compile": validate + compile every node + write the YAML, for synthetic workflows of 100, 1,000 and
// 10,000 nodes (chain, fan-out, lattice). Each case runs in a fresh process so that its peak memory is its own.
// Baseline, same run: serialising the same document to YAML (what any tool must do to write the file at all).
import { compileWorkflow, serializeWorkflow, toKubernetesYaml, validateWorkflow } from '@podflow/core';
import { syntheticWorkflow, type SyntheticShape } from '../packages/core/src/__fixtures__/synthetic';

export function runCompileCase(shape: SyntheticShape, nodes: number, repeats: number): { ms: number[]; baselineMs: number[]; yamlBytes: number } {
  const doc = syntheticWorkflow(shape, nodes);
  const ms: number[] = [];
  const baselineMs: number[] = [];
  let yamlBytes = 0;
  for (let i = 0; i < repeats; i++) {
    let t = performance.now();
    const diagnostics = validateWorkflow(doc);
    if (diagnostics.some((d) => d.severity === 'error')) throw new Error(`synthetic ${shape} ${nodes} is invalid: ${diagnostics[0]!.message}`);
    const yaml = toKubernetesYaml(compileWorkflow(doc));
    ms.push(performance.now() - t);
    yamlBytes = yaml.length;
    t = performance.now();
    serializeWorkflow(doc);
    baselineMs.push(performance.now() - t);
  }
  return { ms, baselineMs, yamlBytes };
}
