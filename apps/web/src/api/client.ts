import { ErrorAnswer } from '@podflow/core';
import type { z } from 'zod';
import { ApiError } from './api-error';
import { authState } from './auth-state';

/**
 * The one place that talks HTTP. The token is normally carried by the server's HttpOnly cookie (set when the browser
 * opened the start-up URL), hence `credentials: 'same-origin'`. When the app is served by something else (Vite's dev
 * server), the `?token=` of the URL is kept for this tab and sent as a Bearer header instead.
 */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  keepalive?: boolean;
}

/**
 * One API call; the answer is parsed with `answer`, core's schema for it (packages/core/src/api/api-answers.ts), so
 * that nothing the server sends is trusted by a cast. `null` for answers without a body (204).
 */
export async function request<S extends z.ZodType>(path: string, answer: S, options?: RequestOptions): Promise<z.output<S>>;
export async function request(path: string, answer: null, options?: RequestOptions): Promise<void>;
export async function request(path: string, answer: z.ZodType | null, options: RequestOptions = {}): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const token = authState.bearerToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
      keepalive: options.keepalive,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'offline', 'The Podflow server cannot be reached.');
  }
  if (response.status === 401) {
    authState.markUnauthorized();
    throw new ApiError(401, 'unauthorized', 'This browser is not signed in to the Podflow server.');
  }
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) {
    const err = ErrorAnswer.safeParse(data);
    const error = err.success ? err.data.error : undefined;
    throw new ApiError(response.status, error?.code ?? `http-${response.status}`, error?.message ?? `${response.status} ${response.statusText}`, data);
  }
  if (answer === null) return undefined;
  const parsed = answer.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new ApiError(500, 'bad-answer', `The server sent an answer this editor cannot read${where}: ${issue?.message ?? 'unknown problem'}`, data);
  }
  return parsed.data;
}

/** Plain-text GET (export.yaml). */
export async function requestText(path: string): Promise<string> {
  const token = authState.bearerToken();
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError(0, 'offline', 'The Podflow server cannot be reached.');
  }
  if (response.status === 401) {
    authState.markUnauthorized();
    throw new ApiError(401, 'unauthorized', 'This browser is not signed in to the Podflow server.');
  }
  if (!response.ok) throw new ApiError(response.status, `http-${response.status}`, `${response.status} ${response.statusText}`);
  return response.text();
}

/** True when the server answers its health check (used to notice that it came back). */
export async function serverIsUp(): Promise<boolean> {
  try {
    const r = await fetch('/healthz', { credentials: 'same-origin', cache: 'no-store' });
    return r.ok;
  } catch {
    return false;
  }
}
