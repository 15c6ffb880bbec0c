import { useSyncExternalStore } from 'react';

/**
 * A minimal router: two routes, `/` (the workflows list) and `/w/:id` (the editor). The URL always reflects the
 * open workflow, so a reload or a shared link opens the same one.
 */
export type Route = { name: 'home' } | { name: 'workflow'; id: string };

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
window.addEventListener('popstate', notify);

export function parseRoute(pathname: string): Route {
  const m = /^\/w\/([^/]+)\/?$/.exec(pathname);
  if (m?.[1]) return { name: 'workflow', id: decodeURIComponent(m[1]) };
  return { name: 'home' };
}

export const workflowPath = (id: string): string => `/w/${encodeURIComponent(id)}`;

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === window.location.pathname) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  notify();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}
