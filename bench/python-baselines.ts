// Baselines for the map benchmark, measured in the same run: what a 1,000-item map of `return str(x)` costs without
// Podflow — a fresh interpreter per item (200 of them from a shell loop, scaled to 1,000), and one interpreter
// calling the function 1,000 times.
import { spawnSync } from 'node:child_process';

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
