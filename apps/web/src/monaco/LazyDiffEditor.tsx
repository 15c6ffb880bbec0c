import { Suspense, lazy } from 'react';
import type { DiffEditorProps } from './editor-types';
import frame from './editor-frame.module.css';
import { cx } from '../ui/cx';

/** Monaco's diff editor, loaded on first use like the code editor (LazyEditor.tsx): never in the first screen's bundle. */
const MonacoDiffEditor = lazy(() => import('./MonacoDiffEditor'));

/** Until Monaco has loaded, the two texts are shown side by side as they are. */
export function DiffCodeEditor(props: DiffEditorProps) {
  return (
    <Suspense
      fallback={
        <div
          className={cx(frame.pfEditor, frame.pfEditorFallback)}
          data-editor-fallback
          data-testid={props.testId ? `${props.testId}-loading` : undefined}
          style={{
            display: 'grid',
            gridTemplateColumns: '1fr 1fr',
            height: '100%',
          }}
        >
          <pre>{props.original}</pre>
          <pre>{props.modified}</pre>
        </div>
      }
    >
      <MonacoDiffEditor {...props} />
    </Suspense>
  );
}
