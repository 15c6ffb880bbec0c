import { timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './api-error';
import { isApiPath, parseRequestTarget } from './request-target';

/**
 * The checks of DESIGN.md §5, run on every request once the router has matched it, before any handler:
 * - The request target must be one this server understands (`parseRequestTarget`), else 400.
 * - Host must name this server (127.0.0.1:PORT, localhost:PORT, [::1]:PORT, the --host address, or an --allow-host
 *   name): a page on another site that rebinds its DNS name to 127.0.0.1 is refused (403).
 * - A state-changing request (POST/PUT/PATCH/DELETE) whose Origin is not this server's own is refused (403).
 * - Every API call needs the token, as `Authorization: Bearer TOKEN` or the `podflow_token` cookie (401). "API call"
 *   is decided from what will run, not from how the target was spelt: the route the router matched is under /api,
 *   or (no route matched) the decoded path is under /api in any case. So `/%61pi/runs`, which the router decodes to
 *   `/api/runs`, needs the token like `/api/runs` does.
 */
export const TOKEN_COOKIE = 'podflow_token';

export interface SecurityOptions {
  token: string;
  /** The port actually listened on (known only after listen when --port 0). */
  port: () => number;
  /** The --host address, when it is a specific address (not a wildcard or loopback). */
  host?: string;
  /** --allow-host entries: `NAME` (any port) or `NAME:PORT` (that port only). */
  allowHosts: readonly string[];
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function installSecurity(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  const hostAllowed = hostMatcher(options);
  const tokenCheck = tokenCheckOf(options.token);
  // Parses the Cookie header into request.cookies (in its own onRequest hook, registered before ours).
  await app.register(fastifyCookie);

  app.addHook('onRequest', async (request) => {
    parseRequestTarget(request.url);
    const host = request.headers.host;
    if (!host || !hostAllowed(host)) {
      throw new ApiError(
        403,
        'forbidden-host',
        `this server does not answer to the Host "${host ?? ''}" (a guard against DNS rebinding); open http://127.0.0.1:${options.port()}/ ` +
          'or start `podflow serve` with --allow-host NAME for the name you use',
      );
    }
    if (STATE_CHANGING.has(request.method)) checkOrigin(request, hostAllowed);
    if (isApiRequest(request) && !tokenMatches(tokenFromRequest(request), tokenCheck)) {
      throw new ApiError(
        401,
        'unauthorized',
        'this call needs the Podflow token: open the URL that `podflow serve` printed (it sets a cookie), or send Authorization: Bearer TOKEN',
      );
    }
  });
}

function checkOrigin(request: FastifyRequest, hostAllowed: (host: string) => boolean): void {
  if (request.headers['sec-fetch-site'] === 'cross-site') {
    throw new ApiError(403, 'forbidden-origin', 'cross-site requests may not change anything on this server');
  }
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let allowed: boolean;
  try {
    const url = new URL(origin);
    allowed = (url.protocol === 'http:' || url.protocol === 'https:') && hostAllowed(url.host);
  } catch {
    allowed = false;
  }
  if (!allowed) {
    throw new ApiError(403, 'forbidden-origin', `requests from the page origin "${origin}" may not change anything on this server`);
  }
}

/** Whether a request is an API call: its matched route is under /api, or nothing matched and its path is. */
export function isApiRequest(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  if (route !== undefined && isApiPath(route)) return true;
  try {
    return isApiPath(parseRequestTarget(request.url).path);
  } catch {
    return true; // a target nobody understands is never the app shell
  }
}

/** `Host` (or an origin's host) → whether it names this server. */
export function hostMatcher(options: Pick<SecurityOptions, 'port' | 'host' | 'allowHosts'>): (host: string) => boolean {
  const withPort = new Set<string>();
  const anyPort = new Set<string>();
  for (const entry of options.allowHosts) {
    const parsed = splitHost(entry.toLowerCase());
    if (parsed.port === undefined) anyPort.add(parsed.name);
    else withPort.add(`${parsed.name}:${parsed.port}`);
  }
  const own = ['127.0.0.1', 'localhost', '[::1]'];
  if (options.host) own.push(options.host.includes(':') && !options.host.startsWith('[') ? `[${options.host}]` : options.host.toLowerCase());
  return (header) => {
    const { name, port } = splitHost(header.trim().toLowerCase());
    const effectivePort = port ?? '80';
    if (anyPort.has(name) || withPort.has(`${name}:${effectivePort}`)) return true;
    return own.includes(name) && effectivePort === String(options.port());
  };
}

function splitHost(host: string): { name: string; port?: string } {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host);
  if (!match) return { name: host };
  return match[2] === undefined ? { name: match[1] ?? '' } : { name: match[1] ?? '', port: match[2] };
}

export function tokenFromRequest(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (auth) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return match?.[1];
  }
  return request.cookies[TOKEN_COOKIE];
}

/** The expected token, prepared once for constant-time comparison. */
export interface TokenCheck {
  bytes: Buffer;
}

export const tokenCheckOf = (token: string): TokenCheck => ({ bytes: Buffer.from(token, 'utf8') });

/** Constant-time comparison (only the length, which is not secret, is compared first). */
export function tokenMatches(given: string | undefined, expected: TokenCheck): boolean {
  if (!given || given.length !== expected.bytes.length) return false;
  const bytes = Buffer.from(given, 'utf8');
  return bytes.length === expected.bytes.length && timingSafeEqual(bytes, expected.bytes);
}
