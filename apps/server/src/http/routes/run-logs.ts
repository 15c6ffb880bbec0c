import type { AppContext } from '../app-context';
import { notFound } from '../api-error';
import { defineRoute, type Route } from '../route';
import { ErrorAnswer, LogPageAnswer, LogsQuery, RunParams } from '@podflow/core';

const DEFAULT_PAGE = 1000;

/** A run's log lines, paged oldest first; filter by execution, attempt and container. */
export function runLogRoutes(ctx: AppContext): Route[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/runs/:id/logs',
      tag: 'runs',
      summary: 'Log lines of a run (per execution, attempt and container), oldest first; `next` is the `after` of the next page',
      params: RunParams,
      query: LogsQuery,
      responses: { 200: { description: 'a page of lines', schema: LogPageAnswer }, 404: { description: 'no such run', schema: ErrorAnswer } },
      handler: ({ params, query }) => {
        if (ctx.runs.status(params.id) === undefined) throw notFound(`run ${params.id}`, 'id');
        return ctx.logs.page(params.id, {
          after: query.after ?? 0,
          limit: query.limit ?? DEFAULT_PAGE,
          ...(query.execution !== undefined ? { executionId: query.execution } : {}),
          ...(query.attempt !== undefined ? { attempt: query.attempt } : {}),
          ...(query.container !== undefined ? { container: query.container } : {}),
        });
      },
    }),
  ];
}
