import { useEffect, useMemo, useRef, useState } from 'react';
import type { Diagnostic, WorkflowDoc } from '@podflow/core';
import { workflowTabOf, type WorkflowTab } from '../model/focus';
import type { Path } from '../model/immutable';
import { normalizePathString, parsePath, startsWithPath } from '../model/paths';
import { PodSpecForm } from '../pod/PodSpecForm';
import { PodSpecYamlPane } from '../yaml/PodSpecYamlPane';
import { RevealContext, revealField } from '../reveal';
import { Tabs } from '../Tabs';
import type { ApplyFn } from '../inspector-types';
import { WorkflowSettings } from './WorkflowSettings';
import styles from './WorkflowInspector.module.css';
import formCss from '../form/form.module.css';
import { cx } from '../../ui/cx';

const TEMPLATE = { kind: 'template' as const };
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const TEMPLATE_SPEC: Path = ['spec', 'podTemplate', 'spec'];

/** Workflow settings, and the base pod template merged under every task's pod (form and YAML). */
export function WorkflowInspector(props: { doc: WorkflowDoc; diagnostics: readonly Diagnostic[]; apply: ApplyFn; focusPath?: string; tab: WorkflowTab; setTab: (t: WorkflowTab) => void }) {
  const { doc, tab, setTab } = props;
  const body = useRef<HTMLDivElement>(null);
  const byTab = useMemo(() => {
    const out: Partial<Record<WorkflowTab, Diagnostic[]>> = {};
    for (const d of props.diagnostics) {
      const t = workflowTabOf(d.path);
      if (t) (out[t] ??= []).push(d);
    }
    return out;
  }, [props.diagnostics]);

  const [revealKey, setRevealKey] = useState<string>();
  const [yamlReveal, setYamlReveal] = useState<{ path: Path; token: number }>();
  useEffect(() => {
    if (!props.focusPath) return;
    const t = workflowTabOf(props.focusPath);
    if (!t) return;
    const key = normalizePathString(props.focusPath);
    setTab(t);
    setRevealKey(key);
    return revealField(body.current, key, () => {
      const path = parsePath(key);
      if (t === 'template' && startsWithPath(path, TEMPLATE_SPEC) && path.length > TEMPLATE_SPEC.length) {
        setTab('template-yaml');
        setYamlReveal({ path: path.slice(TEMPLATE_SPEC.length), token: Date.now() });
      }
    });
  }, [props.focusPath]);

  const level = (list: readonly { severity: string }[] | undefined) =>
    list?.length ? { count: list.length, level: list.some((d) => d.severity === 'error') ? ('error' as const) : list.some((d) => d.severity === 'warning') ? ('warning' as const) : ('info' as const) } : undefined;
  const settingsCount = level(byTab.settings);
  const templateCount = level(byTab.template);

  return (
    <div className={formCss.inspRoot} data-testid="inspector" data-selection="workflow">
      <header className={formCss.inspHeader}>
        <span className={cx(formCss.inspKind, formCss.workflow)}>Workflow</span>
        <div className={formCss.inspTitle}>
          <div className={cx(formCss.inspTitleMain, 'mono')} data-testid="inspector-title">
            {doc.metadata.name}
          </div>
          <div className={cx(formCss.inspTitleSub, 'faint')}>
            {plural((doc.spec.nodes ?? []).length, 'node')} · {plural((doc.spec.tasks ?? []).length, 'task')}
          </div>
        </div>
      </header>
      <Tabs
        tabs={[
          { id: 'settings', label: 'Settings', badge: settingsCount },
          { id: 'template', label: 'Pod template', badge: templateCount },
          { id: 'template-yaml', label: 'Template YAML' },
        ]}
        active={tab}
        onChange={setTab}
        testIdPrefix="wf-tab"
      />
      <div className={formCss.inspBody} ref={body} data-tab={tab}>
        <RevealContext.Provider value={revealKey}>
          {tab === 'settings' && (
            <div className={formCss.inspScroll}>
              <WorkflowSettings doc={doc} diagnostics={byTab.settings ?? []} apply={props.apply} />
            </div>
          )}
          {tab === 'template' && (
            <div className={formCss.inspScroll}>
              <p className={styles.inspIntro}>
                Merged under every task’s pod (Flyte’s default pod template): the task’s own values win, lists are appended. Leave it empty unless every task needs the same
                thing.
              </p>
              <PodSpecForm
                doc={doc}
                target={TEMPLATE}
                diagnostics={byTab.template ?? []}
                apply={props.apply}
                onShowInYaml={(path) => {
                  setTab('template-yaml');
                  setYamlReveal({ path, token: Date.now() });
                }}
              />
            </div>
          )}
          {tab === 'template-yaml' && (
            <PodSpecYamlPane doc={doc} target={TEMPLATE} modelPath="file:///workflow/pod-template.podspec.yaml" diagnostics={byTab.template ?? []} apply={props.apply} revealPath={yamlReveal} testId="template-yaml" />
          )}
        </RevealContext.Provider>
      </div>
    </div>
  );
}
