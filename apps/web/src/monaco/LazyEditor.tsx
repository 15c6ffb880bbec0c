import { Suspense, lazy } from 'react';
import type { CodeEditorProps } from './editor-types';
import frame from './editor-frame.module.css';
import { cx } from '../ui/cx';

/**
 * Monaco (about 1 MB gzip with its workers) is loaded on first use, never with the first screen. `preloadMonaco`
 * starts the download early (the inspector calls it when idle) so that the editor is usually ready when a tab opens.
 */
const load = () => import('./MonacoEditor');
const MonacoEditor = lazy(load);

let preloading: Promise<unknown> | undefined;
export function preloadMonaco(): void {
  preloading ??= load().catch(() => {
    preloading = undefined;
  });
}

/** A code editor; until Monaco has loaded, the text is shown as it is, read-only. */
export function CodeEditor(props: CodeEditorProps) {
  return (
    <Suspense
      fallback={
        <div className={cx(frame.pfEditor, frame.pfEditorFallback)} data-editor-fallback data-testid={props.testId ? `${props.testId}-loading` : undefined} style={props.autoHeight ? { height: props.autoHeight.min } : undefined}>
          <pre>{props.value}</pre>
        </div>
      }
    >
      <MonacoEditor {...props} />
    </Suspense>
  );
}

export type { CodeEditorProps, EditorMarker, EditorReveal, EditorLanguage } from './editor-types';
