// Section "argo": `podflow export argo` of synthetic workflows (the 1,000-node lattice is the one issue #14 asks for):
// validate + toArgoWorkflow (which compiles every node through the pod compiler) + YAML. Baseline, same run: the
// pod export of the same document (validate + compile every node + YAML). The note gives what Argo's own validator
// (scripts/argo, when built) takes to check the output.
import { spawnSync } from 'node:child_process';
import { compileWorkflow, toArgoWorkflow, toArgoYaml, toKubernetesYaml, validateWorkflow } from '@podflow/core';
import { syntheticWorkflow, type SyntheticShape } from '../packages/core/src/__fixtures__/synthetic';
import type { Row } from './main';
import { stat } from './stats';

function exportArgo(shape: SyntheticShape, nodes: number): string {
  const e = toArgoWorkflow(syntheticWorkflow(shape, nodes));
  if (!e.ok) throw new Error(`${shape} ${nodes}: refused: ${e.diagnostics[0]?.message}`);
  return toArgoYaml(e);
}

function validatorMs(root: string, yaml: string): string {
  const built = spawnSync('bash', [`${root}/scripts/argo/build-validator.sh`], { encoding: 'utf8' });
  const bin = built.status === 0 ? built.stdout.trim().split('\n').pop() : undefined;
  if (!bin) return "Argo's validator not built (no Go)";
  const t = performance.now();
  const r = spawnSync(bin, ['-'], { input: yaml, encoding: 'utf8', maxBuffer: 256 << 20 });
  const ms = performance.now() - t;
  return r.status === 0 ? `Argo v4.0.5's validator accepts it in ${ms.toFixed(0)} ms` : `Argo's validator REFUSED it: ${r.stdout.slice(0, 200)}`;
}

export async function runArgoSection(root: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [shape, nodes, repeats] of [['lattice', 100, 9], ['lattice', 1000, 5], ['chain', 1000, 5], ['lattice', 10000, 3]] as const) {
    const doc = syntheticWorkflow(shape, nodes);
    const ms: number[] = [];
    const baselineMs: number[] = [];
    let yaml = '';
    for (let i = 0; i < repeats; i++) {
      let t = performance.now();
      yaml = exportArgo(shape, nodes);
      ms.push(performance.now() - t);
      t = performance.now();
      if (validateWorkflow(doc).some((d) => d.severity === 'error')) throw new Error('invalid');
      toKubernetesYaml(compileWorkflow(doc));
      baselineMs.push(performance.now() - t);
    }
    rows.push({
      section: 'argo',
      case: `export argo, ${shape} ${nodes} nodes: validate + map + YAML`,
      value: stat(ms),
      unit: ' ms',
      baseline: { name: 'pod export of the same document', value: stat(baselineMs), unit: ' ms' },
      note: `${(yaml.length / 1024 / 1024).toFixed(1)} MiB of YAML${nodes === 1000 && shape === 'lattice' ? `; ${validatorMs(root, yaml)}` : ''}`,
    });
  }
  return rows;
}
