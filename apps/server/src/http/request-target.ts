import { ApiError } from './api-error';

/**
 * The request target, checked before anything routes on it. The server understands one form: an origin-form path
 * (`/a/b?q`), with no dot segments, no empty segments, no backslashes, no control characters and valid
 * percent-encoding, neither as written nor once decoded. Anything else (absolute-form `http://host/path`, `*`,
 * `/api/../x`, `//api`, `/a%2f..%2fb`, `%zz`) is refused with 400 before the router, the token check or a handler
 * could disagree about what it means.
 */
export interface RequestTarget {
  /** The decoded path, without the query. */
  path: string;
}

export function parseRequestTarget(url: string): RequestTarget {
  if (!url.startsWith('/')) throw invalidTarget('it must be a path starting with "/" (absolute-form and "*" targets are not served)');
  const queryAt = url.indexOf('?');
  const rawPath = queryAt < 0 ? url : url.slice(0, queryAt);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    throw invalidTarget('its percent-encoding is malformed');
  }
  if (hasControlCharacter(url) || hasControlCharacter(path)) throw invalidTarget('it contains control characters');
  if (path.includes('\\')) throw invalidTarget('it contains a backslash');
  const segments = path.split('/').slice(1);
  segments.forEach((segment, i) => {
    if (segment === '.' || segment === '..') throw invalidTarget('it contains a dot segment ("." or "..")');
    if (segment === '' && i < segments.length - 1) throw invalidTarget('it contains an empty segment ("//")');
  });
  return { path };
}

/** Whether a decoded path is under /api, whatever its case. */
export const isApiPath = (path: string): boolean => {
  const lower = path.toLowerCase();
  return lower === '/api' || lower.startsWith('/api/');
};

const invalidTarget = (why: string): ApiError =>
  new ApiError(400, 'invalid-target', `this server does not understand the request target: ${why}`);

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}
