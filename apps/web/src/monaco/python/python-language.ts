import type * as Monaco from 'monaco-editor/editor';
import { toCompletion, toCompletions, toHover, toLspPosition, toSignatureHelp, type EditorCompletion, type EditorRange } from './lsp-convert';
import type { LspCompletionItem, LspCompletionList, LspHover, LspSignatureHelp } from './lsp-types';
import { PyrightSession, WORKSPACE } from './pyright-session';

type MonacoApi = typeof Monaco;

/** Models the language server sees: the Code tab's (`file:///code/…py`), not read-only previews elsewhere. */
const inWorkspace = (model: Monaco.editor.ITextModel) => model.getLanguageId() === 'python' && model.uri.scheme === 'file' && model.uri.path.startsWith(WORKSPACE);

/**
 * Completion, hover and signature help for Python models, answered by basedpyright in a Web Worker (see
 * pyright-session.ts). The worker starts when the first Python model of the workspace is created, never before.
 */
export function registerPythonLanguage(monaco: MonacoApi, workerUrl: string): void {
  let session: PyrightSession | undefined;
  const current = (): PyrightSession => {
    if (!session || session.failed) {
      session?.dispose();
      session = new PyrightSession({ workerUrl, onLog: (m) => console.debug(`[pyright] ${m}`) });
      // A restarted server needs the open models again.
      for (const m of monaco.editor.getModels()) if (inWorkspace(m) && !m.isDisposed()) session.open(m.uri.toString(), m.getValue());
    }
    return session;
  };

  const track = (model: Monaco.editor.ITextModel) => {
    if (!inWorkspace(model)) return;
    const uri = model.uri.toString();
    current().open(uri, model.getValue());
    const change = model.onDidChangeContent(() => current().change(uri, model.getValue()));
    model.onWillDispose(() => {
      change.dispose();
      session?.close(uri);
    });
  };
  monaco.editor.getModels().forEach(track);
  monaco.editor.onDidCreateModel(track);

  /** The session for a model, when it is one the server knows (keeps the model's text in sync first). */
  const sessionFor = (model: Monaco.editor.ITextModel): PyrightSession | undefined => {
    if (!inWorkspace(model)) return undefined;
    const s = current();
    if (!s.isOpen(model.uri.toString())) s.open(model.uri.toString(), model.getValue());
    return s;
  };
  const at = (model: Monaco.editor.ITextModel, position: Monaco.IPosition) => ({ textDocument: { uri: model.uri.toString() }, position: toLspPosition(position) });
  const range = (r: EditorRange) => new monaco.Range(r.startLineNumber, r.startColumn, r.endLineNumber, r.endColumn);

  type Item = Monaco.languages.CompletionItem & { lsp: LspCompletionItem };
  const toMonacoItem = (c: EditorCompletion, fallback: Monaco.IRange): Item => ({
    label: c.label,
    kind: monaco.languages.CompletionItemKind[c.kind],
    ...(c.detail ? { detail: c.detail } : {}),
    ...(c.documentation ? { documentation: { value: c.documentation } } : {}),
    ...(c.sortText !== undefined ? { sortText: c.sortText } : {}),
    ...(c.filterText !== undefined ? { filterText: c.filterText } : {}),
    insertText: c.insertText,
    ...(c.snippet ? { insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet } : {}),
    range: !c.range ? fallback : 'insert' in c.range ? { insert: range(c.range.insert), replace: range(c.range.replace) } : range(c.range),
    ...(c.additionalTextEdits ? { additionalTextEdits: c.additionalTextEdits.map((e) => ({ range: range(e.range), text: e.text })) } : {}),
    ...(c.commitCharacters ? { commitCharacters: c.commitCharacters } : {}),
    ...(c.deprecated ? { tags: [monaco.languages.CompletionItemTag.Deprecated] } : {}),
    lsp: c.source,
  });

  let firstCompletion = true;
  monaco.languages.registerCompletionItemProvider('python', {
    triggerCharacters: ['.', '[', '"', "'"],
    async provideCompletionItems(model, position, context, token) {
      const s = sessionFor(model);
      if (!s) return undefined;
      const result = await s.request<LspCompletionList | LspCompletionItem[]>(
        'textDocument/completion',
        { ...at(model, position), context: { triggerKind: context.triggerKind + 1, ...(context.triggerCharacter ? { triggerCharacter: context.triggerCharacter } : {}) } },
        token,
      );
      if (result === undefined || model.isDisposed()) return undefined;
      if (firstCompletion) {
        firstCompletion = false;
        performance.mark('podflow:pyright:first-completion');
      }
      const word = model.getWordUntilPosition(position);
      const fallback = { startLineNumber: position.lineNumber, startColumn: word.startColumn, endLineNumber: position.lineNumber, endColumn: word.endColumn };
      const { items, incomplete } = toCompletions(result);
      return { suggestions: items.map((c) => toMonacoItem(c, fallback)), incomplete };
    },
    async resolveCompletionItem(item, token) {
      const lsp = (item as Item).lsp;
      if (!lsp || !session) return item;
      const resolved = await session.request<LspCompletionItem>('completionItem/resolve', lsp, token);
      if (!resolved) return item;
      const c = toCompletion(resolved);
      return { ...item, ...(c.detail ? { detail: c.detail } : {}), ...(c.documentation ? { documentation: { value: c.documentation } } : {}) };
    },
  });

  monaco.languages.registerHoverProvider('python', {
    async provideHover(model, position, token) {
      const s = sessionFor(model);
      if (!s) return undefined;
      const hover = toHover(await s.request<LspHover>('textDocument/hover', at(model, position), token));
      if (!hover || model.isDisposed()) return undefined;
      return { contents: hover.contents.map((value) => ({ value })), ...(hover.range ? { range: range(hover.range) } : {}) };
    },
  });

  monaco.languages.registerSignatureHelpProvider('python', {
    signatureHelpTriggerCharacters: ['(', ','],
    signatureHelpRetriggerCharacters: [')'],
    async provideSignatureHelp(model, position, token, context) {
      const s = sessionFor(model);
      if (!s) return undefined;
      const help = toSignatureHelp(
        await s.request<LspSignatureHelp>(
          'textDocument/signatureHelp',
          { ...at(model, position), context: { triggerKind: context.triggerKind, isRetrigger: context.isRetrigger, ...(context.triggerCharacter ? { triggerCharacter: context.triggerCharacter } : {}) } },
          token,
        ),
      );
      if (!help || model.isDisposed()) return undefined;
      return {
        value: {
          activeSignature: help.activeSignature,
          activeParameter: help.activeParameter,
          signatures: help.signatures.map((sig) => ({
            label: sig.label,
            ...(sig.documentation ? { documentation: { value: sig.documentation } } : {}),
            parameters: sig.parameters.map((p) => ({ label: p.label, ...(p.documentation ? { documentation: { value: p.documentation } } : {}) })),
          })),
        },
        dispose() {},
      };
    },
  });
}
