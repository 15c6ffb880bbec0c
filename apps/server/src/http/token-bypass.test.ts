import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteOptions } from 'fastify';
import { startServer, type RunningServer } from '../server/start-server';
import { sampleDoc } from '../store/__fixtures__/temp-db';
import { send } from './__fixtures__/http-client';
import { rawRequest, type RawAnswer } from './__fixtures__/raw-request';
import { REPO_ROOT, tempDataDir } from './__fixtures__/server-process';
import { isApiPath } from './request-target';

/**
 * Without the token, no API handler runs and no API data comes back, for every route Fastify registered (enumerated
 * with an onRoute hook, so a route added later is covered without touching this test) and every spelling of its path
 * a client could send: plain, each character percent-encoded, absolute-form, dot segments, doubled slashes, a
 * trailing slash, other case. Requests go over raw sockets, which send the target exactly as written.
 */
interface SeenRoute {
  method: string;
  url: string;
}

const WORKFLOW_NAME = 'secret-workflow-name-4711';

describe('the token guards every API route, however its path is spelt', () => {
  const data = tempDataDir();
  const token = 'bypass-test-token-0123456789';
  const routes: SeenRoute[] = [];
  /** Calls of each API route's handler, by `METHOD url`. */
  const calls = new Map<string, number>();
  let server: RunningServer;
  let workflowId: string;

  const onRoute = (route: RouteOptions): void => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method, url: route.url });
    if (!isApiPath(route.url)) return;
    const handler = route.handler;
    const key = `${methods.join(',')} ${route.url}`;
    route.handler = function (this: unknown, ...args: Parameters<typeof handler>) {
      calls.set(key, (calls.get(key) ?? 0) + 1);
      return handler.apply(this as never, args);
    } as typeof handler;
  };

  beforeAll(async () => {
    server = await startServer({
      host: '127.0.0.1',
      port: 0,
      dataDir: data.dir,
      allowHosts: [],
      token,
      repoRoot: REPO_ROOT,
      onRoute,
      startRun: () => {
        throw new Error('no run may start in this test');
      },
    });
    const created = await send({ port: server.port, token }, 'POST', '/api/workflows', { body: { document: sampleDoc(WORKFLOW_NAME) } });
    expect(created.status).toBe(201);
    workflowId = created.json().id;
    expect((await send({ port: server.port, token }, 'POST', `/api/workflows/${workflowId}/versions`, { body: {} })).status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await server.close();
    data.cleanup();
  });

  const concretePath = (url: string): string =>
    url
      .replace(':id', url.startsWith('/api/runs') ? 'run_00000000000000000000' : workflowId)
      .replace(':version', '1')
      .replace(':name', 'map-pod-workflow')
      .replace('*', 'index.html');

  const apiRoutes = (): SeenRoute[] => routes.filter((r) => isApiPath(r.url) && r.method !== 'HEAD');
  const totalCalls = (): number => [...calls.values()].reduce((a, b) => a + b, 0);

  const request = (method: string, target: string, headers: Record<string, string> = {}): Promise<RawAnswer> =>
    rawRequest({
      port: server.port,
      method,
      target,
      headers: method === 'GET' || method === 'HEAD' || method === 'DELETE' ? headers : { 'content-type': 'application/json', ...headers },
      ...(method === 'GET' || method === 'HEAD' || method === 'DELETE' ? {} : { body: '{}' }),
    });

  it('enumerates the routes from Fastify itself, every documented API route among them', async () => {
    const doc = JSON.parse((await send({ port: server.port, token }, 'GET', '/api/openapi.json')).text);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const seen = new Set(routes.map((r) => `${r.method} ${r.url}`));
    for (const op of documented) expect(seen, op).toContain(op);
    expect(apiRoutes().length).toBeGreaterThanOrEqual(20);
    // The public routes are there too: the app shell, static files, the health check.
    expect(seen).toContain('GET /');
    expect(seen).toContain('GET /healthz');
  });

  it('runs the handler of every API route when the token is given (the spy sees calls)', async () => {
    for (const route of apiRoutes()) {
      const before = totalCalls();
      const answer = await request(route.method, concretePath(route.url), { authorization: `Bearer ${token}` });
      expect(answer.status, `${route.method} ${route.url}`).toBeLessThan(500);
      expect(totalCalls(), `${route.method} ${route.url} with the token`).toBe(before + 1);
    }
  });

  it('runs no API handler and answers no API data without the token, in any spelling of any route', async () => {
    let tried = 0;
    for (const route of routes) {
      const path = concretePath(route.url);
      for (const target of spellings(path, server.port)) {
        const before = totalCalls();
        const answer = await request(route.method, target);
        tried++;
        const what = `${route.method} ${target} (route ${route.url})`;
        expect(totalCalls(), `${what}: an API handler ran`).toBe(before);
        expect(answer.status, what).toBeGreaterThanOrEqual(200);
        expect(answer.status, what).toBeLessThan(500);
        expect(answer.body, what).not.toContain(workflowId);
        expect(answer.body, what).not.toContain(WORKFLOW_NAME);
        if (answer.status < 300) {
          // Only the public parts may answer: the app shell, its files, the health check.
          const isPublic = /text\/html|javascript|css|svg|font/.test(answer.headers['content-type'] ?? '') || route.url === '/healthz';
          expect(isPublic, `${what} answered ${answer.status} ${answer.headers['content-type']}: ${answer.body.slice(0, 120)}`).toBe(true);
        }
        if (isApiPath(route.url)) expect([400, 401, 404], what).toContain(answer.status);
      }
    }
    expect(tried).toBeGreaterThan(500);
  }, 120_000);

  it('reads the token cookie as browsers send it (@fastify/cookie), and nothing that merely contains it', async () => {
    const status = async (cookie: string) => (await request('GET', '/api/workflows', { cookie })).status;
    expect(await status(`podflow_token=${token}`)).toBe(200);
    expect(await status(`theme=dark; podflow_token=${token}; other=1`)).toBe(200);
    for (const cookie of [`x=podflow_token=${token}`, `podflow_token=${token}x`, `podflow_token_2=${token}`, `Podflow_Token=${token}`, 'podflow_token=', `podflow_token=${token.slice(0, -1)}`]) {
      expect(await status(cookie), cookie).toBe(401);
    }
  });

  it('answers the server-sent event stream of a run only with the token', async () => {
    for (const target of ['/api/runs/run_00000000000000000000/events', '/ap%69/runs/run_00000000000000000000/events', `http://127.0.0.1:${server.port}/api/runs/run_00000000000000000000/events`]) {
      const answer = await request('GET', target, { accept: 'text/event-stream' });
      expect([400, 401], target).toContain(answer.status);
      expect(answer.headers['content-type'], target).not.toMatch(/event-stream/);
    }
  });
});

/** The ways a client could write `path`: each meant to reach the same handler, or to be refused. */
export function spellings(path: string, port: number): string[] {
  const out = new Set<string>([path]);
  const encode = (c: string): string => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  // Each character (but the separators) percent-encoded on its own, in upper and lower hex; then all of them.
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '/') continue;
    out.add(path.slice(0, i) + encode(path[i]!) + path.slice(i + 1));
    out.add(path.slice(0, i) + encode(path[i]!).toUpperCase() + path.slice(i + 1));
  }
  out.add(path.replace(/[^/]/g, encode));
  out.add(path.replace(/\//g, '%2f'));
  // Absolute-form, with each name of this server.
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) out.add(`http://${host}${path}`);
  out.add(`HTTP://127.0.0.1:${port}${path}`);
  // Dot segments, plain and encoded, at each level.
  const segments = path.split('/').slice(1);
  for (let i = 0; i <= segments.length; i++) {
    const head = `/${segments.slice(0, i).join('/')}`.replace(/\/$/, '');
    const tail = segments.slice(i).join('/');
    out.add(`${head}/./${tail}`);
    out.add(`${head}/x/../${tail}`);
    out.add(`${head}/%2e/${tail}`);
    out.add(`${head}/x/%2e%2e/${tail}`);
    out.add(`${head}/x/.%2E/${tail}`);
    out.add(`${head}//${tail}`);
  }
  out.add(`/..${path}`);
  out.add(`${path}/`);
  out.add(`${path}//`);
  out.add(`${path}/.`);
  out.add(`${path};x`);
  out.add(`${path}?x=1`);
  out.add(`${path}#frag`);
  // Other case.
  out.add(path.toUpperCase());
  out.add(path.replace(/(^|\/)([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase()));
  out.add(path.replace(/^\/api/, '/API'));
  out.add(path.replace(/^\/api/, '/Api'));
  return [...out];
}
