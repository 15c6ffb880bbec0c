import { Agent, request } from 'node:http';
import type { WorkflowDoc } from '@podflow/core';

/**
 * Load measurements of a running `podflow serve`, for `npm run bench`:
 * - p50/p99 latency of GET a workflow and of POST a run, with `clients` concurrent clients and a bounded count;
 * - `subscribers` SSE clients on one run's events during a map run of `mapItems` items: events per second delivered,
 *   and events received per subscriber against events emitted (they must be equal).
 * Traffic goes to 127.0.0.1 (or localhost) only. Measures and reports; asserts nothing about time.
 */
export interface MeasureOptions {
  baseUrl: string;
  token: string;
  clients?: number;
  getRequests?: number;
  postRuns?: number;
  subscribers?: number;
  mapItems?: number;
  /**
   * The server process's CPU time so far, in ms (user + system), when the caller can read it: each latency then
   * also says the server's CPU per request, which a busy machine slows down far less than it does wall time.
   */
  serverCpuMs?: () => number;
}

export interface Latency {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The server's CPU time over the measurement, per request (with `serverCpuMs`). */
  serverCpuMsPerRequest?: number;
}

export interface SseMeasurement {
  subscribers: number;
  mapItems: number;
  runStatus: string;
  /** Events the run emitted (its last sequence number). */
  emitted: number;
  /** Fewest and most events a subscriber received; both equal `emitted` when nothing was lost or repeated. */
  receivedMin: number;
  receivedMax: number;
  allReceivedEveryEvent: boolean;
  /** Events delivered to all subscribers together, per second, from the first subscription to the last end. */
  eventsPerSecond: number;
  seconds: number;
}

export interface ServerMeasurement {
  getWorkflow: Latency;
  postRun: Latency;
  sse: SseMeasurement;
}

export async function measureServer(options: MeasureOptions): Promise<ServerMeasurement> {
  const url = new URL(options.baseUrl);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
    throw new Error(`measureServer only talks to this machine (127.0.0.1), not ${url.hostname}`);
  }
  const clients = options.clients ?? 50;
  const client = new LoadClient(Number(url.port || 80), options.token, clients + (options.subscribers ?? 100) + 4);
  try {
    const quick = await client.createWorkflow(quickWorkflow());
    const getWorkflow = await measureLatency(clients, options.getRequests ?? 2000, options.serverCpuMs, async () => {
      const answer = await client.call('GET', `/api/workflows/${quick}`);
      if (answer.status !== 200) throw new Error(`GET /api/workflows/${quick} answered ${answer.status}`);
    });
    const started: string[] = [];
    const postRun = await measureLatency(clients, options.postRuns ?? 100, options.serverCpuMs, async () => {
      const answer = await client.call('POST', '/api/runs', { workflowId: quick });
      if (answer.status !== 201) throw new Error(`POST /api/runs answered ${answer.status}: ${answer.text}`);
      started.push((JSON.parse(answer.text) as { id: string }).id);
    });
    // The runs only had to be accepted: stop them so that they do not compete with the SSE measurement.
    await Promise.all(started.map((id) => client.call('POST', `/api/runs/${id}/cancel`)));
    await Promise.all(started.map((id) => client.drainEvents(id)));

    const sse = await measureSse(client, options.subscribers ?? 100, options.mapItems ?? 1000);
    return { getWorkflow, postRun, sse };
  } finally {
    client.close();
  }
}

async function measureSse(client: LoadClient, subscribers: number, mapItems: number): Promise<SseMeasurement> {
  const workflowId = await client.createWorkflow(mapWorkflow(mapItems));
  const created = await client.call('POST', '/api/runs', { workflowId });
  if (created.status !== 201) throw new Error(`POST /api/runs answered ${created.status}: ${created.text}`);
  const runId = (JSON.parse(created.text) as { id: string }).id;
  const t0 = performance.now();
  const counts = await Promise.all(Array.from({ length: subscribers }, () => client.drainEvents(runId)));
  const seconds = (performance.now() - t0) / 1000;
  const run = JSON.parse((await client.call('GET', `/api/runs/${runId}`)).text) as { status: string; lastSeq: number };
  const received = counts.reduce((a, b) => a + b, 0);
  return {
    subscribers,
    mapItems,
    runStatus: run.status,
    emitted: run.lastSeq,
    receivedMin: Math.min(...counts),
    receivedMax: Math.max(...counts),
    allReceivedEveryEvent: counts.every((c) => c === run.lastSeq),
    eventsPerSecond: Math.round(received / seconds),
    seconds: Math.round(seconds * 10) / 10,
  };
}

async function measureLatency(concurrency: number, total: number, serverCpuMs: (() => number) | undefined, call: () => Promise<void>): Promise<Latency> {
  const times: number[] = [];
  let next = 0;
  const cpuBefore = serverCpuMs?.();
  const worker = async (): Promise<void> => {
    while (next < total) {
      next++;
      const t = performance.now();
      await call();
      times.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpu = cpuBefore !== undefined && serverCpuMs ? { serverCpuMsPerRequest: Math.round(((serverCpuMs() - cpuBefore) / times.length) * 100) / 100 } : {};
  times.sort((a, b) => a - b);
  const at = (q: number): number => Math.round((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0) * 10) / 10;
  return { count: times.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1), ...cpu };
}

class LoadClient {
  private readonly agent: Agent;

  constructor(
    private readonly port: number,
    private readonly token: string,
    sockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  close(): void {
    this.agent.destroy();
  }

  async createWorkflow(document: WorkflowDoc): Promise<string> {
    const answer = await this.call('POST', '/api/workflows', { document });
    if (answer.status !== 201) throw new Error(`POST /api/workflows answered ${answer.status}: ${answer.text}`);
    return (JSON.parse(answer.text) as { id: string }).id;
  }

  call(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Reads a run's whole event stream; answers how many events came. */
  drainEvents(runId: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: this.port, path: `/api/runs/${runId}/events`, agent: false, headers: { authorization: `Bearer ${this.token}` } },
        (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            reject(new Error(`GET /api/runs/${runId}/events answered ${res.statusCode}`));
            return;
          }
          let count = 0;
          let tail = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            const text = tail + chunk;
            let from = 0;
            for (;;) {
              const at = text.indexOf('\nid: ', from);
              if (at < 0) break;
              count++;
              from = at + 5;
            }
            tail = text.slice(Math.max(from, text.length - 5));
          });
          res.on('end', () => resolve(count));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
  }
}

function quickWorkflow(): WorkflowDoc {
  return {
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'load-quick' },
    spec: {
      outputs: [{ name: 'o0', type: 'int', from: { node: 'one' as never, output: 'o0' } }],
      tasks: [{ name: 'one', type: 'python', code: 'def one() -> int:\n    return 1\n' }],
      nodes: [{ id: 'one' as never, task: 'one' }],
    },
  };
}

function mapWorkflow(items: number): WorkflowDoc {
  return {
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'load-map' },
    spec: {
      inputs: [{ name: 'xs', type: 'list[int]', default: Array.from({ length: items }, (_, i) => i) }],
      outputs: [{ name: 'o0', type: 'list[int]', from: { node: 'square' as never, output: 'o0' } }],
      tasks: [{ name: 'square', type: 'python', code: 'def square(x: int) -> int:\n    print(f"squaring {x}")\n    return x * x\n' }],
      nodes: [{ id: 'square' as never, task: 'square', map: {}, inputs: { x: { input: 'xs' } } }],
    },
  };
}
