import { useEffect, useRef, useState } from 'react';
import { findNode, findTask, type Task } from '@podflow/core';
import { preloadMonaco } from '../monaco/LazyEditor';
import type { TaskTab, WorkflowTab } from './model/focus';
import type { InspectorProps } from './inspector-types';
import { TaskInspector } from './task/TaskInspector';
import { WorkflowInspector } from './workflow/WorkflowInspector';
import styles from './Inspector.module.css';
import { cx } from '../ui/cx';
import formCss from './form/form.module.css';

export type { InspectorProps, InspectorSelection, ApplyFn } from './inspector-types';

/**
 * The right panel: the selected node or task (code, settings, pod form, pod YAML, compiled objects), or the
 * workflow's settings. Monaco loads in the background once the panel is idle, never with the first screen.
 */
export function Inspector(props: InspectorProps) {
  const { doc, selection } = props;
  const [taskTab, setTaskTab] = useState<TaskTab>('code');
  const [workflowTab, setWorkflowTab] = useState<WorkflowTab>('settings');
  // Renames made from here, so that a task selected by name stays selected when its function is renamed.
  const renames = useRef(new Map<string, string>());
  const nodeRenames = useRef(new Map<string, string>());

  useEffect(() => {
    const idle = (window as { requestIdleCallback?: (cb: () => void) => number }).requestIdleCallback;
    if (idle) idle(() => preloadMonaco());
    else setTimeout(preloadMonaco, 1500);
  }, []);

  // The first name of a renamed item keys its editor, so a rename (and a selection that follows it) never remounts
  // the editor under the person's cursor.
  const origin = useRef(new Map<string, string>());
  const follow = (map: Map<string, string>, from: string, to: string) => {
    for (const [k, v] of map) if (v === from) map.set(k, to);
    map.set(from, to);
    origin.current.set(to, origin.current.get(from) ?? from);
  };
  const keyOf = (name: string) => origin.current.get(name) ?? name;
  const onRenamed = (from: string, to: string) => {
    follow(renames.current, from, to);
    if (selection.kind === 'task') props.onSelect?.({ kind: 'task', task: to });
  };
  const onRenamedNode = (from: string, to: string) => {
    follow(nodeRenames.current, from, to);
    if (selection.kind === 'node') props.onSelect?.({ kind: 'node', nodeId: to });
  };
  /** A name, or what the inspector renamed it to (while the selection still says the old name). */
  const resolve = <T,>(map: Map<string, string>, name: string, find: (n: string) => T | undefined): T | undefined => {
    let current = name;
    let found = find(current);
    const seen = new Set<string>();
    while (!found && map.has(current) && !seen.has(current)) {
      seen.add(current);
      current = map.get(current)!;
      found = find(current);
    }
    return found;
  };

  if (selection.kind === 'workflow') {
    return <WorkflowInspector doc={doc} diagnostics={props.diagnostics} apply={props.apply} focusPath={props.focusPath} tab={workflowTab} setTab={setWorkflowTab} />;
  }
  if (selection.kind === 'node') {
    const node = resolve(nodeRenames.current, selection.nodeId, (id) => findNode(doc, id));
    const task = node ? findTask(doc, node.task) : undefined;
    if (!node) return <Empty title="Nothing selected" text={`There is no node “${selection.nodeId}”.`} />;
    if (!task) return <Empty title={node.id} text={`This node invokes “${node.task}”, which the workflow does not define.`} />;
    return (
      <TaskInspector
        key={`node:${keyOf(selection.nodeId)}`}
        doc={doc}
        task={task}
        node={node}
        diagnostics={props.diagnostics}
        apply={props.apply}
        focusPath={props.focusPath}
        tab={taskTab}
        setTab={setTaskTab}
        modelKey={`node-${keyOf(selection.nodeId)}`}
        onRenamed={onRenamed}
        onRenamedNode={onRenamedNode}
      />
    );
  }
  if (selection.kind === 'task') {
    const task: Task | undefined = resolve(renames.current, selection.task, (n) => findTask(doc, n));
    if (!task) return <Empty title="Nothing selected" text={`There is no task “${selection.task}”.`} />;
    return (
      <TaskInspector
        key={`task:${keyOf(selection.task)}`}
        doc={doc}
        task={task}
        diagnostics={props.diagnostics}
        apply={props.apply}
        focusPath={props.focusPath}
        tab={taskTab === 'compiled' || taskTab === 'code' || taskTab === 'task' || taskTab === 'pod' || taskTab === 'yaml' ? taskTab : 'code'}
        setTab={setTaskTab}
        modelKey={`task-${keyOf(selection.task)}`}
        onRenamed={onRenamed}
        onRenamedNode={onRenamedNode}
      />
    );
  }
  return <Empty title="Several items selected" text="Select one node to inspect it, or nothing for the workflow’s settings." />;
}

function Empty(props: { title: string; text: string }) {
  return (
    <div className={cx(formCss.inspRoot, styles.inspEmptyState)} data-testid="inspector">
      <div className={styles.inspEmptyTitle}>{props.title}</div>
      <p className="faint">{props.text}</p>
    </div>
  );
}
