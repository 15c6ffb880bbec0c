// Section "cli": the wall time of the built `podflow` command (apps/server/bin/podflow.mjs, the split bundle) from
// process start to exit — `--help`, `validate` and `compile` of a seed example — and of `python3 -I -S -c pass`, the
// floor of `validate`'s own Python syntax check. Baseline, same run, interleaved: `node -e 0`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Row } from './main';
import { stat } from './stats';

const REPEATS = 9;

function wallMs(command: string, args: string[], cwd: string): number {
  const t = performance.now();
  const r = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

export async function runCliSection(root: string): Promise<Row[]> {
  const bin = join(root, 'apps/server/bin/podflow.mjs');
  const seed = join(root, 'examples/seed/map-pod-workflow.podflow.yaml');
  const cases: [string, string, string[]][] = [
    ['`podflow --help`', process.execPath, [bin, '--help']],
    ['`podflow validate` of seed map-pod-workflow', process.execPath, [bin, 'validate', seed]],
    ['`podflow compile` of seed map-pod-workflow', process.execPath, [bin, 'compile', seed]],
    ['`python3 -I -S -c pass` (validate\'s Python check, its start alone)', 'python3', ['-I', '-S', '-c', 'pass']],
  ];
  const baseline: number[] = [];
  const samples = cases.map(() => [] as number[]);
  wallMs(process.execPath, [bin, 'validate', seed], root); // warm the file cache, not counted
  for (let i = 0; i < REPEATS; i++) {
    baseline.push(wallMs(process.execPath, ['-e', '0'], root));
    cases.forEach(([, command, args], j) => samples[j]!.push(wallMs(command, args, root)));
  }
  const base = { name: '`node -e 0`', value: stat(baseline), unit: ' ms' };
  return cases.map(([name], j) => ({ section: 'cli', case: name, value: stat(samples[j]!), unit: ' ms', baseline: base, note: `${REPEATS} runs each, interleaved with the baseline; wall time from spawn to exit` }));
}
