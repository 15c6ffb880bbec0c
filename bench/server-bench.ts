// Section "server": the server engineer's measureServer (bench/load-test.ts) against a fresh
// `podflow serve` on 127.0.0.1 (temporary data directory), once per run: p50/p99 of reading a workflow and of
// starting a run with 50 concurrent clients, and 100 SSE subscribers during a 1,000-item map. Baseline, same server,
// just before: GET /healthz with the same 50 clients and keep-alive connections (the floor of the HTTP stack).
import { Agent, request } from 'node:http';
import { measureServer, type Latency, type ServerMeasurement } from './load-test';
import type { Row } from './main';
import { startServe } from './serve-process';
import { stat } from './stats';

export const SERVER_REPEATS = 3;
const CLIENTS = 50;
const HEALTHZ_REQUESTS = 2000;
/** One measureServer takes 15–25 s here; past this it is stuck (the server is then stopped, which ends its streams). */
const MEASURE_TIMEOUT_MS = 120_000;

/** `total` GET requests to `path`, `clients` at a time over kept-alive connections; p50/p99 as measureServer computes them. */
async function latency(baseUrl: string, token: string, path: string, clients: number, total: number): Promise<Latency> {
  const url = new URL(baseUrl);
  if (url.hostname !== '127.0.0.1') throw new Error(`the bench only talks to 127.0.0.1, not ${url.hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const get = () =>
    new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: Number(url.port), path, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`GET ${path} answered ${res.statusCode}`))));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  const times: number[] = [];
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < total) {
          next++;
          const t = performance.now();
          await get();
          times.push(performance.now() - t);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0) * 10) / 10;
  return { count: times.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1) };
}

/** How many runs the server holds in each status (said when a measurement hangs). */
async function runStatuses(baseUrl: string, token: string): Promise<string> {
  try {
    const r = await fetch(`${baseUrl}/api/runs?limit=200`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5000) });
    const body = (await r.json()) as { items?: { status: string }[]; runs?: { status: string }[] };
    const counts: Record<string, number> = {};
    for (const run of body.items ?? body.runs ?? []) counts[run.status] = (counts[run.status] ?? 0) + 1;
    return `runs on the server: ${JSON.stringify(counts)}`;
  } catch (e) {
    return `runs on the server unknown (${(e as Error).message})`;
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, explain: () => Promise<string>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => void explain().then((why) => reject(new Error(`measureServer did not finish in ${ms / 1000} s; ${why}`))), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runServerSection(root: string): Promise<Row[]> {
  const runs: { healthz: Latency; server: ServerMeasurement }[] = [];
  for (let rep = 0; rep < SERVER_REPEATS; rep++) {
    process.stderr.write(`bench: server run ${rep + 1}/${SERVER_REPEATS}\n`);
    const serve = await startServe(root);
    try {
      await latency(serve.baseUrl, serve.token, '/healthz', CLIENTS, 200); // warm-up, not counted
      const healthz = await latency(serve.baseUrl, serve.token, '/healthz', CLIENTS, HEALTHZ_REQUESTS);
      const server = await withTimeout(measureServer({ baseUrl: serve.baseUrl, token: serve.token, clients: CLIENTS, serverCpuMs: serve.cpuMs }), MEASURE_TIMEOUT_MS, () => runStatuses(serve.baseUrl, serve.token));
      if (server.sse.runStatus !== 'succeeded') throw new Error(`the SSE map run ended ${server.sse.runStatus}`);
      runs.push({ healthz, server });
    } finally {
      await serve.stop();
    }
  }
  const s = (f: (r: (typeof runs)[number]) => number) => stat(runs.map(f));
  const healthz = (p: 'p50Ms' | 'p99Ms') => ({ name: `GET /healthz ${p.slice(0, 3)}`, value: s((r) => r.healthz[p]), unit: ' ms' });
  const each = `${CLIENTS} clients; ${runs.length} runs, a fresh server each`;
  const sse = runs.map((r) => r.server.sse);
  const first = runs[0]!.server;
  return [
    { section: 'server', case: `GET /api/workflows/:id p50, ${CLIENTS} clients`, value: s((r) => r.server.getWorkflow.p50Ms), unit: ' ms', baseline: healthz('p50Ms'), note: `${first.getWorkflow.count} requests per run; ${each}` },
    { section: 'server', case: `GET /api/workflows/:id p99, ${CLIENTS} clients`, value: s((r) => r.server.getWorkflow.p99Ms), unit: ' ms', baseline: healthz('p99Ms'), note: `max ${Math.max(...runs.map((r) => r.server.getWorkflow.maxMs))} ms` },
    { section: 'server', case: `POST /api/runs p50, ${CLIENTS} clients`, value: s((r) => r.server.postRun.p50Ms), unit: ' ms', baseline: healthz('p50Ms'), note: `${first.postRun.count} runs started per run (then cancelled); ${each}` },
    { section: 'server', case: `POST /api/runs p99, ${CLIENTS} clients`, value: s((r) => r.server.postRun.p99Ms), unit: ' ms', baseline: healthz('p99Ms'), note: `max ${Math.max(...runs.map((r) => r.server.postRun.maxMs))} ms` },
    {
      section: 'server',
      case: 'POST /api/runs: server CPU per run started',
      value: s((r) => r.server.postRun.serverCpuMsPerRequest ?? 0),
      unit: ' ms',
      baseline: { name: 'GET /api/workflows/:id: server CPU per request', value: s((r) => r.server.getWorkflow.serverCpuMsPerRequest ?? 0), unit: ' ms' },
      note: 'the server process\'s user + system time over the phase, per request (the runs\' own work after the answer included, their pods\' processes not); a busy machine stretches it far less than wall time',
    },
    {
      section: 'server',
      case: `SSE: ${first.sse.subscribers} subscribers, ${first.sse.mapItems}-item map, events delivered`,
      value: s((r) => r.server.sse.eventsPerSecond),
      unit: ' events/s',
      note:
        `${sse.map((x) => x.emitted).join('/')} events emitted; each subscriber received ${sse.map((x) => `${x.receivedMin}–${x.receivedMax}`).join(', ')}` +
        ` (${sse.every((x) => x.allReceivedEveryEvent) ? 'every event, every subscriber' : 'SOME EVENTS MISSING OR REPEATED'}); run ${sse.map((x) => x.seconds).join('/')} s`,
    },
  ];
}
