import type { LspCompletionItem, LspCompletionList, LspHover, LspRange, LspSignatureHelp, MarkedString, MarkupContent } from './lsp-types';

/**
 * LSP answers turned into the shapes Monaco's providers return, without importing Monaco (so that they are tested
 * in Node): ranges are 1-based line/column (LSP's are 0-based; both count UTF-16 code units), completion kinds are
 * the *names* of Monaco's `CompletionItemKind` members, documentation is Markdown.
 */
export interface EditorRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

export type CompletionKindName =
  | 'Text' | 'Method' | 'Function' | 'Constructor' | 'Field' | 'Variable' | 'Class' | 'Interface' | 'Module' | 'Property'
  | 'Unit' | 'Value' | 'Enum' | 'Keyword' | 'Snippet' | 'Color' | 'File' | 'Reference' | 'Folder' | 'EnumMember'
  | 'Constant' | 'Struct' | 'Event' | 'Operator' | 'TypeParameter';

/** LSP's CompletionItemKind (1-based, in this order). */
const KIND_NAMES: readonly CompletionKindName[] = [
  'Text', 'Method', 'Function', 'Constructor', 'Field', 'Variable', 'Class', 'Interface', 'Module', 'Property', 'Unit', 'Value',
  'Enum', 'Keyword', 'Snippet', 'Color', 'File', 'Reference', 'Folder', 'EnumMember', 'Constant', 'Struct', 'Event', 'Operator',
  'TypeParameter',
];

export function completionKindName(kind: number | undefined): CompletionKindName {
  return (kind !== undefined ? KIND_NAMES[kind - 1] : undefined) ?? 'Text';
}

export function toEditorRange(r: LspRange): EditorRange {
  return { startLineNumber: r.start.line + 1, startColumn: r.start.character + 1, endLineNumber: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** Monaco's 1-based position as LSP's 0-based one. */
export function toLspPosition(p: { lineNumber: number; column: number }): { line: number; character: number } {
  return { line: p.lineNumber - 1, character: p.column - 1 };
}

export interface EditorCompletion {
  label: string;
  kind: CompletionKindName;
  detail?: string;
  documentation?: string;
  sortText?: string;
  filterText?: string;
  insertText: string;
  /** Set for a snippet (LSP InsertTextFormat 2). */
  snippet: boolean;
  /** Where the text goes; without one, Monaco replaces the word at the cursor. */
  range?: EditorRange | { insert: EditorRange; replace: EditorRange };
  additionalTextEdits?: { range: EditorRange; text: string }[];
  commitCharacters?: string[];
  deprecated: boolean;
  /** The server's item, handed back for `completionItem/resolve`. */
  source: LspCompletionItem;
}

export function toCompletions(result: LspCompletionList | LspCompletionItem[] | null | undefined): { items: EditorCompletion[]; incomplete: boolean } {
  if (!result) return { items: [], incomplete: false };
  const list = Array.isArray(result) ? { isIncomplete: false, items: result } : result;
  return { items: list.items.map(toCompletion), incomplete: list.isIncomplete };
}

export function toCompletion(item: LspCompletionItem): EditorCompletion {
  const edit = item.textEdit;
  const range = !edit ? undefined : 'range' in edit ? toEditorRange(edit.range) : { insert: toEditorRange(edit.insert), replace: toEditorRange(edit.replace) };
  const split = item.detail ? undefined : signatureOf(item.documentation);
  const detail = item.detail || split?.signature;
  const documentation = split ? split.rest : markdownOf(item.documentation);
  return {
    label: item.label,
    kind: completionKindName(item.kind),
    ...(detail ? { detail } : {}),
    ...(documentation ? { documentation } : {}),
    ...(item.sortText !== undefined ? { sortText: item.sortText } : {}),
    ...(item.filterText !== undefined ? { filterText: item.filterText } : {}),
    insertText: edit?.newText ?? item.insertText ?? item.label,
    snippet: item.insertTextFormat === 2,
    ...(range ? { range } : {}),
    ...(item.additionalTextEdits?.length ? { additionalTextEdits: item.additionalTextEdits.map((e) => ({ range: toEditorRange(e.range), text: e.newText })) } : {}),
    ...(item.commitCharacters ? { commitCharacters: item.commitCharacters } : {}),
    deprecated: item.tags?.includes(1) ?? false,
    source: item,
  };
}

/**
 * The signature a server puts at the top of an item's documentation (pyright resolves items to a ```python block,
 * or plain `name: type`), on one line for the suggestion's detail, and the documentation after it as Markdown.
 */
export function signatureOf(doc: string | MarkupContent | undefined): { signature: string; rest?: string } | undefined {
  if (!doc) return undefined;
  const { kind, value } = typeof doc === 'string' ? { kind: 'plaintext', value: doc } : doc;
  const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').replace(/\(\s+/g, '(').replace(/,?\s+\)/g, ')').trim();
  if (kind === 'markdown') {
    const m = /^\s*```\w*\n([\s\S]*?)\n```/.exec(value);
    if (!m) return undefined;
    // Pyright puts a rule (`---`) between the signature and the docstring.
    const rest = value.slice(m[0].length).trim().replace(/^---\s*/, '');
    return { signature: oneLine(m[1]!), ...(rest ? { rest } : {}) };
  }
  const [first, ...more] = value.split('\n');
  if (!first?.trim()) return undefined;
  const rest = more.join('\n').trim();
  return { signature: first.trim(), ...(rest ? { rest: escapeMarkdown(rest) } : {}) };
}

/** Markdown for any of LSP's documentation forms; plain text is escaped so that it shows as written. */
export function markdownOf(doc: string | MarkupContent | MarkedString | MarkedString[] | undefined | null): string | undefined {
  if (doc === undefined || doc === null) return undefined;
  if (Array.isArray(doc)) {
    const parts = doc.map((d) => markdownOf(d)).filter((d): d is string => !!d);
    return parts.length ? parts.join('\n\n') : undefined;
  }
  if (typeof doc === 'string') return doc === '' ? undefined : escapeMarkdown(doc);
  if ('kind' in doc) return doc.value === '' ? undefined : doc.kind === 'markdown' ? doc.value : escapeMarkdown(doc.value);
  return '```' + doc.language + '\n' + doc.value + '\n```';
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}

export interface EditorHover {
  contents: string[];
  range?: EditorRange;
}

export function toHover(hover: LspHover | null | undefined): EditorHover | undefined {
  if (!hover) return undefined;
  const parts = (Array.isArray(hover.contents) ? hover.contents : [hover.contents]).map((c) => markdownOf(c)).filter((c): c is string => !!c);
  if (parts.length === 0) return undefined;
  return { contents: parts, ...(hover.range ? { range: toEditorRange(hover.range) } : {}) };
}

export interface EditorSignatureHelp {
  signatures: { label: string; documentation?: string; parameters: { label: string | [number, number]; documentation?: string }[] }[];
  activeSignature: number;
  activeParameter: number;
}

export function toSignatureHelp(help: LspSignatureHelp | null | undefined): EditorSignatureHelp | undefined {
  if (!help || help.signatures.length === 0) return undefined;
  const activeSignature = Math.min(Math.max(0, help.activeSignature ?? 0), help.signatures.length - 1);
  return {
    signatures: help.signatures.map((s) => {
      const documentation = markdownOf(s.documentation);
      return {
        label: s.label,
        ...(documentation ? { documentation } : {}),
        parameters: (s.parameters ?? []).map((p) => {
          const pd = markdownOf(p.documentation);
          return { label: p.label, ...(pd ? { documentation: pd } : {}) };
        }),
      };
    }),
    activeSignature,
    activeParameter: help.signatures[activeSignature]?.activeParameter ?? help.activeParameter ?? 0,
  };
}
