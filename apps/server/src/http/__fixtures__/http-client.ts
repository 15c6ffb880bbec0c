import { request as httpRequest, Agent, type IncomingHttpHeaders } from 'node:http';
import { ErrorAnswer, RunEventSchema, type RunEvent } from '@podflow/core';
import { z } from 'zod';
import { apiRoutes } from '../api-routes';
import type { AppContext } from '../app-context';

/**
 * A small HTTP client on node:http (so that tests may send any Host, Origin or malformed body), and an SSE reader.
 * Traffic goes to 127.0.0.1 only. Every JSON answer is parsed with the schema its route declares (core's
 * api-answers.ts; errors with `ErrorAnswer`), and every run event with `RunEventSchema`: an answer that drifts from
 * the contract fails the test that received it.
 */
export interface Target {
  port: number;
  token: string;
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: () => any;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is (with Content-Type: application/json unless headers say otherwise). */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  /** Send the token as a Bearer header (default true). */
  auth?: boolean;
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export function send(target: Target, method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = {
    host: `127.0.0.1:${target.port}`,
    ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(options.auth === false ? {} : { authorization: `Bearer ${target.token}` }),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest({ host: '127.0.0.1', port: target.port, method, path, headers, agent }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        const problem = contractProblem(method, path, status, res.headers['content-type'], text);
        if (problem) reject(new Error(problem));
        else resolve({ status, headers: res.headers, text, json: () => JSON.parse(text) });
      });
      res.on('error', reject);
    });
    // A server may answer (413) and close before the whole body is written: the answer is what counts.
    req.on('error', (e) => (answered ? undefined : setTimeout(() => (answered ? undefined : reject(e)), 200)));
    if (payload !== undefined) req.end(payload);
    else req.end();
  });
}

/** A stand-in for the server's context: any member may be read, none may be called (no handler runs here). */
const noContext: unknown = new Proxy(() => undefined, {
  get: () => noContext,
  apply: () => {
    throw new Error('the route table of the test client has no context');
  },
});

/** The server's own route table; only its descriptions are read. */
const ROUTES = apiRoutes(noContext as AppContext, new Set()).map((route) => ({ route, pattern: new RegExp(`^${route.path.replace(/[.]/g, '\\.').replace(/:[A-Za-z]+/g, '[^/]+')}$`) }));

/** Why a JSON answer does not match core's schema for it, or undefined when it does (or is not JSON). */
export function contractProblem(method: string, path: string, status: number, contentType: string | undefined, text: string): string | undefined {
  if (!contentType?.startsWith('application/json')) return undefined;
  const pathname = path.split('?')[0]!;
  const route = ROUTES.find((r) => r.route.method === method && r.pattern.test(pathname))?.route;
  const schema = route?.responses[status]?.schema ?? (status >= 400 ? ErrorAnswer : undefined);
  if (!schema) return `${method} ${path} answered ${status}, an answer its route does not declare`;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return `${method} ${path} answered ${status} with JSON that does not parse: ${text.slice(0, 200)}`;
  }
  const parsed = schema.safeParse(data);
  return parsed.success ? undefined : `${method} ${path} answered ${status}, which does not match core's schema:\n${z.prettifyError(parsed.error)}`;
}

export const api = (target: Target) => ({
  get: (path: string, options?: RequestOptions) => send(target, 'GET', path, options),
  post: (path: string, body?: unknown, options?: RequestOptions) => send(target, 'POST', path, { ...options, body }),
  put: (path: string, body?: unknown, options?: RequestOptions) => send(target, 'PUT', path, { ...options, body }),
  patch: (path: string, body?: unknown, options?: RequestOptions) => send(target, 'PATCH', path, { ...options, body }),
  del: (path: string, options?: RequestOptions) => send(target, 'DELETE', path, options),
});

export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
}

/**
 * Reads an SSE stream: `onMessage` gets each message; resolves when the server ends the stream (or `signal` aborts,
 * which closes the connection). `stopAfter` closes it from the client side after that many messages.
 */
export function readSse(
  target: Target,
  path: string,
  onMessage: (message: SseMessage) => void,
  options: { headers?: Record<string, string>; stopAfter?: number; onOpen?: (status: number) => void } = {},
): Promise<{ status: number; ended: 'server' | 'client'; comments: number }> {
  return new Promise((resolve, reject) => {
    let comments = 0;
    let count = 0;
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: target.port,
        path,
        headers: { host: `127.0.0.1:${target.port}`, accept: 'text/event-stream', authorization: `Bearer ${target.token}`, ...options.headers },
      },
      (res) => {
        options.onOpen?.(res.statusCode ?? 0);
        if (res.statusCode !== 200) {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, ended: 'server', comments }));
          return;
        }
        let buffer = '';
        let current: SseMessage = { data: '' };
        let hasData = false;
        let closedByUs = false;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let newline: number;
          while ((newline = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, newline);
            buffer = buffer.slice(newline + 1);
            if (line === '') {
              if (hasData) {
                const problem = eventProblem(current);
                if (problem) {
                  closedByUs = true;
                  req.destroy();
                  reject(new Error(problem));
                  return;
                }
                onMessage(current);
                count++;
                if (options.stopAfter !== undefined && count >= options.stopAfter && !closedByUs) {
                  closedByUs = true;
                  req.destroy();
                  resolve({ status: 200, ended: 'client', comments });
                  return;
                }
              }
              current = { data: '' };
              hasData = false;
            } else if (line.startsWith(':')) comments++;
            else {
              const colon = line.indexOf(':');
              const field = colon < 0 ? line : line.slice(0, colon);
              const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
              if (field === 'data') {
                current.data = hasData ? `${current.data}\n${value}` : value;
                hasData = true;
              } else if (field === 'id') current.id = value;
              else if (field === 'event') current.event = value;
            }
          }
        });
        res.on('end', () => {
          if (!closedByUs) resolve({ status: 200, ended: 'server', comments });
        });
        res.on('error', (e) => (closedByUs ? undefined : reject(e)));
      },
    );
    req.on('error', (e) => reject(e));
    req.end();
  });
}

/** Why an SSE message is not a run event as core's `RunEventSchema` describes it (undefined when it is). */
function eventProblem(message: SseMessage): string | undefined {
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    return `an SSE message is not JSON: ${message.data.slice(0, 200)}`;
  }
  const parsed = RunEventSchema.safeParse(data);
  if (!parsed.success) return `an SSE message is not a run event as core describes it:\n${z.prettifyError(parsed.error)}\n${message.data.slice(0, 300)}`;
  if (message.id !== undefined && message.id !== String(parsed.data.seq)) return `the SSE id ${message.id} is not the event's seq ${parsed.data.seq}`;
  return undefined;
}

/** All events of a run over SSE, until the stream ends. */
export async function collectRunEvents(target: Target, runId: string, headers: Record<string, string> = {}): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  const result = await readSse(target, `/api/runs/${runId}/events`, (m) => events.push(JSON.parse(m.data) as RunEvent), { headers });
  if (result.status !== 200) throw new Error(`GET /api/runs/${runId}/events answered ${result.status}`);
  return events;
}
