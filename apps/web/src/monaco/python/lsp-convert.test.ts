import { describe, expect, it } from 'vitest';
import { completionKindName, markdownOf, signatureOf, toCompletion, toCompletions, toHover, toLspPosition, toSignatureHelp } from './lsp-convert';

describe('LSP answers as Monaco shapes', () => {
  it('maps positions between 0-based LSP and 1-based Monaco', () => {
    expect(toLspPosition({ lineNumber: 1, column: 1 })).toEqual({ line: 0, character: 0 });
    expect(toLspPosition({ lineNumber: 12, column: 8 })).toEqual({ line: 11, character: 7 });
  });

  it('names completion kinds the way Monaco’s enum does, and falls back to Text for unknown ones', () => {
    expect(completionKindName(3)).toBe('Function');
    expect(completionKindName(9)).toBe('Module');
    expect(completionKindName(7)).toBe('Class');
    expect(completionKindName(6)).toBe('Variable');
    expect(completionKindName(25)).toBe('TypeParameter');
    expect(completionKindName(0)).toBe('Text');
    expect(completionKindName(99)).toBe('Text');
    expect(completionKindName(undefined)).toBe('Text');
  });

  it('reads a completion list and a bare item array', () => {
    expect(toCompletions(null)).toEqual({ items: [], incomplete: false });
    const list = toCompletions({ isIncomplete: true, items: [{ label: 'path', kind: 9, sortText: '09.9999.path' }] });
    expect(list.incomplete).toBe(true);
    expect(list.items[0]).toMatchObject({ label: 'path', kind: 'Module', insertText: 'path', sortText: '09.9999.path', snippet: false, deprecated: false });
    expect(list.items[0]!.range).toBeUndefined();
    expect(toCompletions([{ label: 'join', kind: 3 }]).items.map((i) => i.label)).toEqual(['join']);
  });

  it('keeps a text edit’s range and text, an insert/replace edit, snippets, deprecation and extra edits', () => {
    const range = { start: { line: 2, character: 4 }, end: { line: 2, character: 6 } };
    const item = toCompletion({ label: 'join', textEdit: { range, newText: 'join' }, insertTextFormat: 2, tags: [1], additionalTextEdits: [{ range, newText: 'x' }] });
    expect(item.range).toEqual({ startLineNumber: 3, startColumn: 5, endLineNumber: 3, endColumn: 7 });
    expect(item.snippet).toBe(true);
    expect(item.deprecated).toBe(true);
    expect(item.additionalTextEdits).toEqual([{ range: { startLineNumber: 3, startColumn: 5, endLineNumber: 3, endColumn: 7 }, text: 'x' }]);
    const ir = toCompletion({ label: 'a', textEdit: { newText: 'abc', insert: range, replace: { ...range, end: { line: 2, character: 9 } } } });
    expect(ir.insertText).toBe('abc');
    expect(ir.range).toEqual({ insert: { startLineNumber: 3, startColumn: 5, endLineNumber: 3, endColumn: 7 }, replace: { startLineNumber: 3, startColumn: 5, endLineNumber: 3, endColumn: 10 } });
  });

  it('shows a resolved item’s signature as its detail, on one line, with the docstring as documentation', () => {
    const item = toCompletion({
      label: 'shout',
      kind: 3,
      documentation: { kind: 'markdown', value: '```python\ndef shout(\n    text: str,\n    times: int = 1\n) -> str\n```\n---\nUpper-cases text and repeats it.' },
    });
    expect(item.detail).toBe('def shout(text: str, times: int = 1) -> str');
    expect(item.documentation).toBe('Upper-cases text and repeats it.');
    // Plain text from the server: first line is the signature, the rest is escaped so that it shows as written.
    expect(signatureOf({ kind: 'plaintext', value: 'path: Module(".path")' })).toEqual({ signature: 'path: Module(".path")' });
    expect(signatureOf({ kind: 'plaintext', value: 'x: int\nsee *this*' })).toEqual({ signature: 'x: int', rest: 'see \\*this\\*' });
    // A server detail wins; Markdown without a code block is documentation only.
    expect(toCompletion({ label: 'a', detail: 'int', documentation: { kind: 'markdown', value: '```python\nx\n```' } }).detail).toBe('int');
    expect(toCompletion({ label: 'a', documentation: { kind: 'markdown', value: 'Just *text*' } })).toMatchObject({ documentation: 'Just *text*' });
    expect(toCompletion({ label: 'a', documentation: { kind: 'markdown', value: 'Just *text*' } }).detail).toBeUndefined();
  });

  it('turns every documentation form into Markdown', () => {
    expect(markdownOf(undefined)).toBeUndefined();
    expect(markdownOf('')).toBeUndefined();
    expect(markdownOf('a_b')).toBe('a\\_b');
    expect(markdownOf({ kind: 'markdown', value: '**x**' })).toBe('**x**');
    expect(markdownOf({ kind: 'plaintext', value: '**x**' })).toBe('\\*\\*x\\*\\*');
    expect(markdownOf({ language: 'python', value: 'def f(): ...' })).toBe('```python\ndef f(): ...\n```');
    expect(markdownOf(['one', { language: 'python', value: 'x' }])).toBe('one\n\n```python\nx\n```');
  });

  it('reads a hover with its range, and no hover from an empty one', () => {
    const hover = toHover({
      contents: { kind: 'markdown', value: '```python\n(function) def dumps(obj: Any) -> str\n```' },
      range: { start: { line: 9, character: 16 }, end: { line: 9, character: 21 } },
    });
    expect(hover).toEqual({ contents: ['```python\n(function) def dumps(obj: Any) -> str\n```'], range: { startLineNumber: 10, startColumn: 17, endLineNumber: 10, endColumn: 22 } });
    expect(toHover(null)).toBeUndefined();
    expect(toHover({ contents: { kind: 'markdown', value: '' } })).toBeUndefined();
    expect(toHover({ contents: [] })).toBeUndefined();
  });

  it('reads signature help: labels as offsets or strings, the active signature clamped, the active parameter per signature', () => {
    expect(toSignatureHelp(null)).toBeUndefined();
    expect(toSignatureHelp({ signatures: [] })).toBeUndefined();
    const help = toSignatureHelp({
      signatures: [
        { label: '(a: str, *paths: str) -> str', parameters: [{ label: [1, 7] }, { label: [9, 20], documentation: 'more' }], activeParameter: 1 },
        { label: '(a: bytes) -> bytes', documentation: { kind: 'markdown', value: 'bytes' } },
      ],
      activeSignature: 5,
      activeParameter: 0,
    });
    expect(help).toEqual({
      signatures: [
        { label: '(a: str, *paths: str) -> str', parameters: [{ label: [1, 7] }, { label: [9, 20], documentation: 'more' }] },
        { label: '(a: bytes) -> bytes', documentation: 'bytes', parameters: [] },
      ],
      activeSignature: 1,
      activeParameter: 0,
    });
    expect(toSignatureHelp({ signatures: [{ label: 'f()', activeParameter: 2 }], activeParameter: 0 })!.activeParameter).toBe(2);
  });
});
