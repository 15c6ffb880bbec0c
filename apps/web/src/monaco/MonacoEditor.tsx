import { useEffect, useRef, useState } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import { monaco } from './setup';
import { THEME } from './themes';
import { useThemeStore } from '../theme/theme';
import type { CodeEditorProps, EditorMarker } from './editor-types';
import styles from './MonacoEditor.module.css';
import frame from './editor-frame.module.css';
import { cx } from '../ui/cx';

type StandaloneEditor = Parameters<OnMount>[0];

/** Our markers on a model go under this owner; everything else (monaco-yaml) is "external". */
const OWNER = 'podflow';

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

function toMonacoMarker(m: EditorMarker, model: monaco.editor.ITextModel): monaco.editor.IMarkerData {
  const lines = model.getLineCount();
  const startLine = Math.min(Math.max(1, m.startLine), lines);
  const endLine = Math.min(Math.max(startLine, m.endLine ?? startLine), lines);
  const endCol = m.endCol ?? model.getLineMaxColumn(endLine);
  return {
    severity: SEVERITY[m.severity],
    message: m.message,
    startLineNumber: startLine,
    startColumn: Math.max(1, m.startCol),
    endLineNumber: endLine,
    endColumn: endLine === startLine && endCol <= m.startCol ? model.getLineMaxColumn(endLine) : endCol,
    ...(m.source ? { source: m.source } : {}),
  };
}

function fromMonacoMarker(m: monaco.editor.IMarker): EditorMarker {
  return {
    severity: m.severity >= monaco.MarkerSeverity.Error ? 'error' : m.severity >= monaco.MarkerSeverity.Warning ? 'warning' : 'info',
    message: m.message,
    startLine: m.startLineNumber,
    startCol: m.startColumn,
    endLine: m.endLineNumber,
    endCol: m.endColumn,
    ...(m.source ? { source: m.source } : {}),
  };
}

/** The real editor (loaded lazily, see LazyEditor.tsx). */
export default function MonacoEditor(props: CodeEditorProps) {
  const theme = useThemeStore((s) => s.theme);
  const editorRef = useRef<StandaloneEditor | null>(null);
  const [mounted, setMounted] = useState(0);
  const [contentHeight, setContentHeight] = useState(props.autoHeight?.min ?? 0);
  const onExternal = useRef(props.onExternalMarkers);
  onExternal.current = props.onExternalMarkers;

  // Values this editor reported while the person typed. A `value` prop equal to one of them is our own echo arriving
  // late (React renders after the next key was typed), not a change from elsewhere: it must not overwrite the model.
  const emitted = useRef<string[]>([]);
  const applyingExternal = useRef(false);

  const handleMount: OnMount = (editor) => {
    editorRef.current = editor;
    // When the panel below grows (a problem list appears), keep the line being typed on screen.
    editor.onDidLayoutChange(() => {
      const position = editor.getPosition();
      if (position && editor.hasTextFocus()) editor.revealPositionInCenterIfOutsideViewport(position);
    });
    if (props.autoHeight) {
      editor.onDidContentSizeChange((e) => setContentHeight(e.contentHeight));
      setContentHeight(editor.getContentHeight());
    }
    setMounted((n) => n + 1);
  };

  // Our markers, on whatever model the editor shows now.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(model, OWNER, (props.markers ?? []).map((m) => toMonacoMarker(m, model)));
  }, [props.markers, props.path, props.value, mounted]);

  // Markers from other owners (monaco-yaml's schema validation), reported up.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const uri = model.uri.toString();
    const report = () => {
      const external = monaco.editor.getModelMarkers({ resource: model.uri }).filter((m) => m.owner !== OWNER);
      onExternal.current?.(external.map(fromMonacoMarker));
    };
    report();
    const sub = monaco.editor.onDidChangeMarkers((uris) => {
      if (uris.some((u) => u.toString() === uri)) report();
    });
    return () => sub.dispose();
  }, [props.path, mounted]);

  // A change of `value` from elsewhere (undo, the form, another tab) is applied as the smallest edit, so the cursor
  // and Monaco's own undo stack stay where they are.
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    const current = model.getValue();
    if (props.value === current) {
      emitted.current = [];
      return;
    }
    if (emitted.current.includes(props.value)) return;
    emitted.current = [];
    if (props.readOnly) {
      applyingExternal.current = true;
      model.setValue(props.value);
      applyingExternal.current = false;
      return;
    }
    let start = 0;
    const max = Math.min(current.length, props.value.length);
    while (start < max && current.charCodeAt(start) === props.value.charCodeAt(start)) start++;
    let end = 0;
    while (end < max - start && current.charCodeAt(current.length - 1 - end) === props.value.charCodeAt(props.value.length - 1 - end)) end++;
    const from = model.getPositionAt(start);
    const to = model.getPositionAt(current.length - end);
    applyingExternal.current = true;
    try {
      editor.pushUndoStop();
      editor.executeEdits('external', [{ range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column), text: props.value.slice(start, props.value.length - end) }]);
      editor.pushUndoStop();
    } finally {
      applyingExternal.current = false;
    }
  }, [props.value, props.path, mounted]);

  useEffect(() => {
    const editor = editorRef.current;
    const r = props.reveal;
    if (!editor || !r) return;
    const range = new monaco.Range(r.startLine, r.startCol, r.endLine, r.endCol);
    editor.revealRangeInCenter(range);
    editor.setSelection(range);
    editor.focus();
  }, [props.reveal?.token, mounted]);

  const height = props.autoHeight ? Math.min(Math.max(contentHeight, props.autoHeight.min), props.autoHeight.max) : '100%';
  return (
    // `nokey`: React Flow's keyboard handling (Space pans the canvas) leaves keys typed here alone.
    <div className={cx(frame.pfEditor, 'nokey')} data-testid={props.testId} data-language={props.language} data-readonly={props.readOnly ? 'true' : undefined} style={{ height }}>
      <Editor
        height="100%"
        path={props.path}
        language={props.language}
        defaultValue={props.value}
        theme={theme === 'dark' ? THEME.dark : THEME.light}
        onChange={(v) => {
          const value = v ?? '';
          if (applyingExternal.current) return;
          emitted.current.push(value);
          if (emitted.current.length > 200) emitted.current.shift();
          props.onChange?.(value);
        }}
        onMount={handleMount}
        loading={<div className={styles.pfEditorLoading} />}
        options={{
          readOnly: props.readOnly ?? false,
          domReadOnly: props.readOnly ?? false,
          ariaLabel: props.ariaLabel,
          automaticLayout: true,
          minimap: { enabled: false },
          fontSize: 12.5,
          lineHeight: 19,
          fontFamily: "'JetBrains Mono Variable', 'JetBrains Mono', ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
          scrollBeyondLastLine: false,
          renderLineHighlight: props.readOnly ? 'none' : 'line',
          tabSize: props.language === 'python' ? 4 : 2,
          insertSpaces: true,
          detectIndentation: false,
          wordWrap: 'off',
          fixedOverflowWidgets: true,
          padding: { top: 8, bottom: 8 },
          scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10, alwaysConsumeMouseWheel: !props.autoHeight },
          lineNumbers: props.compact ? 'off' : 'on',
          lineNumbersMinChars: 3,
          folding: !props.compact,
          glyphMargin: false,
          lineDecorationsWidth: props.compact ? 8 : 6,
          overviewRulerLanes: props.compact ? 0 : 2,
          hideCursorInOverviewRuler: true,
          quickSuggestions: props.language === 'yaml' ? { other: true, comments: false, strings: true } : true,
          stickyScroll: { enabled: false },
        }}
      />
    </div>
  );
}
