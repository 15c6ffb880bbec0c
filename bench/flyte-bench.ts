// Flyte in and out (issue #15): the time to import the seed module with `podflow import flyte` — a Python process that
// imports flytekit, loads the module and walks its four workflows — beside what flytekit's import alone costs (a
// Python that only does `import flytekit, flytekitplugins.pod`), and the export of the four seed workflows.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWorkflowOrThrow, toFlytekitModule } from '@podflow/core';
import { ensureFlyteVenv } from '../scripts/flyte/venv.mjs';
import type { Row } from './main';
import { stat } from './stats';

const SEEDS = ['pod-workflow', 'multiple-containers-pod-workflow', 'map-pod-workflow', 'dynamic-pod-workflow'];

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return performance.now() - t;
}

export async function runFlyteSection(root: string): Promise<Row[]> {
  const python = ensureFlyteVenv();
  const out = mkdtempSync(join(tmpdir(), 'podflow-bench-flyte-'));
  try {
    const env = { ...process.env, PODFLOW_FLYTE_PYTHON: python };
    const cli = join(root, 'apps/server/bin/podflow.mjs');
    const module = join(root, 'examples/flyte/pod_example.py');
    const importMs: number[] = [];
    const flytekitOnly: number[] = [];
    timed(process.execPath, [cli, 'import', 'flyte', module, '--out', out], env); // warm the page cache once
    for (let i = 0; i < 5; i++) {
      importMs.push(timed(process.execPath, [cli, 'import', 'flyte', module, '--out', out], env));
      flytekitOnly.push(timed(python, ['-W', 'ignore', '-c', 'import flytekit, flytekitplugins.pod']));
    }
    const docs = SEEDS.map((n) => parseWorkflowOrThrow(readFileSync(join(root, 'examples/seed', `${n}.podflow.yaml`), 'utf8')));
    const exportMs: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      for (const doc of docs) if (!toFlytekitModule(doc).ok) throw new Error('export refused a seed workflow');
      exportMs.push(performance.now() - t);
    }
    return [
      {
        section: 'flyte',
        case: 'podflow import flyte of the seed module (4 workflows), whole CLI process',
        value: stat(importMs),
        unit: ' ms',
        baseline: { name: 'python: import flytekit and the pod plugin only', value: stat(flytekitOnly), unit: ' ms' },
        note: 'flytekit 1.16.31; the difference is Node start, the module load and the walk',
      },
      { section: 'flyte', case: 'export the 4 seed workflows as flytekit modules (in process)', value: stat(exportMs), unit: ' ms' },
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
