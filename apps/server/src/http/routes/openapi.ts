import { OpenApiAnswer } from '@podflow/core';
import type { AppContext } from '../app-context';
import { buildOpenApi } from '../openapi';
import { defineRoute, type Route } from '../route';

/** `/api/openapi.json`, describing `routes` (built lazily, once). */
export function openApiRoutes(ctx: AppContext, routes: () => readonly Route[]): Route[] {
  let document: OpenApiAnswer | undefined;
  return [
    defineRoute({
      method: 'GET',
      path: '/api/openapi.json',
      tag: 'server',
      summary: 'This API as OpenAPI 3.1',
      responses: { 200: { description: 'the OpenAPI document', schema: OpenApiAnswer } },
      handler: () => (document ??= OpenApiAnswer.parse(buildOpenApi(routes(), ctx.version))),
    }),
  ];
}
