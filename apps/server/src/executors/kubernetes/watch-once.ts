import { Watch } from '@kubernetes/client-node';
import type { KubeApi } from './kube-api';

/** How one watch connection ended: the server closed it, its resourceVersion expired (410: relist), or it failed. */
export type WatchEnd = 'closed' | 'expired' | 'error';

export interface WatchOnceOptions {
  /** The collection, e.g. `/api/v1/namespaces/NS/pods`. */
  path: string;
  /** Selectors and the resourceVersion to resume from. */
  query: Record<string, string | undefined>;
  /** Each ADDED, MODIFIED, DELETED or BOOKMARK object. */
  onObject: (type: string, obj: unknown) => void;
  /** A Status the server sent in an ERROR event (a 410 ends the watch as `expired`, anything else as `error`). */
  onErrorStatus?: (status: { code?: number; message?: string } | undefined) => void;
  /** The connection is up (the API server answered). */
  onConnected?: (controller: AbortController) => void;
  /** Why the connection failed, when it did. */
  onFailure?: (err: unknown) => void;
  /** Aborting this ends the watch. */
  closing: AbortSignal;
}

/**
 * One watch connection through the executor's rate limit, with bookmarks and a randomised server-side timeout
 * (resuming after it also guards against a silently dead connection); resolves how it ended. A watch that ends within
 * a second without an error (the server refused it quietly) counts as failed, so that the caller backs off.
 */
export async function watchOnce(api: KubeApi, options: WatchOnceOptions): Promise<WatchEnd> {
  await api.throttle(options.closing);
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    let controller: AbortController | undefined;
    const finish = (end: WatchEnd) => {
      if (settled) return;
      settled = true;
      controller?.abort();
      resolve(end);
    };
    new Watch(api.kc)
      .watch(
        options.path,
        { ...options.query, allowWatchBookmarks: true, timeoutSeconds: 240 + Math.floor(Math.random() * 120) },
        (type: string, obj: unknown) => {
          if (settled) return;
          if (type !== 'ERROR') return options.onObject(type, obj);
          const status = obj as { code?: number; message?: string } | undefined;
          options.onErrorStatus?.(status);
          finish(status?.code === 410 ? 'expired' : 'error');
        },
        (err: unknown) => {
          if (settled) return;
          if ((err as { statusCode?: number } | null)?.statusCode === 410) return finish('expired');
          if (err) options.onFailure?.(err);
          finish(err || Date.now() - started < 1000 ? 'error' : 'closed');
        },
      )
      .then(
        (ac) => {
          controller = ac;
          if (settled || options.closing.aborted) ac.abort();
          else options.onConnected?.(ac);
        },
        () => finish('error'),
      );
  });
}
