import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs the real `podflow serve` (the esbuild bundle, as `npm start` does) on a temporary data directory, for tests
 * over real HTTP. The bundle is rebuilt first when a source file is newer than it; builds from test files running in
 * parallel are serialised with flock.
 */
export const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const BIN = join(REPO_ROOT, 'apps/server/bin/podflow.mjs');
const BUNDLE = join(REPO_ROOT, 'apps/server/dist/cli.mjs');

const BUILD_IF_STALE = `
const { statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');
const root = process.argv[1];
const newest = (dir) => {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (/\\.(ts|json)$/.test(e.name)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
};
let built = 0;
try { built = statSync(join(root, 'apps/server/dist/cli.mjs')).mtimeMs; } catch {}
if (built < Math.max(newest(join(root, 'apps/server/src')), newest(join(root, 'packages/core/src')))) {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--server-only'], { stdio: 'inherit' });
}
`;

let built = false;
export function ensureServerBuilt(): void {
  if (built) return;
  const result = spawnSync('flock', ['/tmp/podflow-server-test-build.lock', process.execPath, '-e', BUILD_IF_STALE, REPO_ROOT], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`building the server bundle ${BUNDLE} failed (exit ${result.status})`);
  built = true;
}

export interface ServerProcess {
  baseUrl: string;
  port: number;
  token: string;
  dataDir: string;
  child: ChildProcess;
  /** Everything the server wrote to stdout / stderr so far. */
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then wait for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, then wait until it is gone. */
  kill9(): Promise<void>;
}

export interface StartOptions {
  dataDir?: string;
  token?: string;
  args?: string[];
  env?: Record<string, string>;
  /** Pass --data-dir (default true); without it the server takes PODFLOW_DATA_DIR from `env`. */
  dataDirArg?: boolean;
}

export const TEST_TOKEN = 'test-token-0123456789abcdef';

export function tempDataDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'podflow-serve-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startServerProcess(options: StartOptions = {}): Promise<ServerProcess> {
  ensureServerBuilt();
  const dataDir = options.dataDir ?? tempDataDir().dir;
  const token = options.token ?? TEST_TOKEN;
  const dataDirArgs = options.dataDirArg === false ? [] : ['--data-dir', dataDir];
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...dataDirArgs, ...(options.args ?? [])], {
    env: { ...process.env, PODFLOW_TOKEN: token, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`podflow serve did not start within 30 s; stderr:\n${stderr}`)), 30_000);
    const check = (): void => {
      const match = /Podflow is running at (http:\/\/[^/\s]+)\/\?token=(\S+)\n/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`podflow serve exited (${code}) before it was ready; stderr:\n${stderr}`));
    });
  });
  return {
    baseUrl,
    port: Number(new URL(baseUrl).port),
    token,
    dataDir,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill9: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
