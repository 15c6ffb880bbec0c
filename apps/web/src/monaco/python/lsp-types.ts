/** The few Language Server Protocol shapes the Python help uses (LSP 3.17), as the server sends them. */
export interface LspPosition {
  line: number;
  character: number;
}
export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}
export interface MarkupContent {
  kind: 'markdown' | 'plaintext';
  value: string;
}
export type MarkedString = string | { language: string; value: string };

export interface LspTextEdit {
  range: LspRange;
  newText: string;
}
export interface LspInsertReplaceEdit {
  newText: string;
  insert: LspRange;
  replace: LspRange;
}

export interface LspCompletionItem {
  label: string;
  kind?: number;
  tags?: number[];
  detail?: string;
  documentation?: string | MarkupContent;
  sortText?: string;
  filterText?: string;
  insertText?: string;
  insertTextFormat?: number;
  textEdit?: LspTextEdit | LspInsertReplaceEdit;
  additionalTextEdits?: LspTextEdit[];
  commitCharacters?: string[];
  data?: unknown;
}
export interface LspCompletionList {
  isIncomplete: boolean;
  items: LspCompletionItem[];
}

export interface LspHover {
  contents: MarkupContent | MarkedString | MarkedString[];
  range?: LspRange;
}

export interface LspParameterInformation {
  label: string | [number, number];
  documentation?: string | MarkupContent;
}
export interface LspSignatureInformation {
  label: string;
  documentation?: string | MarkupContent;
  parameters?: LspParameterInformation[];
  activeParameter?: number;
}
export interface LspSignatureHelp {
  signatures: LspSignatureInformation[];
  activeSignature?: number;
  activeParameter?: number;
}
