import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_ENTRYPOINT_SOURCE } from './generated/local-entrypoint-source';
import { WarmWorkerPool } from './warm-worker-pool';

const entrypoint = Buffer.from(LOCAL_ENTRYPOINT_SOURCE);

const alive = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

const parentOf = (pid: number): number => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);

describe('warm worker pool: a worker that dies on its own', () => {
  const dirs: string[] = [];
  const pools: WarmWorkerPool[] = [];
  afterEach(async () => {
    await Promise.all(pools.map((p) => p.close()));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('takes its container commands with it, and each ends as lost with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podflow-pool-'));
    dirs.push(dir);
    const pool = new WarmWorkerPool({ size: 1, python: 'python3', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, dir });
    pools.push(pool);
    const pids: number[] = [];
    // A sidecar-like command: vfork+exec'd by the worker (no mount namespace), so the worker is its parent.
    const running = pool.run(entrypoint, {
      name: 'side',
      codeDir: dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      cwd: dir,
      argv: ['sh', '-c', 'echo $$; exec sleep 60'],
      onLine: (_stream, line) => pids.push(Number(line)),
    });
    await expect.poll(() => pids.length, { timeout: 20_000 }).toBe(1);
    const command = pids[0]!;
    expect(alive(command)).toBe(true);
    const worker = parentOf(command);
    expect(readFileSync(`/proc/${worker}/cmdline`, 'utf8')).toContain('--worker');

    process.kill(worker, 'SIGKILL');
    const exit = await running.exited;
    expect(exit.lostReason).toMatch(/the warm Python worker exited unexpectedly/);
    await expect.poll(() => alive(command), { timeout: 5_000 }).toBe(false);
  }, 30_000);
});
