import { afterEach, describe, expect, it } from 'vitest';
import { LspConnection, LspError, type MessageEndpoint } from './lsp-connection';

/** Both ends of a real MessageChannel (what a Worker's postMessage is built on); the far end plays the server. */
function channel() {
  const { port1, port2 } = new MessageChannel();
  port1.start();
  port2.start();
  const received: unknown[] = [];
  port2.addEventListener('message', (e) => received.push(e.data));
  open.push(port1, port2);
  return { client: port1 as unknown as MessageEndpoint, server: port2, received };
}
const open: MessagePort[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

const next = (server: MessagePort) => new Promise<Record<string, unknown>>((resolve) => server.addEventListener('message', (e) => resolve(e.data as Record<string, unknown>), { once: true }));

describe('LspConnection', () => {
  it('pairs answers with requests by id, whatever their order', async () => {
    const { client, server } = channel();
    const c = new LspConnection(client);
    const ids: number[] = [];
    server.addEventListener('message', (e) => {
      const m = e.data as { id: number; method: string };
      ids.push(m.id);
      if (ids.length === 2) {
        // Answer the second first.
        server.postMessage({ jsonrpc: '2.0', id: ids[1], result: 'second' });
        server.postMessage({ jsonrpc: '2.0', id: ids[0], result: 'first' });
      }
    });
    const [a, b] = await Promise.all([c.request('textDocument/hover', {}), c.request('textDocument/completion', {})]);
    expect([a, b]).toEqual(['first', 'second']);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('turns an error answer into an LspError naming the method', async () => {
    const { client, server } = channel();
    const c = new LspConnection(client);
    server.addEventListener('message', (e) => server.postMessage({ jsonrpc: '2.0', id: (e.data as { id: number }).id, error: { code: -32601, message: 'Unhandled method' } }));
    const err = await c.request('textDocument/nope', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LspError);
    expect((err as LspError).message).toBe('textDocument/nope: Unhandled method (-32601)');
  });

  it('answers the server’s requests with the handler’s result, null without a handler, and an error when the handler throws', async () => {
    const { client, server } = channel();
    const c = new LspConnection(client);
    c.onRequest('workspace/configuration', (p) => (p as { items: unknown[] }).items.map(() => ({ a: 1 })));
    c.onRequest('window/broken', () => {
      throw new Error('no such thing');
    });
    server.postMessage({ jsonrpc: '2.0', id: 7, method: 'workspace/configuration', params: { items: [{}, {}] } });
    expect(await next(server)).toEqual({ jsonrpc: '2.0', id: 7, result: [{ a: 1 }, { a: 1 }] });
    server.postMessage({ jsonrpc: '2.0', id: 'x', method: 'client/registerCapability', params: {} });
    expect(await next(server)).toEqual({ jsonrpc: '2.0', id: 'x', result: null });
    server.postMessage({ jsonrpc: '2.0', id: 8, method: 'window/broken', params: {} });
    expect(await next(server)).toEqual({ jsonrpc: '2.0', id: 8, error: { code: -32603, message: 'no such thing' } });
  });

  it('delivers notifications and ignores what is not JSON-RPC (the worker’s own boot messages)', async () => {
    const { client, server } = channel();
    const c = new LspConnection(client);
    const logs: string[] = [];
    c.onNotification('window/logMessage', (p) => logs.push((p as { message: string }).message));
    server.postMessage({ type: 'browser/newWorker' });
    server.postMessage({ jsonrpc: '2.0', id: 999, result: 'nobody asked' });
    server.postMessage({ jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'starting' } });
    await expect.poll(() => logs).toEqual(['starting']);
  });

  it('sends $/cancelRequest for a cancelled request and settles it with undefined', async () => {
    const { client, server, received } = channel();
    const c = new LspConnection(client);
    let cancel: () => void = () => {};
    const token = { isCancellationRequested: false, onCancellationRequested: (cb: () => void) => (cancel = cb) };
    const result = c.cancellableRequest('textDocument/completion', { x: 1 }, token);
    await expect.poll(() => received.length).toBe(1);
    const id = (received[0] as { id: number }).id;
    cancel();
    expect(await result).toBeUndefined();
    await expect.poll(() => received[1]).toEqual({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } });
    // A late answer to the cancelled request is dropped.
    server.postMessage({ jsonrpc: '2.0', id, result: 'late' });
  });

  it('fails pending and later requests once closed', async () => {
    const { client } = channel();
    const c = new LspConnection(client);
    const pending = c.request('initialize', {});
    c.close();
    await expect(pending).rejects.toThrow('initialize: the connection is closed');
    await expect(c.request('shutdown', null)).rejects.toThrow('the connection is closed');
  });
});
