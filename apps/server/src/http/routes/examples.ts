import { ErrorAnswer, ExampleAnswer, ExampleListAnswer, ExampleParams } from '@podflow/core';
import type { AppContext } from '../app-context';
import { notFound } from '../api-error';
import { raise } from '../raise';
import { defineRoute, type Route } from '../route';

/** The example workflows (examples/seed). */
export function exampleRoutes(ctx: AppContext): Route[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/examples',
      tag: 'examples',
      summary: 'List the example workflows',
      responses: { 200: { description: 'the examples', schema: ExampleListAnswer } },
      handler: () => ctx.examples.list(),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/examples/:name',
      tag: 'examples',
      summary: 'One example: its YAML text and document',
      params: ExampleParams,
      responses: { 200: { description: 'the example', schema: ExampleAnswer }, 404: { description: 'no such example', schema: ErrorAnswer } },
      handler: ({ params }) => ctx.examples.get(params.name) ?? raise(notFound(`example ${params.name}`, 'name')),
    }),
  ];
}
