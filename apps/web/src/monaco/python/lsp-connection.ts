/**
 * JSON-RPC 2.0 over `postMessage`, the way `vscode-jsonrpc/browser` frames it (one message object per post): just
 * enough of a Language Server Protocol client for a language server running in a Web Worker. Requests get ids and
 * a promise; requests from the server are answered by `onRequest` handlers (or with `null`); notifications go to
 * `onNotification` handlers.
 */
export interface MessageEndpoint {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

interface RpcMessage {
  jsonrpc?: string;
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export class LspError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    message: string,
  ) {
    super(`${method}: ${message} (${code})`);
  }
}

export class LspConnection {
  private nextId = 1;
  private readonly pending = new Map<number, { method: string; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly requestHandlers = new Map<string, (params: unknown) => unknown>();
  private readonly notificationHandlers = new Map<string, (params: unknown) => void>();
  private closed = false;
  private readonly listener = (event: MessageEvent) => this.receive(event.data as RpcMessage);

  constructor(private readonly endpoint: MessageEndpoint) {
    endpoint.addEventListener('message', this.listener);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    if (this.closed) return Promise.reject(new LspError(method, -32099, 'the connection is closed'));
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject });
      this.endpoint.postMessage({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** A request that can be given up on: `$/cancelRequest` tells the server, the promise settles with `undefined`. */
  cancellableRequest<R>(method: string, params: unknown, signal: { onCancellationRequested(cb: () => void): unknown; isCancellationRequested: boolean }): Promise<R | undefined> {
    const id = this.nextId;
    const result = this.request<R>(method, params);
    signal.onCancellationRequested(() => {
      const entry = this.pending.get(id);
      if (!entry) return;
      this.pending.delete(id);
      this.notify('$/cancelRequest', { id });
      entry.resolve(undefined);
    });
    return result;
  }

  notify(method: string, params: unknown): void {
    if (this.closed) return;
    this.endpoint.postMessage({ jsonrpc: '2.0', method, params });
  }

  onRequest(method: string, handler: (params: unknown) => unknown): void {
    this.requestHandlers.set(method, handler);
  }

  onNotification(method: string, handler: (params: unknown) => void): void {
    this.notificationHandlers.set(method, handler);
  }

  /** Stops listening; pending requests fail. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.endpoint.removeEventListener('message', this.listener);
    for (const [, p] of this.pending) p.reject(new LspError(p.method, -32099, 'the connection is closed'));
    this.pending.clear();
  }

  private receive(message: RpcMessage): void {
    if (this.closed || !message || typeof message !== 'object' || message.jsonrpc !== '2.0') return;
    if (message.method === undefined) {
      if (typeof message.id !== 'number') return;
      const entry = this.pending.get(message.id);
      if (!entry) return;
      this.pending.delete(message.id);
      if (message.error) entry.reject(new LspError(entry.method, message.error.code, message.error.message));
      else entry.resolve(message.result ?? null);
      return;
    }
    if (message.id !== undefined && message.id !== null) {
      void this.answer(message.id, message.method, message.params);
      return;
    }
    this.notificationHandlers.get(message.method)?.(message.params);
  }

  private async answer(id: number | string, method: string, params: unknown): Promise<void> {
    const handler = this.requestHandlers.get(method);
    try {
      const result = handler ? await handler(params) : null;
      this.endpoint.postMessage({ jsonrpc: '2.0', id, result: result ?? null });
    } catch (e) {
      this.endpoint.postMessage({ jsonrpc: '2.0', id, error: { code: -32603, message: e instanceof Error ? e.message : String(e) } });
    }
  }
}
