import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ApiError } from './api-error';
import { isApiRequest, TOKEN_COOKIE, tokenMatches, type TokenCheck } from './install-security';

/**
 * The web app: files of `apps/web/dist`, with every other GET outside /api answered by index.html (the app routes in
 * the browser). `/?token=TOKEN` signs the browser in: it sets the HttpOnly, SameSite=Strict cookie and redirects to
 * `/`, so the token leaves the address bar. When the app has not been built, `/` says how to build it.
 */
export interface StaticAppOptions {
  /** `apps/web/dist`, when it exists. */
  webDist: string | undefined;
  token: TokenCheck;
}

const COOKIE_MAX_AGE_SECONDS = 400 * 24 * 3600;

export async function installStaticApp(app: FastifyInstance, options: StaticAppOptions): Promise<void> {
  const indexFile = options.webDist ? join(options.webDist, 'index.html') : undefined;
  const built = indexFile !== undefined && existsSync(indexFile);

  if (built && options.webDist) {
    await app.register(fastifyStatic, {
      root: options.webDist,
      prefix: '/',
      index: false,
      wildcard: true,
      // FILE.br / FILE.gz from the build (scripts/compress-assets.mjs), chosen by Accept-Encoding; else FILE itself.
      preCompressed: true,
      setHeaders: (reply, path) => {
        reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  const sendShell = (reply: FastifyReply): FastifyReply => {
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8');
    return reply.send(readIndex(indexFile) ?? NOT_BUILT_PAGE);
  };

  app.get('/', async (request, reply) => {
    const token = (request.query as Record<string, unknown>).token;
    if (typeof token === 'string') {
      if (!tokenMatches(token, options.token)) {
        return reply.code(401).type('text/html; charset=utf-8').send(WRONG_TOKEN_PAGE);
      }
      reply.setCookie(TOKEN_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', maxAge: COOKIE_MAX_AGE_SECONDS });
      return reply.redirect('/', 302);
    }
    return sendShell(reply);
  });

  app.setNotFoundHandler(async (request, reply) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && !isApiRequest(request) && request.url !== '/healthz') {
      return sendShell(reply);
    }
    throw new ApiError(404, 'not-found', `there is no ${request.method} ${request.url.split('?')[0]} in this API; see /api/openapi.json`);
  });
}

/** index.html, read on every request (a rebuild replaces it while the server runs); undefined while there is none. */
function readIndex(file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

const page = (title: string, body: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}code{background:#f2f2f2;padding:.1em .3em;border-radius:3px}</style>
</head><body>${body}</body></html>
`;

const NOT_BUILT_PAGE = page(
  'Podflow',
  `<h1>Podflow</h1>
<p>The server is running, but the web app has not been built yet.</p>
<p>Run <code>npm start</code> in the Podflow repository: it builds the app and starts the server. (Or run <code>npm run build</code>, then start <code>podflow serve</code> again.)</p>
<p>The API is at <code>/api</code>; see <a href="/api/openapi.json">/api/openapi.json</a> (it needs the token).</p>`,
);

const WRONG_TOKEN_PAGE = page(
  'Podflow: wrong token',
  `<h1>This link's token is not valid</h1>
<p>Open the URL that <code>podflow serve</code> printed when it started (<code>http://127.0.0.1:PORT/?token=…</code>).
The token is kept in the data directory's <code>token</code> file, unless <code>PODFLOW_TOKEN</code> sets it.</p>`,
);
