import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { RunEventBodySchema } from '@podflow/core';
import { api, send, type Target } from './__fixtures__/http-client';
import { startServerProcess, tempDataDir, type ServerProcess } from './__fixtures__/server-process';
import { sampleDoc } from '../store/__fixtures__/temp-db';
import { DEFAULT_BODY_LIMIT } from './create-app';

describe('safety (real server process)', () => {
  let server: ServerProcess;
  let cleanup: () => void;
  let http: ReturnType<typeof api>;
  let workflowId: string;

  beforeAll(async () => {
    const tmp = tempDataDir();
    cleanup = tmp.cleanup;
    server = await startServerProcess({ dataDir: tmp.dir, args: ['--allow-host', 'podflow.test', '--allow-host', 'localhost:5173'] });
    http = api(server as Target);
    workflowId = (await http.post('/api/workflows', { document: sampleDoc() })).json().id;
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    cleanup();
  });

  it('needs the token on every /api call (401 JSON), but not for /healthz and the app shell', async () => {
    for (const path of ['/api/workflows', `/api/workflows/${workflowId}`, '/api/runs', '/api/openapi.json', '/api/nothing-here']) {
      const answer = await send(server, 'GET', path, { auth: false });
      expect(answer.status, path).toBe(401);
      expect(answer.json().error.code).toBe('unauthorized');
    }
    expect((await send(server, 'GET', '/api/workflows', { auth: false, headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
    expect((await send(server, 'POST', '/api/workflows', { auth: false, body: { document: sampleDoc() } })).status).toBe(401);
    expect((await send(server, 'GET', '/healthz', { auth: false })).json()).toMatchObject({ ok: true });
    const shell = await send(server, 'GET', '/', { auth: false });
    expect(shell.status).toBe(200);
    expect(shell.headers['content-type']).toMatch(/text\/html/);
  });

  it('signs a browser in with /?token=: an HttpOnly SameSite=Strict cookie, then a redirect to /', async () => {
    const answer = await send(server, 'GET', `/?token=${server.token}`, { auth: false });
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('/');
    const cookie = answer.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^podflow_token=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const withCookie = await send(server, 'GET', '/api/workflows', { auth: false, headers: { cookie: cookie.split(';')[0]! } });
    expect(withCookie.status).toBe(200);
    expect((await send(server, 'GET', '/?token=not-the-token-at-all', { auth: false })).status).toBe(401);
  });

  it('keeps the generated token in the data directory, private to the user', async () => {
    const tmp = tempDataDir();
    const dataDir = join(tmp.dir, 'made', 'by', 'podflow');
    const own = await startServerProcess({ env: { PODFLOW_TOKEN: '', PODFLOW_DATA_DIR: dataDir }, dataDirArg: false });
    try {
      const file = join(dataDir, 'token');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      const token = readFileSync(file, 'utf8').trim();
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(own.stdout()).toBe(`Podflow is running at http://127.0.0.1:${own.port}/?token=${token}\n`);
      expect((await send({ port: own.port, token }, 'GET', '/api/workflows')).status).toBe(200);
    } finally {
      await own.stop();
      tmp.cleanup();
    }
  });

  it('refuses a foreign Host header (DNS rebinding), but takes --allow-host names', async () => {
    for (const host of ['evil.example:' + server.port, 'evil.example', '127.0.0.1:1', `127.0.0.2:${server.port}`]) {
      const answer = await send(server, 'GET', '/api/workflows', { headers: { host } });
      expect(answer.status, host).toBe(403);
      expect(answer.json().error.code).toBe('forbidden-host');
    }
    expect((await send(server, 'GET', '/', { auth: false, headers: { host: 'evil.example' } })).status).toBe(403);
    for (const host of [`localhost:${server.port}`, `[::1]:${server.port}`, 'podflow.test', 'podflow.test:9999', 'localhost:5173']) {
      expect((await send(server, 'GET', '/api/workflows', { headers: { host } })).status, host).toBe(200);
    }
  });

  it('refuses state-changing requests from another origin', async () => {
    const body = { document: sampleDoc() };
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${server.port + 1}`, 'file://']) {
      const answer = await send(server, 'POST', '/api/workflows', { body, headers: { origin } });
      expect(answer.status, origin).toBe(403);
      expect(answer.json().error.code).toBe('forbidden-origin');
    }
    expect((await send(server, 'DELETE', `/api/workflows/${workflowId}`, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect((await send(server, 'POST', '/api/workflows', { body, headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await send(server, 'POST', '/api/workflows', { body, headers: { origin: `http://127.0.0.1:${server.port}` } })).status).toBe(201);
    expect((await send(server, 'POST', '/api/workflows', { body, headers: { origin: 'http://localhost:5173' } })).status).toBe(201);
    // A GET from elsewhere changes nothing; the token still guards it.
    expect((await send(server, 'GET', '/api/workflows', { headers: { origin: 'http://evil.example' } })).status).toBe(200);
  });

  it('refuses an oversized body with 413 JSON', async () => {
    // Declared too large: refused before the body is read.
    const declared = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/workflows',
          headers: { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}`, 'content-type': 'application/json', 'content-length': String(DEFAULT_BODY_LIMIT + 1) },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write('{"document": ');
    });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.code).toBe('body-too-large');
  });

  it('answers malformed JSON and schema-invalid bodies with 400 naming the field', async () => {
    const malformed = await send(server, 'POST', '/api/workflows', { rawBody: '{"document": {' });
    expect(malformed.status).toBe(400);
    expect(malformed.json().error).toMatchObject({ code: 'invalid-json', field: 'body' });
    const poisoned = await send(server, 'POST', '/api/workflows', { rawBody: '{"document": {"__proto__": {"x": 1}}}' });
    expect(poisoned.status).toBe(400);
    const notJson = await send(server, 'POST', '/api/workflows', { rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(notJson.status).toBe(415);

    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/workflows', { documnt: sampleDoc() }, 'documnt'],
      ['POST', '/api/runs', { workflowId: 'nope' }, 'workflowId'],
      ['POST', '/api/runs', { workflowId, inputs: { who: 5 } }, 'inputs.who'],
      ['POST', '/api/runs', { workflowId, inputs: { nobody: 'x' } }, 'inputs.nobody'],
      ['POST', '/api/runs', { workflowId, executor: 'docker' }, 'executor'],
      ['POST', '/api/runs', { workflowId, version: 'latest' }, 'version'],
      ['POST', '/api/runs', { workflowId, reuseFrom: { runId: '../x' } }, 'reuseFrom.runId'],
      ['PATCH', `/api/workflows/${workflowId}`, { name: '' }, 'name'],
      ['PATCH', `/api/workflows/${workflowId}`, { name: 'a/b' }, 'name'],
      ['PUT', `/api/workflows/${workflowId}/draft`, { document: { ...sampleDoc(), spec: { tasks: 'x' } } }, 'document.spec.tasks'],
    ];
    for (const [method, path, body, field] of cases) {
      const answer = await send(server, method, path, { body, headers: { 'if-match': '1' } });
      expect(answer.status, `${method} ${path} ${field}`).toBe(400);
      expect(answer.json().error.field, `${method} ${path}`).toBe(field);
      expect(answer.json().error.message).toMatch(new RegExp(field.replace(/[.[\]]/g, '\\$&')));
    }
    const badQuery = await http.get('/api/runs?limit=abc');
    expect(badQuery.status).toBe(400);
    expect(badQuery.json().error.field).toBe('limit');
  });

  it('refuses ids that do not match their pattern before touching the database', async () => {
    const paths = [
      '/api/workflows/..%2F..%2Fetc%2Fpasswd',
      '/api/workflows/wf_%00',
      `/api/workflows/${workflowId}%00`,
      '/api/workflows/..',
      '/api/runs/..%2Fwf',
      '/api/runs/run_%2e%2e',
      '/api/runs/run_0123456789abcdef0123%2F..',
      `/api/workflows/${workflowId}/versions/..%2F1`,
      `/api/workflows/${workflowId}/versions/0`,
      '/api/examples/..%2F..%2Fpackage',
      '/api/examples/%2e%2e',
    ];
    for (const path of paths) {
      const answer = await http.get(path);
      expect([400, 404], path).toContain(answer.status);
      expect(answer.json().error, path).toBeDefined();
    }
    expect((await http.get('/api/workflows/wf_00000000000000000000')).status).toBe(404);
    expect((await http.get('/api/runs/run_00000000000000000000')).status).toBe(404);
    expect((await http.get('/api/runs/run_00000000000000000000/events')).status).toBe(404);
    expect((await http.get('/api/runs/run_00000000000000000000/logs')).status).toBe(404);
  });

  it('answers unknown API routes with 404 JSON, and other paths with the app shell', async () => {
    const unknown = await http.get('/api/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.json().error.code).toBe('not-found');
    const deep = await send(server, 'GET', '/workflows/wf_1/runs', { auth: false });
    expect(deep.status).toBe(200);
    expect(deep.headers['content-type']).toMatch(/text\/html/);
  });

  it('describes the API as OpenAPI 3.1', async () => {
    const doc = (await http.get('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/workflows', '/api/workflows/{id}/draft', '/api/runs', '/api/runs/{id}/events', '/api/runs/{id}/logs', '/api/examples/{name}']),
    );
    expect(doc.paths['/api/runs'].post.requestBody.content['application/json'].schema.properties.workflowId).toMatchObject({ type: 'string' });
    expect(doc.components.schemas.WorkflowDocument.properties.apiVersion).toMatchObject({ const: 'podflow/v1alpha1' });
    // Answers and run events are described from core's schemas, not by hand.
    expect(doc.paths['/api/runs/{id}'].get.responses['200'].content['application/json'].schema.properties.lastSeq).toMatchObject({ type: 'integer' });
    const eventTypes = JSON.stringify(doc.components.schemas.RunEvent).match(/"const":"[a-z-]+"/g)?.map((c: string) => c.slice(9, -1));
    expect(new Set(eventTypes)).toEqual(new Set(RunEventBodySchema.options.map((o) => o.shape.type.value)));
    expect(eventTypes).toHaveLength(20);
    // Every $ref points at a component that exists.
    const refs = JSON.stringify(doc).match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const ref of refs) expect(doc.components.schemas[ref.slice(29, -1)], ref).toBeDefined();
  });
});
