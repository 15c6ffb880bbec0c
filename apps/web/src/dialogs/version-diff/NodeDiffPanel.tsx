import { useMemo, useState } from 'react';
import { findTask, type WorkflowDoc } from '@podflow/core';
import { nodePodDiff, type NodePodSide } from '@podflow/core/diff';
import { DiffCodeEditor } from '../../monaco/LazyDiffEditor';
import type { EditorLanguage } from '../../monaco/editor-types';
import { Tabs } from '../../inspector/Tabs';
import styles from './VersionDiffView.module.css';

type View = 'pod' | 'code';

/**
 * One node's two sides: the compiled Pod YAML (through core's one compile path) or the task's code, in Monaco's
 * side-by-side diff. A side that does not compile (an old, invalid version) says why instead of a pod.
 */
export function NodeDiffPanel({ a, b, nodeId, renamedFrom, labels }: { a: WorkflowDoc; b: WorkflowDoc; nodeId: string; renamedFrom: string | undefined; labels: [string, string] }) {
  const pods = useMemo(() => nodePodDiff(a, b, nodeId, renamedFrom), [a, b, nodeId, renamedFrom]);
  const [view, setView] = useState<View>('pod');
  const text = (side: NodePodSide | undefined) => (!side || !side.ok ? '' : view === 'pod' ? side.podYaml : side.code);
  const notes = [sideNote(pods.a, labels[0]), sideNote(pods.b, labels[1])].filter((n): n is string => !!n);
  const same = pods.a?.ok && pods.b?.ok && text(pods.a) === text(pods.b);
  return (
    <section className={styles.detail} aria-label={`Changes of ${nodeId}`} data-testid="node-diff">
      <header className={styles.detailHead}>
        <h3 className={styles.detailTitle}>
          <span className="mono">{nodeId}</span>
        </h3>
        <Tabs<View>
          tabs={[
            { id: 'pod', label: 'Compiled pod' },
            { id: 'code', label: 'Code' },
          ]}
          active={view}
          onChange={setView}
          testIdPrefix="node-diff-tab"
        />
      </header>
      {same && (
        <p className={`${styles.note} ${styles.noteInfo}`} role="note" data-testid="node-diff-note">
          The {view === 'pod' ? 'compiled pod' : 'code'} is the same in {labels[0]} and {labels[1]}.
        </p>
      )}
      {notes.map((n) => (
        <p key={n} className={styles.note} role="note" data-testid="node-diff-note">
          {n}
        </p>
      ))}
      <SideBySide
        labels={labels}
        path={`file:///diff/${encodeURIComponent(nodeId)}.${view === 'pod' ? 'pod.yaml' : 'py'}`}
        language={view === 'pod' ? 'yaml' : 'python'}
        original={text(pods.a)}
        modified={text(pods.b)}
        what={`${nodeId} ${view === 'pod' ? 'compiled pod' : 'code'}`}
        hideUnchanged
        testId="node-diff-editor"
      />
    </section>
  );
}

function sideNote(side: NodePodSide | undefined, label: string): string | undefined {
  if (!side) return `${label} does not have this node.`;
  if (!side.ok) return `${label}: ${side.error}`;
  if (side.problems.length) return `${label}: ${side.problems.join('; ')}`;
  return undefined;
}

/** A task that no node invokes (a dynamic task's callee): its code on both sides. */
export function TaskDiffPanel({ a, b, name, labels }: { a: WorkflowDoc; b: WorkflowDoc; name: string; labels: [string, string] }) {
  const before = findTask(a, name);
  const after = findTask(b, name);
  return (
    <section className={styles.detail} aria-label={`Changes of task ${name}`} data-testid="task-diff">
      <header className={styles.detailHead}>
        <h3 className={styles.detailTitle}>
          Task <span className="mono">{name}</span> · code
        </h3>
      </header>
      {(!before || !after) && (
        <p className={styles.note} role="note">
          {!before ? `${labels[0]} does not have this task.` : `${labels[1]} does not have this task.`}
        </p>
      )}
      <SideBySide
        labels={labels}
        path={`file:///diff/task-${encodeURIComponent(name)}.py`}
        language="python"
        original={before?.code ?? ''}
        modified={after?.code ?? ''}
        what={`${name} code`}
        testId="task-diff-editor"
      />
    </section>
  );
}

/** The two sides' labels over Monaco's side-by-side diff of `what` (named in each side's accessible label). */
function SideBySide(props: { labels: [string, string]; path: string; language: EditorLanguage; original: string; modified: string; what: string; hideUnchanged?: boolean; testId: string }) {
  const { labels, what } = props;
  return (
    <>
      <div className={styles.sides} aria-hidden="true">
        <span>{labels[0]}</span>
        <span>{labels[1]}</span>
      </div>
      <div className={styles.editor}>
        <DiffCodeEditor
          path={props.path}
          language={props.language}
          original={props.original}
          modified={props.modified}
          ariaLabel={`${what} in ${labels[1]}`}
          originalAriaLabel={`${what} in ${labels[0]}`}
          {...(props.hideUnchanged ? { hideUnchanged: true } : {})}
          testId={props.testId}
        />
      </div>
    </>
  );
}
