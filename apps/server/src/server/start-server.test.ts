import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { compressAssets } from '../../../../scripts/compress-assets.mjs';
import { send } from '../http/__fixtures__/http-client';
import { tempDataDir } from '../http/__fixtures__/server-process';
import { hostMatcher } from '../http/install-security';
import { startServer, type RunningServer } from './start-server';

describe('startServer serving a built web app', () => {
  const repo = tempDataDir();
  const data = tempDataDir();
  let server: RunningServer;
  const token = 'web-app-test-token-0123';

  beforeAll(async () => {
    const dist = join(repo.dir, 'apps', 'web', 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Podflow app</title>');
    writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log("app")');
    server = await startServer({
      host: '127.0.0.1',
      port: 0,
      dataDir: data.dir,
      allowHosts: [],
      token,
      repoRoot: repo.dir,
      startRun: () => {
        throw new Error('no runs here');
      },
    });
  });
  afterAll(async () => {
    await server.close();
    repo.cleanup();
    data.cleanup();
  });

  it('serves files, falls back to index.html for app routes, and keeps /api answers JSON', async () => {
    const target = { port: server.port, token };
    const index = await send(target, 'GET', '/', { auth: false });
    expect(index.text).toContain('Podflow app');
    expect(index.headers['cache-control']).toBe('no-cache');
    const asset = await send(target, 'GET', '/assets/app-1234.js', { auth: false });
    expect(asset.text).toContain('console.log');
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    const deep = await send(target, 'GET', '/workflows/wf_1?tab=runs', { auth: false });
    expect(deep.text).toContain('Podflow app');
    const traversal = await send(target, 'GET', '/assets/..%2F..%2F..%2Fpackage.json', { auth: false });
    expect(traversal.text).not.toContain('"workspaces"');
    const api = await send(target, 'GET', '/api/nope');
    expect(api.status).toBe(404);
    expect(api.json().error.code).toBe('not-found');
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
  });
});

describe('startServer sending the build\'s compressed copies', () => {
  const repo = tempDataDir();
  const data = tempDataDir();
  let server: RunningServer;
  const big = `export const words = ${JSON.stringify(Array.from({ length: 5000 }, (_, i) => `word${i}`))};\n`;
  const small = 'console.log(1)';

  beforeAll(async () => {
    const dist = join(repo.dir, 'apps', 'web', 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Podflow app</title>');
    writeFileSync(join(dist, 'assets', 'big-1.js'), big);
    writeFileSync(join(dist, 'assets', 'small-1.js'), small);
    const totals = await compressAssets(join(dist, 'assets'));
    expect(totals.files).toBe(1); // the small one is not worth a copy
    expect(totals.br).toBeLessThan(totals.raw / 4);
    server = await startServer({ host: '127.0.0.1', port: 0, dataDir: data.dir, allowHosts: [], token: 't'.repeat(24), repoRoot: repo.dir, startRun: () => { throw new Error('no runs here'); } });
  });
  afterAll(async () => {
    await server.close();
    repo.cleanup();
    data.cleanup();
  });

  /** GET or HEAD as a browser with this Accept-Encoding; the body as sent (not decoded). */
  const get = (path: string, acceptEncoding: string | undefined, method = 'GET') =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path, method, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });

  it('sends brotli or gzip as the browser accepts, the file itself otherwise, each saying so and varying on Accept-Encoding', async () => {
    for (const [accept, encoding] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['br;q=1.0, gzip;q=0.8', 'br'],
      ['gzip', 'gzip'],
      ['deflate', undefined],
      ['identity', undefined],
      [undefined, undefined],
    ] as const) {
      const r = await get('/assets/big-1.js', accept);
      expect(r.status, String(accept)).toBe(200);
      expect(r.headers['content-encoding'], String(accept)).toBe(encoding);
      expect(r.headers['content-type']).toMatch(/javascript/);
      expect(r.headers['cache-control']).toMatch(/immutable/);
      if (encoding) expect(r.headers.vary).toMatch(/accept-encoding/i);
      const text = (encoding === 'br' ? brotliDecompressSync(r.body) : encoding === 'gzip' ? gunzipSync(r.body) : r.body).toString();
      expect(text, String(accept)).toBe(big);
    }
  });

  it('a file with no compressed copy, HEAD, and a file that is not there', async () => {
    const s = await get('/assets/small-1.js', 'br');
    expect(s.headers['content-encoding']).toBeUndefined();
    expect(s.body.toString()).toBe(small);
    const head = await get('/assets/big-1.js', 'br', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);
    const missing = await get('/assets/none-1.js', 'br');
    expect(missing.headers['content-encoding']).toBeUndefined();
    expect(missing.body.toString()).toContain('Podflow app'); // app routes fall back to the shell, as before
  });
});

describe('hostMatcher', () => {
  const matches = hostMatcher({ port: () => 8080, allowHosts: ['box.lan', 'localhost:5173'], host: '192.168.1.5' });
  it.each([
    ['127.0.0.1:8080', true],
    ['LOCALHOST:8080', true],
    ['[::1]:8080', true],
    ['192.168.1.5:8080', true],
    ['box.lan', true],
    ['box.lan:1234', true],
    ['localhost:5173', true],
    ['localhost:5174', false],
    ['127.0.0.1:8081', false],
    ['127.0.0.1', false],
    ['evil.example:8080', false],
    ['127.0.0.1.evil.example:8080', false],
    ['', false],
  ])('%s → %s', (host, expected) => {
    expect(matches(host)).toBe(expected);
  });
});
