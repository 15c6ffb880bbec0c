// A fresh `podflow serve` (the built bundle, as `npm start` runs it) on 127.0.0.1, a free port and a temporary data
// directory, for the canvas and server sections; and a tiny static file server for pages the bench builds itself.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';

export const BENCH_TOKEN = 'bench-token-0123456789abcdef';

export interface Serve {
  baseUrl: string;
  token: string;
  /** The server process's CPU time so far (user + system, ms; Linux /proc, 10 ms ticks). */
  cpuMs(): number;
  stop(): Promise<void>;
}

export async function startServe(root: string): Promise<Serve> {
  const dataDir = mkdtempSync(join(tmpdir(), 'podflow-bench-serve-'));
  const child = spawn(process.execPath, [join(root, 'apps/server/bin/podflow.mjs'), 'serve', '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, PODFLOW_TOKEN: BENCH_TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`podflow serve did not start in 30 s: ${stderr.trim()}`)), 30_000);
      child.stdout.on('data', () => {
        const m = /Podflow is running at (http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`podflow serve exited before it was ready: ${stderr.trim()}`));
      });
    });
    return { baseUrl, token: BENCH_TOKEN, stop, cpuMs: () => processCpuMs(child.pid!) };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** utime + stime of a process from /proc/PID/stat (fields 14 and 15, in clock ticks of 10 ms), in ms. */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

/** Serves `dir` on 127.0.0.1 (no caching), plus in-memory files (`extra`, by path) that can be replaced between pages. */
export async function startStatic(dir: string, extra: Map<string, string>): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const inMemory = extra.get(path);
    const headers = { 'cache-control': 'no-store' };
    if (inMemory !== undefined) {
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(inMemory);
      return;
    }
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('static server has no port');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
