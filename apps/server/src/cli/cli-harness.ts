// Test helper: runs the built `podflow` CLI as a user would (tests call `buildCli()` once in beforeAll).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export function buildCli(): void {
  const r = spawnSync(process.execPath, [`${repoRoot}scripts/build.mjs`, '--server-only'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}

export function podflow(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [`${repoRoot}apps/server/bin/podflow.mjs`, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    input: options.input,
    env: { ...process.env, ...options.env },
    timeout: options.timeout ?? 120_000,
  });
}
