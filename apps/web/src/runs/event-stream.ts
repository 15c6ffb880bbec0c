import { RunEventSchema, type RunEvent } from '@podflow/core';
import { authState } from '../api/auth-state';
import { ApiError } from '../api/api-error';
import { eventsUrl, runsApi } from './runs-api';
import { isTerminalRunEvent } from './run-state';

/**
 * Follows a run's events (`GET /api/runs/:id/events`, Server-Sent Events) from `after` (0 = replay from the start,
 * which is what a full reload does). The browser's EventSource reconnects by itself and sends `Last-Event-ID`, so the
 * server resumes exactly after the last event received; should it give up (the server was down too long), a new
 * EventSource starts `?after=` the last seq seen. Events arrive to `onEvents` in batches (one per ~40 ms), each event
 * once and in order. The stream is closed after the run's final event, and never polled.
 *
 * When the app is served by something else than the Podflow server (Vite in development), the token travels as a
 * Bearer header, which EventSource cannot send: then the same protocol is read with fetch, framed by
 * eventsource-parser, resuming with `Last-Event-ID` as EventSource does.
 */
export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'ended';

export interface StreamHandlers {
  onEvents(events: RunEvent[]): void;
  onState(state: StreamState): void;
  /** The run is gone (deleted) or this browser is not signed in: the stream stops. */
  onFatal(message: string): void;
}

const FLUSH_MS = 40;
const FLUSH_AT = 2_000;
const RETRY_MS = [500, 1000, 2000, 4000, 8000];

export function followRunEvents(runId: string, after: number, h: StreamHandlers): () => void {
  let lastSeq = after;
  let stopped = false;
  let ended = false;
  let queue: RunEvent[] = [];
  let flushTimer: number | undefined;
  let retryTimer: number | undefined;
  let failures = 0;
  let source: EventSource | null = null;
  let abort: AbortController | null = null;

  const flush = () => {
    window.clearTimeout(flushTimer);
    flushTimer = undefined;
    if (queue.length === 0 || stopped) return;
    const batch = queue;
    queue = [];
    h.onEvents(batch);
  };

  /** Takes one event; returns false when it shows a gap (then the stream restarts after the last seq seen). */
  const take = (e: RunEvent): boolean => {
    if (e.seq <= lastSeq) return true;
    if (e.seq !== lastSeq + 1) return false;
    lastSeq = e.seq;
    queue.push(e);
    if (isTerminalRunEvent(e)) {
      ended = true;
      flush();
      close();
      h.onState('ended');
      return true;
    }
    if (queue.length >= FLUSH_AT) flush();
    else flushTimer ??= window.setTimeout(flush, FLUSH_MS);
    return true;
  };

  const close = () => {
    source?.close();
    source = null;
    abort?.abort();
    abort = null;
  };

  const retry = () => {
    if (stopped || ended) return;
    close();
    h.onState('reconnecting');
    const delay = RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]!;
    window.clearTimeout(retryTimer);
    retryTimer = window.setTimeout(() => void check(), delay);
  };

  /** Before opening again: is the run still there, and is this browser still signed in? */
  const check = async () => {
    try {
      await runsApi.get(runId);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 401)) {
        stopped = true;
        h.onFatal(e.status === 404 ? `Run ${runId} no longer exists.` : e.message);
        return;
      }
    }
    open();
  };

  const openEventSource = () => {
    const es = new EventSource(eventsUrl(runId, lastSeq), { withCredentials: true });
    source = es;
    es.onopen = () => {
      failures = 0;
      h.onState('live');
    };
    es.addEventListener('run-event', (m: MessageEvent<string>) => {
      const e = parseRunEvent(m.data);
      if (!e) return contractBroken();
      if (!take(e)) {
        flush();
        retry();
      }
    });
    es.onerror = () => {
      if (ended || stopped || source !== es) return;
      // CONNECTING: the browser retries by itself with Last-Event-ID. CLOSED: it gave up; start again.
      if (es.readyState === EventSource.CLOSED) retry();
      else h.onState('reconnecting');
    };
  };

  const openFetch = async () => {
    const controller = new AbortController();
    abort = controller;
    try {
      const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${authState.bearerToken() ?? ''}` };
      if (lastSeq > 0) headers['Last-Event-ID'] = String(lastSeq);
      const res = await fetch(eventsUrl(runId, 0), { headers, credentials: 'same-origin', signal: controller.signal });
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      failures = 0;
      h.onState('live');
      // The SSE framing (CR/LF/CRLF, multi-line data, comments such as the heartbeat, chunks cut anywhere) is
      // eventsource-parser's; loaded only here, as the cookie path never needs it.
      const { EventSourceParserStream } = await import('eventsource-parser/stream');
      const reader = res.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
      for (;;) {
        const { value: message, done } = await reader.read();
        if (done) break;
        if (message.event !== 'run-event') continue;
        const e = parseRunEvent(message.data);
        if (!e) return contractBroken();
        if (!take(e)) throw new Error('gap');
      }
      flush();
      if (!ended) retry();
    } catch {
      if (controller.signal.aborted && (stopped || ended)) return;
      flush();
      retry();
    }
  };

  /** An event this editor cannot read: following on would only loop over it, so the stream stops and says why. */
  const contractBroken = () => {
    flush();
    stopped = true;
    close();
    h.onFatal('The server sent a run event this editor cannot read; reload the page (the editor and the server may be of different versions).');
  };

  const open = () => {
    if (stopped || ended) return;
    h.onState(lastSeq === 0 ? 'connecting' : 'reconnecting');
    if (authState.bearerToken()) void openFetch();
    else openEventSource();
  };

  open();
  return () => {
    stopped = true;
    window.clearTimeout(retryTimer);
    flush();
    window.clearTimeout(flushTimer);
    close();
  };
}

/** One SSE message, parsed with core's `RunEventSchema`; undefined (and a console warning) when it is not a run event. */
export function parseRunEvent(data: string): RunEvent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    console.warn('podflow: a run event is not JSON', data.slice(0, 200));
    return undefined;
  }
  const parsed = RunEventSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  console.warn('podflow: a run event does not match the contract', parsed.error.issues[0], data.slice(0, 200));
  return undefined;
}
