import type { ServerResponse } from 'node:http';
import type { RunEvent } from '@podflow/core';
import type { AppContext } from '../app-context';
import { notFound } from '../api-error';
import { raise } from '../raise';
import { defineRoute, parsePart, type Route } from '../route';
import { followRunEvents } from '../../runs/follow-run-events';
import { ErrorAnswer, EventsQuery, LastEventIdSchema, RunEventStreamAnswer, RunParams } from '@podflow/core';

/**
 * Live run events over Server-Sent Events: `id: SEQ`, `event: run-event`, `data: RunEvent`; resumes after
 * `Last-Event-ID` (or `?after=`); a comment line every `heartbeatSeconds`; the stream ends after the run's final event.
 */
export function runEventRoutes(ctx: AppContext, streams: Set<AbortController>): Route[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/runs/:id/events',
      tag: 'runs',
      summary: 'Live events of a run (Server-Sent Events); Last-Event-ID or ?after= resumes',
      params: RunParams,
      query: EventsQuery,
      headers: [{ name: 'Last-Event-ID', description: 'resume after this sequence number (sent by EventSource on reconnect)' }],
      responses: {
        200: { description: 'text/event-stream of run events', schema: RunEventStreamAnswer, contentType: 'text/event-stream' },
        404: { description: 'no such run', schema: ErrorAnswer },
      },
      handler: async ({ params, query, request, reply }) => {
        if (ctx.runs.status(params.id) === undefined) raise(notFound(`run ${params.id}`, 'id'));
        const header = request.headers['last-event-id'];
        const after =
          header !== undefined && header !== ''
            ? parsePart(LastEventIdSchema, Array.isArray(header) ? header[0] : header, 'query')
            : (query.after ?? 0);

        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write(': podflow run events\n\n');
        const abort = new AbortController();
        streams.add(abort);
        const onClose = (): void => abort.abort();
        res.on('close', onClose);
        const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), ctx.heartbeatSeconds * 1000);
        try {
          await followRunEvents(
            { bus: ctx.bus, readAfter: (id, a, limit) => ctx.events.readAfter(id, a, limit), runStatus: (id) => ctx.runs.status(id) },
            params.id,
            after,
            (events) => write(res, events, abort.signal),
            abort.signal,
          );
        } catch (e) {
          process.stderr.write(`podflow: the event stream of run ${params.id} failed: ${(e as Error).message}\n`);
        } finally {
          clearInterval(heartbeat);
          streams.delete(abort);
          res.off('close', onClose);
          res.end();
        }
        return undefined;
      },
    }),
  ];
}

function write(res: ServerResponse, events: readonly RunEvent[], signal: AbortSignal): Promise<void> | void {
  let chunk = '';
  for (const e of events) chunk += `id: ${e.seq}\nevent: run-event\ndata: ${JSON.stringify(e)}\n\n`;
  if (res.write(chunk)) return;
  return new Promise<void>((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    res.on('drain', done);
    signal.addEventListener('abort', done);
  });
}
