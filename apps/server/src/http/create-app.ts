import { jsonTextTooDeep, MAX_DOCUMENT_BYTES, nestingTooDeepMessage } from '@podflow/core';
import Fastify, { type FastifyError, type FastifyInstance, type RouteOptions } from 'fastify';
import type { AppContext } from './app-context';
import { ApiError } from './api-error';
import { installSecurity, isApiRequest, tokenCheckOf, type SecurityOptions } from './install-security';
import { installStaticApp } from './install-static-app';
import { apiRoutes } from './api-routes';
import { parsePart, type Route } from './route';

/** The HTTP server: security checks, the API routes, and the web app. Not yet listening. */
export interface AppOptions {
  ctx: AppContext;
  security: SecurityOptions;
  /** `apps/web/dist`, when it exists. */
  webDist: string | undefined;
  /** Largest request body (default DEFAULT_BODY_LIMIT). */
  bodyLimit?: number;
  /** Told of every route as Fastify registers it (API, app shell, static files); tests enumerate routes with it. */
  onRoute?: (route: RouteOptions) => void;
}

/**
 * Room for any document within core's one document limit (MAX_DOCUMENT_BYTES, checked on the document itself, as
 * YAML text or JSON data), even as YAML text with every character JSON-escaped, plus the rest of the body.
 */
export const DEFAULT_BODY_LIMIT = 2 * MAX_DOCUMENT_BYTES + 1024 * 1024;

export async function createApp(options: AppOptions): Promise<FastifyInstance> {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = Fastify({ logger: false, bodyLimit, forceCloseConnections: true, routerOptions: { maxParamLength: 500 } });

  if (options.onRoute) app.addHook('onRoute', options.onRoute);

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    const api = toApiError(error, bodyLimit);
    if (api.status >= 500) process.stderr.write(`podflow: ${request.method} ${request.url} failed: ${error.stack ?? error.message}\n`);
    void reply.code(api.status).header('cache-control', 'no-store').send(api.toBody());
  });

  // Only JSON bodies; an empty body is no body (a POST without one is fine). Prototype poisoning is refused.
  app.removeAllContentTypeParsers();
  const secureJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    // Before anything recursive reads it (zod's JSON schema, copies): deep nesting would overflow the stack.
    if (jsonTextTooDeep(text)) return done(new ApiError(400, 'too-deep', nestingTooDeepMessage('the body'), { field: 'body' }), undefined);
    try {
      JSON.parse(text);
    } catch (e) {
      return done(new ApiError(400, 'invalid-json', `the body is not valid JSON: ${(e as Error).message}`, { field: 'body' }), undefined);
    }
    secureJson(request, text, done);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (isApiRequest(request) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  await installSecurity(app, options.security);

  const streams = new Set<AbortController>();
  app.addHook('onClose', async () => {
    for (const stream of streams) stream.abort();
  });
  const ctx = options.ctx;
  const routes = apiRoutes(ctx, streams);
  for (const route of routes) registerRoute(app, route);

  await installStaticApp(app, { webDist: options.webDist, token: tokenCheckOf(options.security.token) });
  return app;
}

function registerRoute(app: FastifyInstance, route: Route): void {
  app.route({
    method: route.method,
    url: route.path,
    handler: async (request, reply) => {
      const params = route.params ? parsePart(route.params, request.params, 'params') : undefined;
      const query = route.query ? parsePart(route.query, request.query, 'query') : undefined;
      const body = route.body ? parsePart(route.body, request.body, 'body') : undefined;
      const result = await route.handler({ params, query, body, request, reply });
      if (reply.sent) return reply;
      return reply.send(result === null ? undefined : result);
    },
  });
}

function toApiError(error: FastifyError | ApiError, bodyLimit: number): ApiError {
  if (error instanceof ApiError) return error;
  const status = error.statusCode ?? 500;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'body-too-large', `the body is larger than ${Math.round(bodyLimit / 1024 / 1024)} MiB, the most this server takes`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'unsupported-media-type', 'send the body as JSON (Content-Type: application/json)');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError(400, 'invalid-json', 'the body is not valid JSON', { field: 'body' });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError(400, 'invalid-request', 'the Content-Length does not match the body');
  }
  if (status >= 400 && status < 500) return new ApiError(status, `http-${status}`, error.message);
  return new ApiError(500, 'internal-error', `the server failed: ${error.message}`);
}
