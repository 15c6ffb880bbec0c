import { DiffEditor } from '@monaco-editor/react';
import './setup';
import { THEME } from './themes';
import { useThemeStore } from '../theme/theme';
import type { DiffEditorProps } from './editor-types';
import frame from './editor-frame.module.css';
import editorStyles from './MonacoEditor.module.css';
import { cx } from '../ui/cx';

/** Monaco's side-by-side diff, read-only on both sides (loaded lazily, see LazyDiffEditor.tsx). */
export default function MonacoDiffEditor(props: DiffEditorProps) {
  const theme = useThemeStore((s) => s.theme);
  return (
    <div className={cx(frame.pfEditor, 'nokey')} data-testid={props.testId} data-language={props.language} style={{ height: '100%' }}>
      <DiffEditor
        height="100%"
        language={props.language}
        original={props.original}
        modified={props.modified}
        originalModelPath={`${props.path}.original`}
        modifiedModelPath={`${props.path}.modified`}
        theme={theme === 'dark' ? THEME.dark : THEME.light}
        loading={<div className={editorStyles.pfEditorLoading} />}
        options={{
          readOnly: true,
          originalEditable: false,
          domReadOnly: true,
          ariaLabel: props.ariaLabel,
          originalAriaLabel: props.originalAriaLabel,
          automaticLayout: true,
          renderSideBySide: true,
          useInlineViewWhenSpaceIsLimited: false,
          minimap: { enabled: false },
          fontSize: 12.5,
          lineHeight: 19,
          fontFamily: "'JetBrains Mono Variable', 'JetBrains Mono', ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
          scrollBeyondLastLine: false,
          renderLineHighlight: 'none',
          renderOverviewRuler: false,
          stickyScroll: { enabled: false },
          hideUnchangedRegions: { enabled: props.hideUnchanged ?? false },
          scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
        }}
      />
    </div>
  );
}
