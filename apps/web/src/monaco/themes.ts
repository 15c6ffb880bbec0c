import type * as Monaco from 'monaco-editor/editor';

/** Editor themes that sit on the shell's surfaces (styles/tokens.css: --surface, --border, --accent…). */
export const THEME = { light: 'podflow-light', dark: 'podflow-dark' } as const;

export function defineThemes(monaco: typeof Monaco): void {
  monaco.editor.defineTheme(THEME.light, {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'comment', foreground: '8b8b96', fontStyle: 'italic' },
      { token: 'keyword', foreground: '5046e5' },
      { token: 'string', foreground: '15803d' },
      { token: 'number', foreground: 'c26a05' },
      { token: 'type', foreground: '0b74b8' },
    ],
    colors: {
      'editor.background': '#ffffff',
      'editor.lineHighlightBackground': '#f4f4f5',
      'editor.lineHighlightBorder': '#00000000',
      'editorLineNumber.foreground': '#b4b4bf',
      'editorLineNumber.activeForeground': '#55555f',
      'editorGutter.background': '#ffffff',
      'editor.selectionBackground': '#dcdcfb',
      'editorIndentGuide.background1': '#ececef',
      'editorWidget.background': '#ffffff',
      'editorWidget.border': '#d4d4da',
      'focusBorder': '#5046e5',
    },
  });
  monaco.editor.defineTheme(THEME.dark, {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'comment', foreground: '6f6f7b', fontStyle: 'italic' },
      { token: 'keyword', foreground: 'a9a4ff' },
      { token: 'string', foreground: '4cc879' },
      { token: 'number', foreground: 'f0a030' },
      { token: 'type', foreground: '45a8ea' },
    ],
    colors: {
      'editor.background': '#17171b',
      'editor.lineHighlightBackground': '#1f1f24',
      'editor.lineHighlightBorder': '#00000000',
      'editorLineNumber.foreground': '#4a4a55',
      'editorLineNumber.activeForeground': '#a7a7b2',
      'editorGutter.background': '#17171b',
      'editor.selectionBackground': '#34316a',
      'editorIndentGuide.background1': '#28282e',
      'editorWidget.background': '#1f1f24',
      'editorWidget.border': '#36363e',
      'focusBorder': '#7c75ff',
    },
  });
}
