import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { followRunEvents, parseRunEvent } from './event-stream';

describe('parseRunEvent: run events are parsed with core’s RunEventSchema, never cast', () => {
  it('returns a well-formed event', () => {
    const event = { type: 'node-queued', executionId: 'map[3]', nodeId: 'map', task: 't', runId: 'run_1', seq: 4, ts: 10 };
    expect(parseRunEvent(JSON.stringify(event))).toEqual(event);
  });

  it('refuses what is not a run event of the contract', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(parseRunEvent('{not json')).toBeUndefined();
    expect(parseRunEvent(JSON.stringify({ type: 'node-exploded', executionId: 'n', runId: 'r', seq: 1, ts: 1 }))).toBeUndefined();
    expect(parseRunEvent(JSON.stringify({ type: 'node-started', executionId: 'n x', runId: 'r', seq: 1, ts: 1 }))).toBeUndefined();
    expect(parseRunEvent(JSON.stringify({ type: 'node-started', executionId: 'n', runId: 'r', seq: 0, ts: 1 }))).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(4);
    warn.mockRestore();
  });
});

/**
 * The fetch path (the token as a Bearer header, as under Vite), against a real SSE server on loopback: frames cut
 * anywhere, CRLF line ends and heartbeat comments, a connection ended mid-run and resumed with Last-Event-ID.
 */
describe('followRunEvents over fetch: auth header, framing, resume', () => {
  const TOKEN = 'test-token-0123456789';
  let server: Server;
  let base: string;
  const requests: { url: string; auth: string | undefined; lastEventId: string | undefined }[] = [];
  const frame = (seq: number, body: Record<string, unknown>) => `id: ${seq}\r\nevent: run-event\r\ndata: ${JSON.stringify({ ...body, runId: 'run_1', seq, ts: seq })}\r\n\r\n`;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (!req.url?.startsWith('/api/runs/run_1/events')) {
        res.writeHead(503).end(); // the check before a reconnect: a busy server, not a gone run
        return;
      }
      requests.push({ url: req.url, auth: req.headers.authorization, lastEventId: req.headers['last-event-id'] as string | undefined });
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const after = Number(req.headers['last-event-id'] ?? 0);
      if (after === 0) {
        // Three events in chunks cut mid-line and mid-frame, a heartbeat between them, then the connection ends.
        const text = `: hello\r\n\r\n${frame(1, { type: 'node-queued', executionId: 'greet', nodeId: 'greet', task: 'greet' })}: ping\n\n${frame(2, { type: 'node-started', executionId: 'greet' })}${frame(3, { type: 'log', executionId: 'greet', attempt: 0, container: 'primary', stream: 'stdout', line: 'hi: there', ts: 3 })}`;
        const cuts = [7, 30, 31, 95, 180, text.length];
        let at = 0;
        for (const cut of cuts) {
          res.write(text.slice(at, cut));
          at = cut;
        }
        res.end(); // mid-run: the client must come back for the rest
      } else {
        res.end(`${frame(after + 1, { type: 'node-succeeded', executionId: 'greet', outputs: {} })}${frame(after + 2, { type: 'run-succeeded', outputs: {} })}`);
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const realFetch = globalThis.fetch;
    vi.stubGlobal('window', globalThis);
    vi.stubGlobal('sessionStorage', { getItem: (k: string) => (k === 'podflow.token' ? TOKEN : null) });
    // The app's URLs are relative to the page; here the page is the loopback server.
    vi.stubGlobal('fetch', (url: string, init?: RequestInit) => realFetch(new URL(url, base), init));
  });

  afterAll(async () => {
    vi.unstubAllGlobals();
    await new Promise((r) => server.close(r));
  });

  it('gets every event once, in order, across a connection ended mid-run, with the token on every request', async () => {
    const seqs: number[] = [];
    const states: string[] = [];
    let fatal: string | undefined;
    await new Promise<void>((resolve, reject) => {
      const stop = followRunEvents('run_1', 0, {
        onEvents: (events) => seqs.push(...events.map((e) => e.seq)),
        onState: (s) => {
          states.push(s);
          if (s === 'ended') resolve();
        },
        onFatal: (m) => {
          fatal = m;
          stop();
          reject(new Error(m));
        },
      });
    });
    expect(fatal).toBeUndefined();
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
    expect(states).toEqual(['connecting', 'live', 'reconnecting', 'reconnecting', 'live', 'ended']);
    expect(requests.map((r) => r.auth)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
    expect(requests.map((r) => r.lastEventId)).toEqual([undefined, '3']);
  });
});
