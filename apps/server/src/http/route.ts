import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ApiError } from './api-error';

/**
 * A route, described once: fastify registers it, its zod schemas check every id, query and body before the handler
 * runs (400 naming the field), and the OpenAPI document is generated from the same description.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteResponse {
  description: string;
  schema?: z.ZodType;
  /** Default `application/json`. */
  contentType?: string;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface Route<P = unknown, Q = unknown, B = unknown> {
  method: HttpMethod;
  /** Fastify syntax: `/api/workflows/:id`. */
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Request headers the route reads, for the OpenAPI document. */
  headers?: { name: string; description: string; required?: boolean }[];
  responses: Record<number, RouteResponse>;
  /** Answers `undefined` after writing the reply itself (SSE); anything else is sent as JSON. */
  handler: (input: RouteInput<P, Q, B>) => unknown;
}

/** The schemas of a route's success answers (2xx). */
type SuccessSchema<R> = { [K in keyof R]: K extends 200 | 201 | 202 ? (R[K] extends { schema: infer S extends z.ZodType } ? S : never) : never }[keyof R];
/** What a handler may return: a value of its declared success answer (core's schema), or nothing after replying itself. */
type HandlerAnswer<R> = [SuccessSchema<R>] extends [never] ? unknown : z.output<SuccessSchema<R>> | undefined;

/**
 * Keeps the generic types of one route together: TypeScript infers P, Q, B from the request schemas, and the handler's
 * answer must be what the declared success schema (core's api-answers.ts) describes.
 */
export const defineRoute = <P = undefined, Q = undefined, B = undefined, R extends Record<number, RouteResponse> = Record<number, RouteResponse>>(
  route: Omit<Route<P, Q, B>, 'responses' | 'handler'> & {
    responses: R;
    handler: (input: RouteInput<P, Q, B>) => HandlerAnswer<R> | Promise<HandlerAnswer<R>>;
  },
): Route => route as unknown as Route;

/** Parses one part of a request; a failure is a 400 naming the field (`id`, `inputs.list_of_ints`, `limit`). */
export function parsePart<T>(schema: z.ZodType<T>, value: unknown, part: 'params' | 'query' | 'body'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: formatIssuePath(issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path),
    message: describeIssue(issue, valueAt(value, issue.path)),
  }));
  const first = issues[0] ?? { path: '', message: 'invalid' };
  const field = first.path || part;
  const what = part === 'params' ? 'in the URL' : part === 'query' ? 'in the query' : 'in the body';
  const message = first.path ? `${first.path} ${what}: ${first.message}` : `the ${part === 'body' ? 'body' : part}: ${first.message}`;
  throw new ApiError(400, 'invalid-request', message, { field, issues });
}

function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  // A fraction where a whole number is wanted: the schema's own words ("expected a whole number of API calls").
  if (issue.code === 'invalid_type' && issue.expected === 'int' && typeof input === 'number') return issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_type') {
    return input === undefined ? `required (expected ${issue.expected})` : `expected ${issue.expected}, got ${input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input}`;
  }
  return issue.message.replace(/^Invalid input: /, '');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
