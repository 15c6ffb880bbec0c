// Baselines for the map benchmark, measured in the same run: what a 1,000-item map of `return str(x)` costs without
// Podflow — a fresh interpreter per item (200 of them from a shell loop, scaled to 1,000), and one interpreter
// calling the function 1,000 times.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function pythonPerItemProcessesMs(items = 200): number {
  const script = `for i in $(seq 1 ${items}); do python3 -c "def map_task(x: int) -> str:\n    return str(x)\nmap_task($i)"; done`;
  const t = performance.now();
  const r = spawnSync('sh', ['-c', script], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error('python3 loop failed');
  return performance.now() - t;
}

export function pythonOneProcessMs(items = 1000): number {
  const code = `import time\ndef map_task(x: int) -> str:\n    return str(x)\nt=time.perf_counter()\nout=[map_task(i) for i in range(${items})]\nprint((time.perf_counter()-t)*1000)`;
  const t = performance.now();
  const r = spawnSync('python3', ['-c', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('python3 failed');
  return performance.now() - t;
}

/**
 * The seed-map baseline: bench/flytekit-seed-map.py over `items`, whole process, with flytekit from the cached
 * virtualenv of the Flyte interop tests (scripts/flyte/venv.mjs: ~/.cache/podflow-flyte/<key>/venv) when there is one, else plain python3
 * calling the same functions in process; the label says which.
 */
export function flytekitSeedMapMs(root: string, items: number): { ms: number; label: string } {
  const cache = process.env.PODFLOW_FLYTE_CACHE ?? join(homedir(), '.cache', 'podflow-flyte'); // as scripts/flyte/venv.mjs
  const venv = existsSync(cache)
    ? readdirSync(cache)
        .map((key) => join(cache, key, 'venv', 'bin', 'python'))
        .find((python) => existsSync(python))
    : undefined;
  const [python, args, label] = venv
    ? [venv, [String(items)], `flytekit local in-process run, whole process (${venv.split('/').slice(-4, -3)[0]})`]
    : ['python3', [String(items), '--plain'], 'NO FLYTEKIT in ~/.cache/podflow-flyte: one python3 process calling the same functions'];
  const t = performance.now();
  const r = spawnSync(python, [`${root}bench/flytekit-seed-map.py`, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${label} failed: ${r.stderr.slice(-500)}`);
  return { ms: performance.now() - t, label };
}
