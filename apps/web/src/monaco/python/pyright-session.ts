import { LspConnection } from './lsp-connection';

/**
 * basedpyright's browser build (npm `browser-basedpyright`: the language server and the typeshed stubs of the
 * standard library in one self-contained worker script, no network at run time) in a Web Worker, started on first
 * use. Each Python model of the editor is a document of one in-memory workspace (`file:///code/…`), so the server
 * sees a task's whole module: its imports, functions, docstrings and the standard library's types.
 *
 * Only the foreground worker runs. The server asks the page (`browser/newWorker`) for a second, background worker for
 * its type checker; that one would load the same 17 MB script again for diagnostics we do not show (Podflow's own
 * checks mark the code, see CodeTab), so the request is declined by closing its port. Completion, hover and
 * signature help are answered by the foreground worker alone.
 */
export const WORKSPACE = '/code/';

export interface PyrightSessionOptions {
  /** The worker script's URL (Vite's `?url` of `browser-basedpyright/dist/pyright.worker.js`). */
  workerUrl: string;
  onLog?: (message: string) => void;
}

/** Settings the server reads (`workspace/didChangeConfiguration`); the same for both of its sections. */
const ANALYSIS = {
  // Auto-import completions index every stub package that ships with the server (thousands); off.
  autoImportCompletions: false,
  diagnosticMode: 'openFilesOnly',
  typeCheckingMode: 'off',
};

export class PyrightSession {
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private readonly connection: LspConnection;
  private readonly versions = new Map<string, number>();
  private failure: Error | undefined;
  /** Document notifications made before the server was initialised, sent in order once it is. */
  private queued: [string, unknown][] | undefined = [];

  private readonly onLog: ((message: string) => void) | undefined;

  constructor(options: PyrightSessionOptions) {
    this.onLog = options.onLog;
    performance.mark('podflow:pyright:start');
    this.worker = new Worker(options.workerUrl, { name: 'pyright' });
    this.worker.addEventListener('message', (e: MessageEvent) => {
      const data = e.data as { type?: string; port?: MessagePort } | undefined;
      if (data?.type === 'browser/newWorker') data.port?.close();
    });
    this.worker.addEventListener('error', (e) => {
      this.failure = new Error(`the Python language server stopped: ${e.message || 'worker error'}`);
      options.onLog?.(this.failure.message);
      this.connection.close();
    });
    this.worker.postMessage({ type: 'browser/boot', mode: 'foreground' });
    this.connection = new LspConnection(this.worker);
    this.connection.onNotification('window/logMessage', (p) => options.onLog?.((p as { message: string }).message));
    this.connection.onRequest('workspace/configuration', (p) => (p as { items: unknown[] }).items.map(() => ANALYSIS));
    this.ready = this.start().catch((e: unknown) => {
      this.failure ??= e instanceof Error ? e : new Error(String(e));
      options.onLog?.(`the Python language server did not start: ${this.failure.message}`);
    });
  }

  get failed(): Error | undefined {
    return this.failure;
  }

  private async start(): Promise<void> {
    await this.connection.request('initialize', {
      processId: null,
      rootUri: `file://${WORKSPACE}`,
      rootPath: WORKSPACE,
      workspaceFolders: [{ uri: `file://${WORKSPACE}`, name: 'code' }],
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          completion: {
            completionItem: { snippetSupport: false, documentationFormat: ['markdown', 'plaintext'], tagSupport: { valueSet: [1] }, resolveSupport: { properties: ['documentation', 'detail'] } },
            contextSupport: true,
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          signatureHelp: { signatureInformation: { documentationFormat: ['markdown', 'plaintext'], parameterInformation: { labelOffsetSupport: true }, activeParameterSupport: true } },
        },
        workspace: { configuration: true, workspaceFolders: false },
      },
      // The browser server keeps its files in memory; it is given the workspace's configuration as one of them.
      initializationOptions: { files: { [`${WORKSPACE}pyrightconfig.json`]: JSON.stringify({ typeshedPath: '/typeshed', typeCheckingMode: 'off' }) } },
    });
    this.connection.notify('initialized', {});
    this.connection.notify('workspace/didChangeConfiguration', { settings: { python: { analysis: ANALYSIS }, basedpyright: { analysis: ANALYSIS } } });
    for (const [method, params] of this.queued ?? []) this.connection.notify(method, params);
    this.queued = undefined;
    performance.mark('podflow:pyright:ready');
    performance.measure('podflow:pyright:boot', 'podflow:pyright:start', 'podflow:pyright:ready');
  }

  isOpen(uri: string): boolean {
    return this.versions.has(uri);
  }

  open(uri: string, text: string): void {
    this.versions.set(uri, 1);
    this.send('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  }

  /** The whole text again: tasks are small, and it cannot drift from the model. */
  change(uri: string, text: string): void {
    const version = (this.versions.get(uri) ?? 0) + 1;
    if (version === 1) return this.open(uri, text);
    this.versions.set(uri, version);
    this.send('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): void {
    if (!this.versions.delete(uri)) return;
    this.send('textDocument/didClose', { textDocument: { uri } });
  }

  private send(method: string, params: unknown): void {
    if (this.queued) this.queued.push([method, params]);
    else this.connection.notify(method, params);
  }

  /** A request once the server is up; `undefined` when it was cancelled or the server is gone. */
  async request<R>(method: string, params: unknown, token?: { isCancellationRequested: boolean; onCancellationRequested(cb: () => void): unknown }): Promise<R | undefined> {
    await this.ready;
    if (this.failure || token?.isCancellationRequested) return undefined;
    try {
      return await (token ? this.connection.cancellableRequest<R>(method, params, token) : this.connection.request<R>(method, params));
    } catch (e) {
      // A request the server could not answer (or a server that stopped) gives no help, not an error in the editor.
      this.onLog?.(e instanceof Error ? e.message : String(e));
      return undefined;
    }
  }

  dispose(): void {
    this.connection.close();
    this.worker.terminate();
  }
}
