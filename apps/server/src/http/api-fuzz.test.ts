import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sampleDoc } from '../store/__fixtures__/temp-db';
import { send } from './__fixtures__/http-client';
import { rawRequest } from './__fixtures__/raw-request';
import { startServerProcess, tempDataDir, type ServerProcess } from './__fixtures__/server-process';

/**
 * A bounded, seeded fuzz of the built server over raw sockets: random methods, request targets (every documented
 * route with random ids, encodings and queries, and garbage), headers and bodies (random JSON, near-documents, deep
 * nesting, bytes). Every request must be answered within 10 s with a status below 500, and the server must stay up.
 * PODFLOW_FUZZ_SEED and PODFLOW_FUZZ_CASES replay or widen a run; a failure prints its seed and the request.
 */
const SEED = Number(process.env.PODFLOW_FUZZ_SEED ?? 20261206);
const CASES = Number(process.env.PODFLOW_FUZZ_CASES ?? 800);

interface FuzzRequest {
  method: string;
  target: string;
  headers: Record<string, string>;
  body?: string;
}

describe('API fuzz (built server, raw sockets)', () => {
  let server: ServerProcess;
  let cleanup: () => void;
  let workflowId: string;
  let routes: string[];
  let operations: [string, string][];

  beforeAll(async () => {
    const tmp = tempDataDir();
    cleanup = tmp.cleanup;
    server = await startServerProcess({ dataDir: tmp.dir });
    workflowId = (await send(server, 'POST', '/api/workflows', { body: { document: sampleDoc() } })).json().id;
    const paths = (await send(server, 'GET', '/api/openapi.json')).json().paths as Record<string, Record<string, unknown>>;
    routes = Object.keys(paths);
    operations = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m): [string, string] => [m.toUpperCase(), path]));
    routes.push('/', '/healthz', '/assets/x.js', '/some/app/route');
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    cleanup?.();
  });

  it(`answers ${CASES} random requests with a status below 500, never hangs, and stays up`, async () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    const id = fc.oneof(
      fc.constant(() => workflowId),
      fc.constantFrom('wf_00000000000000000000', 'run_00000000000000000000', '1', '0', '-1', '..', '%2e%2e', '%00', 'map-pod-workflow', ''),
      text.map((s) => () => encodeURIComponent(s)),
      fc.string({ maxLength: 30 }).map((s) => () => s.replace(/[\s?#]/g, '')),
    ).map((v) => (typeof v === 'function' ? v : () => v));
    const query = fc.option(
      fc.array(fc.tuple(fc.constantFrom('after', 'limit', 'before', 'status', 'workflowId', 'execution', 'attempt', 'container', 'version', 'token', 'x'), fc.oneof(fc.integer().map(String), fc.string({ maxLength: 12 }).map(encodeURIComponent), fc.constantFrom('', '%zz', '1e9', 'NaN', '999999999999999999999'))), { maxLength: 4 }),
      { nil: undefined },
    );
    const target = fc.oneof(
      { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...routes), id, id, query).map(([route, a, b, q]) => () => {
        let n = 0;
        const path = route.replace(/\{[^}]+\}/g, () => (n++ === 0 ? a() : b()));
        return q ? `${path}?${q.map(([k, v]) => `${k}=${v}`).join('&')}` : path;
      }) },
      { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((s) => () => `/${s.replace(/[\s]/g, '')}`) },
      { weight: 1, arbitrary: fc.constantFrom('*', 'http://127.0.0.1/api/workflows', '/api/%', '/api/%zz', '//api//workflows', '/api/workflows/../runs', '/\u00e9', '/api/workflows?%', '/%ff%fe').map((t) => () => t) },
    );
    const deep = fc.oneof(fc.constantFrom(129, 10_000, 50_000), fc.integer({ min: 100, max: 20_000 })).map((n) => '['.repeat(n) + ']'.repeat(n));
    const body = fc.oneof(
      fc.constant(undefined) as fc.Arbitrary<string | undefined>,
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.jsonValue().map((v) => JSON.stringify({ document: v })),
      fc.jsonValue().map((v) => JSON.stringify({ workflowId: 'WORKFLOW', inputs: { who: v } })),
      fc.record({ name: fc.string({ unit: 'binary', maxLength: 20 }) }).map((r) => JSON.stringify(r)),
      fc.string({ unit: 'binary', maxLength: 200 }).map((s) => JSON.stringify({ yaml: s })),
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom('document', 'yaml', 'inputs', 'name'), deep).map(([k, d]) => `{"${k}":${d}}`) },
      { weight: 2, arbitrary: deep.map((d) => JSON.stringify({ document: { ...sampleDoc(), metadata: { name: 'deep', description: 'D' } } }).replace('"D"', d)) },
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom('{', '{"document": {', 'null', '[]', '{"__proto__": {"x": 1}}', '{"constructor": {"prototype": {"x": 1}}}', '\u0000'),
      fc.jsonValue().map((v) => JSON.stringify({ document: { ...sampleDoc(), spec: { ...sampleDoc().spec, tasks: [{ name: 'greet', type: 'python', code: 'def greet(who: str) -> str:\n    return who\n', pod: { spec: v } }] } } })),
    );
    const headers = fc.record(
      {
        authorization: fc.oneof({ weight: 6, arbitrary: fc.constant('Bearer TOKEN') }, fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ''))),
        'content-type': fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''),
        'last-event-id': fc.oneof(fc.integer().map(String), fc.string({ maxLength: 10 }).map((s) => s.replace(/[\r\n]/g, ''))),
        'if-match': fc.oneof(fc.integer({ min: -1, max: 5 }).map(String), fc.constantFrom('*', '"1"', 'W/"1"', '')),
        origin: fc.constantFrom('http://127.0.0.1:PORT', 'http://127.0.0.1:PORT', 'http://127.0.0.1:PORT', 'http://evil.example', 'null', ''),
        cookie: fc.oneof(fc.constant('podflow_token=TOKEN'), fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ''))),
        accept: fc.constantFrom('text/event-stream', 'application/json', '*/*'),
        'x-http-method-override': fc.constantFrom('DELETE', 'PUT'),
      },
      { requiredKeys: ['authorization'] },
    );
    const fillIds = (path: string, a: () => string, b: () => string) => {
      let n = 0;
      return path.replace(/\{[^}]+\}/g, () => (n++ === 0 ? a() : b()));
    };
    const request = fc.oneof(
      // Anything at all.
      fc.record({
        method: fc.constantFrom('GET', 'GET', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND', 'get'),
        target,
        headers,
        body,
      }),
      // A real operation, with the token, and a hostile body or query: what gets past the front door.
      fc.record({
        method: fc.constant(''),
        target: fc.tuple(fc.constantFrom(...operations), id, id, query).map(([[method, path], a, b, q]) => () => `${method} ${fillIds(path, a, b)}${q ? `?${q.map(([k, v]) => `${k}=${v}`).join('&')}` : ''}`),
        headers: fc.constant({ authorization: 'Bearer TOKEN', 'content-type': 'application/json', 'if-match': '1' }),
        body,
      }),
    );

    let answered = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const chosen = r.target();
        const [method, target] = r.method === '' ? (chosen.split(' ', 2) as [string, string]) : [r.method, chosen];
        const fuzz: FuzzRequest = {
          method,
          target,
          headers: Object.fromEntries(
            Object.entries(r.headers).map(([k, v]) => [k, String(v).replace('TOKEN', server.token).replace('PORT', String(server.port))]),
          ),
          ...(r.body === undefined ? {} : { body: r.body.replace('WORKFLOW', workflowId) }),
        };
        const answer = await rawRequest({ port: server.port, ...fuzz, timeoutMs: 10_000 });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        answered++;
        const what = `${fuzz.method} ${JSON.stringify(fuzz.target)} ${JSON.stringify(fuzz.headers)} ${fuzz.body?.slice(0, 200) ?? ''}`;
        expect(answer.status, `no answer to ${what}`).toBeGreaterThanOrEqual(100);
        expect(answer.status, `${what} → ${answer.body.slice(0, 300)}`).toBeLessThan(500);
      }),
      { seed: SEED, numRuns: CASES, endOnFailure: true },
    );
    expect(answered).toBe(CASES);
    // Still up, and nothing failed inside (the server logs every 5xx it answers).
    expect((await send(server, 'GET', '/healthz', { auth: false })).status).toBe(200);
    expect(server.stderr()).not.toMatch(/failed: /);
    // The requests reached the handlers, not only the front door (else the fuzz tests nothing).
    expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(CASES / 20);
    process.stdout.write(`api fuzz: ${answered} requests, seed ${SEED}, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`);
  }, 300_000);
});
