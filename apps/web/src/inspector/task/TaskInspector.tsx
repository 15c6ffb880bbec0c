import { useEffect, useMemo, useRef, useState } from 'react';
import { nodesOf, primaryContainerNameOf, type Diagnostic, type Task, type WorkflowDoc, type WorkflowNode } from '@podflow/core';
import type { EditorReveal } from '../../monaco/LazyEditor';
import { taskTabOf, type TaskTab } from '../model/focus';
import type { Path } from '../model/immutable';
import { normalizePathString, parsePath, startsWithPath } from '../model/paths';
import { podSpecPath } from '../model/pod-target';
import { PodSpecForm } from '../pod/PodSpecForm';
import { PodSpecYamlPane } from '../yaml/PodSpecYamlPane';
import { RevealContext, revealField } from '../reveal';
import type { ApplyFn } from '../inspector-types';
import { CodeTab } from './CodeTab';
import { CompiledTab } from './CompiledTab';
import { TaskTab as TaskSettingsTab } from './TaskTab';
import { Tabs } from '../Tabs';
import formCss from '../form/form.module.css';
import { cx } from '../../ui/cx';

const TABS: { id: TaskTab; label: string }[] = [
  { id: 'code', label: 'Code' },
  { id: 'task', label: 'Task' },
  { id: 'pod', label: 'Pod' },
  { id: 'yaml', label: 'YAML' },
  { id: 'compiled', label: 'Compiled' },
];

/** A node (or a task definition): its code, settings, pod as a form and as YAML, and the compiled objects. */
export function TaskInspector(props: {
  doc: WorkflowDoc;
  task: Task;
  node?: WorkflowNode;
  diagnostics: readonly Diagnostic[];
  apply: ApplyFn;
  focusPath?: string;
  tab: TaskTab;
  setTab: (tab: TaskTab) => void;
  /** Stable across renames of the task (the node id, or the task's first name): names editor models. */
  modelKey: string;
  onRenamed: (from: string, to: string) => void;
  onRenamedNode: (from: string, to: string) => void;
}) {
  const { doc, task, node, tab, setTab } = props;
  const body = useRef<HTMLDivElement>(null);
  const target = useMemo(() => ({ kind: 'task' as const, task: task.name }), [task.name]);

  const mine = useMemo(
    () => props.diagnostics.filter((d) => taskTabOf(doc, d.path, task.name, node?.id) !== undefined),
    [props.diagnostics, doc, task.name, node?.id],
  );
  const counts = useMemo(() => {
    const out: Partial<Record<TaskTab, Diagnostic[]>> = {};
    for (const d of mine) {
      const t = taskTabOf(doc, d.path, task.name, node?.id)!;
      (out[t] ??= []).push(d);
    }
    return out;
  }, [mine, doc, task.name, node?.id]);

  // Reveal a field asked for by the problems panel.
  const [revealKey, setRevealKey] = useState<string>();
  const [codeReveal, setCodeReveal] = useState<EditorReveal>();
  const [yamlReveal, setYamlReveal] = useState<{ path: Path; token: number }>();
  useEffect(() => {
    if (!props.focusPath) return;
    const t = taskTabOf(doc, props.focusPath, task.name, node?.id);
    if (!t) return;
    const key = normalizePathString(props.focusPath);
    setTab(t);
    setRevealKey(key);
    if (t === 'code') {
      const d = mine.find((x) => normalizePathString(x.path) === key && x.line);
      if (d?.line) setCodeReveal({ startLine: d.line, startCol: d.col ?? 1, endLine: d.line, endCol: (d.col ?? 1) + 1, token: Date.now() });
      return;
    }
    if (t === 'pod' || t === 'task') {
      return revealField(body.current, key, () => {
        // A pod field the form does not show: reveal it in the YAML tab instead.
        const specPath = podSpecPath(doc, target);
        const path = parsePath(key);
        if (t === 'pod' && startsWithPath(path, specPath) && path.length > specPath.length) {
          setTab('yaml');
          setYamlReveal({ path: path.slice(specPath.length), token: Date.now() });
        }
      });
    }
  }, [props.focusPath]);

  const badge = (t: TaskTab) => {
    const list = counts[t];
    if (!list?.length) return undefined;
    return { count: list.length, level: list.some((d) => d.severity === 'error') ? ('error' as const) : list.some((d) => d.severity === 'warning') ? ('warning' as const) : ('info' as const) };
  };

  const kind = node?.map ? 'map' : task.type === 'dynamic' ? 'dynamic' : 'task';
  const usedBy = nodesOf(doc).filter((n) => n.task === task.name).length;
  return (
    <div className={formCss.inspRoot} data-testid="inspector" data-selection={node ? `node:${node.id}` : `task:${task.name}`}>
      <header className={formCss.inspHeader}>
        <span className={cx(formCss.inspKind, `kind-${kind}`)}>{kind === 'map' ? 'Map' : kind === 'dynamic' ? 'Dynamic' : 'Task'}</span>
        <div className={formCss.inspTitle}>
          <div className={cx(formCss.inspTitleMain, 'mono')} data-testid="inspector-title">
            {node ? node.id : task.name}
          </div>
          <div className={cx(formCss.inspTitleSub, 'faint')}>
            {node ? (
              <>
                invokes <span className="mono">{task.name}</span>
              </>
            ) : (
              <>{usedBy ? `task definition · ${usedBy} node${usedBy === 1 ? '' : 's'}` : 'task definition · called by dynamic tasks'}</>
            )}
            {' · '}primary container <span className="mono">{primaryContainerNameOf(task)}</span>
          </div>
        </div>
      </header>
      <Tabs tabs={TABS.map((t) => ({ ...t, badge: badge(t.id) }))} active={tab} onChange={setTab} testIdPrefix="tab" />
      <div className={formCss.inspBody} ref={body} data-tab={tab}>
        <RevealContext.Provider value={revealKey}>
          {tab === 'code' && (
            <CodeTab doc={doc} task={task} node={node} diagnostics={mine} apply={props.apply} modelKey={props.modelKey} reveal={codeReveal} onRenamed={props.onRenamed} onRenamedNode={props.onRenamedNode} />
          )}
          {tab === 'task' && (
            <div className={formCss.inspScroll}>
              <TaskSettingsTab doc={doc} task={task} node={node} diagnostics={mine} apply={props.apply} onRenamed={props.onRenamed} onRenamedNode={props.onRenamedNode} />
            </div>
          )}
          {tab === 'pod' && (
            <div className={formCss.inspScroll}>
              <PodSpecForm
                doc={doc}
                target={target}
                diagnostics={counts.pod ?? []}
                apply={props.apply}
                onShowInYaml={(path) => {
                  setTab('yaml');
                  setYamlReveal({ path, token: Date.now() });
                }}
              />
            </div>
          )}
          {tab === 'yaml' && (
            <PodSpecYamlPane
              doc={doc}
              target={target}
              modelPath={`file:///tasks/${props.modelKey}.podspec.yaml`}
              diagnostics={counts.pod ?? []}
              apply={props.apply}
              primaryName={primaryContainerNameOf(task)}
              templateVolumes={(doc.spec.podTemplate?.spec?.volumes ?? []).map((v) => v?.name).filter((n): n is string => !!n)}
              revealPath={yamlReveal}
              testId="pod-yaml"
            />
          )}
          {tab === 'compiled' && <CompiledTab doc={doc} nodeId={node?.id} task={task.name} modelKey={props.modelKey} />}
        </RevealContext.Provider>
      </div>
    </div>
  );
}
