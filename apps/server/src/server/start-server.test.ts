import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
