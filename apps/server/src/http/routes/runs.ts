import type { AppContext } from '../app-context';
import { ApiError, notFound } from '../api-error';
import { raise } from '../raise';
import { defineRoute, type Route } from '../route';
import { CreateRunBody, ErrorAnswer, RunAnswer, RunPageAnswer, RunParams, RunSummaryAnswer, RunsQuery } from '@podflow/core';

const error = (description: string) => ({ description, schema: ErrorAnswer });
const DEFAULT_PAGE = 50;

/** Start, list, read and cancel runs. */
export function runRoutes(ctx: AppContext): Route[] {
  return [
    defineRoute({
      method: 'POST',
      path: '/api/runs',
      tag: 'runs',
      summary: 'Start a run (without `version`, the draft is saved as a new version first)',
      body: CreateRunBody,
      responses: {
        201: { description: 'the run, queued', schema: RunAnswer },
        400: error('invalid inputs or options'),
        404: error('no such workflow, version or earlier run'),
        422: error('the workflow has errors (listed in `issues`)'),
      },
      handler: async ({ body, reply }) => {
        const run = await ctx.runService.create(body);
        reply.code(201);
        return run;
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/runs',
      tag: 'runs',
      summary: 'List runs, newest first; `next` is the `before` of the next page',
      query: RunsQuery,
      responses: { 200: { description: 'a page of runs', schema: RunPageAnswer } },
      handler: ({ query }) =>
        ctx.runs.list({
          limit: query.limit ?? DEFAULT_PAGE,
          ...(query.workflowId ? { workflowId: query.workflowId } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(query.before ? { before: query.before } : {}),
        }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/runs/:id',
      tag: 'runs',
      summary: 'A run with its executions, attempts and outputs',
      params: RunParams,
      responses: { 200: { description: 'the run', schema: RunAnswer }, 404: error('no such run') },
      handler: ({ params }) => ctx.runs.get(params.id) ?? raise(notFound(`run ${params.id}`, 'id')),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/runs/:id/cancel',
      tag: 'runs',
      summary: 'Cancel a run: every pod it started is stopped',
      params: RunParams,
      responses: {
        202: { description: 'cancelling; the run ends with run-cancelled', schema: RunSummaryAnswer },
        404: error('no such run'),
        409: error('the run has already ended'),
      },
      handler: ({ params, reply }) => {
        const result = ctx.runService.cancel(params.id);
        if (result === undefined) throw notFound(`run ${params.id}`, 'id');
        const summary = ctx.runs.getSummary(params.id) ?? raise(notFound(`run ${params.id}`, 'id'));
        if (result === 'ended') throw new ApiError(409, 'run-ended', `run ${params.id} has already ended (${summary.status})`);
        reply.code(202);
        return summary;
      },
    }),
  ];
}
