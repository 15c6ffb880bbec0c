import type { AppContext } from '../app-context';
import { defineRoute, type Route } from '../route';
import { HealthAnswer } from '@podflow/core';

export function healthRoutes(ctx: AppContext): Route[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/healthz',
      tag: 'server',
      summary: 'Whether the server is up (no token needed)',
      responses: { 200: { description: 'up', schema: HealthAnswer } },
      handler: () => ({ ok: true as const, version: ctx.version }),
    }),
  ];
}
