import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { disconnect, findTask, mappedInputs, nodeId as asNodeId, parseTaskCode, tasksOf, type Diagnostic, type Task, type WorkflowDoc, type WorkflowNode } from '@podflow/core';
import { CodeEditor, type EditorMarker, type EditorReveal } from '../../monaco/LazyEditor';
import { describeBinding, orphanedBindings, planCodeEdit, type CodeEditPlan } from '../model/code-edit';
import { dynamicCalls } from '../model/dynamic-calls';
import { normalizePathString } from '../model/paths';
import type { ApplyFn } from '../inspector-types';
import { SignatureStrip } from './SignatureStrip';
import { runUi } from '../../runs/run-store';
import { PlayIcon } from '../../ui/icons';
import { clearPending, markPending } from '../../persistence/pending-edits';
import styles from './CodeTab.module.css';
import { cx } from '../../ui/cx';
import formCss from '../form/form.module.css';

const DEBOUNCE_MS = 300;

function wordEnd(code: string, line: number, col: number): number {
  const text = code.split('\n')[line - 1] ?? '';
  const m = /^[A-Za-z0-9_]+/.exec(text.slice(col - 1));
  return col + Math.max(1, m ? m[0].length : text.length - col + 1);
}

/**
 * The task's Python in Monaco. Typing updates the document after a short pause, so the node's ports follow the
 * signature; problems are marked as the code is typed; renaming the function renames the task (or says why not);
 * removing a parameter that a node still binds is flagged with a way back.
 */
export function CodeTab(props: {
  doc: WorkflowDoc;
  task: Task;
  node?: WorkflowNode;
  diagnostics: readonly Diagnostic[];
  apply: ApplyFn;
  modelKey: string;
  reveal?: EditorReveal;
  onRenamed: (from: string, to: string) => void;
  onRenamedNode: (from: string, to: string) => void;
}) {
  const { doc, task, apply } = props;
  const [text, setText] = useState(task.code);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pendingKey = `code:${useId()}`;
  const latest = useRef({ doc, name: task.name, text });
  latest.current = { doc, name: task.name, text };
  const [refused, setRefused] = useState<CodeEditPlan['renameRefused']>();
  const [renamedNote, setRenamedNote] = useState<string>();
  const [undoCode, setUndoCode] = useState<string>();
  // The code as it was before the edit that left inputs connected to parameters it no longer takes: the last code
  // committed that defined the function and orphaned nothing. Half-typed code in between (a `def` line being
  // retyped, where nothing is reported) is not what "Undo the change" goes back to.
  const soundCode = useRef(task.code);

  // A change from elsewhere (undo, a rename from another place) replaces the text unless an edit is pending.
  useEffect(() => {
    if (timer.current === undefined && task.code !== latest.current.text) {
      setText(task.code);
      soundCode.current = task.code;
    }
  }, [task.code]);

  const commit = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    clearPending(pendingKey);
    const { doc: current, name, text: code } = latest.current;
    const before = findTask(current, name)?.code;
    if (before === code) return;
    const plan = planCodeEdit(current, name, code);
    const orphansBefore = orphanedBindings(current, name).length;
    apply((d) => (d === current ? plan.doc : planCodeEdit(d, name, code).doc), 'Edit code');
    setRefused(plan.renameRefused);
    if (plan.renamed) {
      const nodes = (current.spec.nodes ?? []).filter((n) => n.task === plan.renamed!.from).length;
      setRenamedNote(`Task renamed ${plan.renamed.from} → ${plan.renamed.to}${nodes ? ` (${nodes} node${nodes === 1 ? '' : 's'} updated)` : ''}.`);
      props.onRenamed(plan.renamed.from, plan.renamed.to);
      for (const r of plan.renamedNodes ?? []) props.onRenamedNode(r.from, r.to);
    }
    const orphansAfter = orphanedBindings(plan.doc, plan.taskName).length;
    if (orphansAfter > orphansBefore && before !== undefined) setUndoCode(soundCode.current);
    if (orphansAfter === 0 && parseTaskCode(code, plan.taskName).signature) soundCode.current = code;
  };

  // Apply a pending edit when the tab goes away.
  useEffect(
    () => () => {
      if (timer.current !== undefined) {
        clearTimeout(timer.current);
        commit();
      }
    },
    [],
  );

  useEffect(() => {
    if (!renamedNote) return;
    const t = setTimeout(() => setRenamedNote(undefined), 5000);
    return () => clearTimeout(t);
  }, [renamedNote]);

  const onChange = (value: string) => {
    setText(value);
    latest.current.text = value;
    clearTimeout(timer.current);
    timer.current = setTimeout(commit, DEBOUNCE_MS);
    // Leaving the page (or a reload) hands this edit over at once.
    markPending(pendingKey, commit);
  };

  const info = parseTaskCode(text, task.name);
  const calls = useMemo(() => (task.type === 'dynamic' ? dynamicCalls(doc, { ...task, code: text }) : []), [doc, task, text]);
  const taskIndex = tasksOf(doc).indexOf(task);
  const markers = useMemo<EditorMarker[]>(() => {
    const out: EditorMarker[] = info.problems.map((p) => ({
      severity: p.severity,
      message: p.message,
      source: p.code,
      startLine: p.line,
      startCol: p.col,
      endLine: p.line,
      endCol: wordEnd(text, p.line, p.col),
    }));
    for (const c of calls) {
      if (c.status === 'task') continue;
      out.push({ severity: 'warning', message: c.message!, source: 'dynamic', startLine: c.line, startCol: c.col, endLine: c.line, endCol: c.endCol });
    }
    // Problems only the server can see (Python's own ast), when they are about this code as it is in the document.
    if (text === task.code) {
      for (const d of props.diagnostics) {
        if (d.line === undefined || normalizePathString(d.path) !== `spec.tasks[${taskIndex}].code`) continue;
        if (out.some((m) => m.startLine === d.line && m.message === d.message)) continue;
        out.push({ severity: d.severity, message: d.message, source: d.code, startLine: d.line, startCol: d.col ?? 1, endLine: d.line });
      }
    }
    return out;
  }, [info, calls, text, task.code, props.diagnostics, taskIndex]);

  const orphans = orphanedBindings(doc, task.name);
  const mapped = props.node ? mappedInputs(doc, props.node) : [];
  const errors = markers.filter((m) => m.severity === 'error').length;

  return (
    <div className={formCss.inspCodeTab} data-testid="code-tab">
      <SignatureStrip signature={info.signature} mapped={mapped} />
      {renamedNote && (
        <div className={cx(formCss.inspCallout, formCss.strong, 'tone-success')} data-testid="code-renamed">
          {renamedNote}
        </div>
      )}
      {refused && !info.functions.includes(task.name) && (
        <div className={cx(formCss.inspCallout, formCss.strong, 'tone-error')} data-testid="code-rename-refused">
          The code now defines <code>{refused.to}</code>, but the task cannot take that name: {refused.reason}. Until the function is named{' '}
          <code>{task.name}</code> again (or given a free name), the task has no function to run.
        </div>
      )}
      {orphans.length > 0 && (
        <div className={cx(formCss.inspCallout, formCss.strong, 'tone-warning')} data-testid="code-orphaned">
          <div>
            {orphans.map((o) => (
              <div key={`${o.nodeId}.${o.input}`}>
                Node <code>{o.nodeId}</code> still connects {describeBinding(o.binding)} to <code>{o.input}</code>, which the code no longer takes.
              </div>
            ))}
          </div>
          <div className={formCss.inspCalloutActions}>
            {undoCode !== undefined && (
              <button
                type="button"
                className="btn btn-sm"
                data-testid="code-orphaned-undo"
                onClick={() => {
                  const code = undoCode;
                  setUndoCode(undefined);
                  clearTimeout(timer.current);
                  timer.current = undefined;
                  setText(code);
                  latest.current.text = code;
                  commit();
                }}
              >
                Undo the change
              </button>
            )}
            <button
              type="button"
              className="btn btn-sm btn-ghost"
              data-testid="code-orphaned-disconnect"
              onClick={() => apply((d) => orphans.reduce((acc, o) => disconnect(acc, { node: asNodeId(o.nodeId), input: o.input }), d), 'Disconnect removed parameters')}
            >
              Remove the connection{orphans.length === 1 ? '' : 's'}
            </button>
          </div>
        </div>
      )}
      <div className={formCss.inspEditorWrap}>
        <CodeEditor path={`file:///code/${props.modelKey}.py`} language="python" value={text} onChange={onChange} markers={markers} reveal={props.reveal} ariaLabel={`Python code of task ${task.name}`} testId="code-editor" />
      </div>
      <div className={styles.inspCodeFooter}>
        <span className={cx(styles.inspStatus, errors ? styles.error : styles.ok)} data-testid="code-status">
          {errors ? `${errors} problem${errors === 1 ? '' : 's'} in the code` : info.signature ? `def ${info.signature.functionName}` : ''}
        </span>
        {task.type === 'dynamic' && (
          <span className={styles.inspCalls} data-testid="code-calls">
            Calls:{' '}
            {calls.length === 0 ? (
              <span className="faint">no tasks</span>
            ) : (
              [...new Map(calls.map((c) => [c.name, c])).values()].map((c) => (
                <span key={c.name} className={cx(formCss.inspChip, c.status === 'task' ? 'tone-success' : 'tone-warning')} title={c.message ?? 'a task of this workflow'}>
                  {c.name}
                  {c.status === 'task' ? ' ✓' : ' !'}
                </span>
              ))
            )}
          </span>
        )}
        {props.node && (
          <button
            type="button"
            className="btn btn-sm insp-run-node"
            title="Run only this node, with inputs you type or take from an earlier run"
            onClick={() => {
              // What was just typed goes into the document first, so the run has it.
              if (timer.current !== undefined) commit();
              runUi.openDialog({ mode: 'only', nodeId: props.node!.id });
            }}
            data-testid="run-this-node"
          >
            <PlayIcon size={12} /> Run this node
          </button>
        )}
      </div>
    </div>
  );
}
