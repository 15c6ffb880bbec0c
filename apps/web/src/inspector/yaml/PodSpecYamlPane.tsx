import { useEffect, useMemo, useState } from 'react';
import type { PodSpec } from 'kubernetes-types/core/v1';
import { podSpecFieldProblems, validatePodSpec, type Diagnostic, type WorkflowDoc } from '@podflow/core';
import { CodeEditor, type EditorMarker, type EditorReveal } from '../../monaco/LazyEditor';
import type { Path } from '../model/immutable';
import { normalizePathString, parsePath, pathKey, startsWithPath } from '../model/paths';
import { EMPTY_POD_SPEC, podSpecOf, podSpecPath, setPodSpec, type PodTarget } from '../model/pod-target';
import { firstLineOf, rangeOfPath, readYamlMapping } from '../model/pod-yaml';
import { SYNC_TONE, useYamlDraft, type DraftProblem } from './useYamlDraft';
import type { ApplyFn } from '../inspector-types';
import { useEditorStore } from '../../store/editor-store';
import { formatClock } from '../../runs/run-format';
import styles from './PodSpecYamlPane.module.css';
import formCss from '../form/form.module.css';
import { cx } from '../../ui/cx';

/**
 * The pod spec as YAML in Monaco, with monaco-yaml's PodSpec schema (validation, completion, hover). Edits reach the
 * document only when the text is a clean mapping that the schema accepts; until then the document keeps its last
 * good pod spec, and the problems below say why.
 */
export function PodSpecYamlPane(props: {
  doc: WorkflowDoc;
  target: PodTarget;
  modelPath: string;
  diagnostics: readonly Diagnostic[];
  apply: ApplyFn;
  primaryName?: string;
  templateVolumes?: readonly string[];
  revealPath?: { path: Path; token: number };
  testId: string;
}) {
  const { doc, target } = props;
  const spec = podSpecOf(doc, target);
  const specPath = podSpecPath(doc, target);
  const workflowId = useEditorStore((s) => s.workflowId);
  const draft = useYamlDraft({
    ...(workflowId ? { keep: { workflowId, editor: target.kind === 'task' ? `task.${target.task}` : 'template' } } : {}),
    value: spec,
    absentValue: EMPTY_POD_SPEC as unknown as Record<string, unknown>,
    validate: (v) => validatePodSpec(v),
    what: 'a pod spec',
    onApply: (v) => props.apply((d) => setPodSpec(d, target, (v ?? EMPTY_POD_SPEC) as unknown as PodSpec), target.kind === 'template' ? 'Edit pod template YAML' : 'Edit pod YAML'),
  });
  const [external, setExternal] = useState<EditorMarker[]>([]);
  const [reveal, setReveal] = useState<EditorReveal | undefined>();

  // Field checks on what the text says now (they never block applying), plus the workflow's diagnostics for this pod.
  const markers = useMemo<EditorMarker[]>(() => {
    const read = readYamlMapping(draft.text);
    if (!read.ok) return [];
    const out: EditorMarker[] = [];
    const seen = new Set<string>();
    const mark = (path: Path, severity: EditorMarker['severity'], message: string) => {
      const range = rangeOfPath(draft.text, path);
      if (!range) return;
      const r = firstLineOf(range, draft.text);
      seen.add(pathKey(path));
      out.push({ severity, message, source: 'podflow', startLine: r.startLine, startCol: r.startCol, endLine: r.endLine, endCol: r.endCol });
    };
    for (const p of podSpecFieldProblems(read.value as unknown as PodSpec, { mode: target.kind, primaryName: props.primaryName, extraVolumes: props.templateVolumes })) {
      mark(p.path, p.severity, p.message);
    }
    if (draft.status === 'synced') {
      for (const d of props.diagnostics) {
        const path = parsePath(normalizePathString(d.path));
        if (!startsWithPath(path, specPath) || d.code === 'pod-schema') continue;
        const rel = path.slice(specPath.length);
        if (rel.length === 0 || seen.has(pathKey(rel))) continue;
        mark(rel, d.severity, d.message);
      }
    }
    return out;
  }, [draft.text, draft.status, props.diagnostics, props.primaryName, props.templateVolumes, target.kind]);

  // Reveal a field asked for by the problems panel.
  const revealToken = props.revealPath?.token;
  useEffect(() => {
    if (!props.revealPath) return;
    const range = rangeOfPath(draft.text, props.revealPath.path);
    if (range) setReveal({ ...firstLineOf(range, draft.text), token: props.revealPath.token });
  }, [revealToken]);

  const go = (p: DraftProblem) => setReveal({ startLine: p.startLine, startCol: p.startCol, endLine: p.endLine, endCol: p.endCol, token: Date.now() });
  const nonBlocking = markers.filter((m) => m.severity !== 'info');

  return (
    <div className={formCss.inspYamlPane} data-testid={props.testId}>
      <div className={formCss.inspYamlToolbar}>
        <span className={formCss.inspYamlTitle}>
          PodSpec <span className="faint">· Kubernetes schema</span>
        </span>
        <span className={cx(formCss.inspSync, SYNC_TONE[draft.status])} data-testid={`${props.testId}-status`}>
          {draft.status === 'synced' ? 'In sync' : draft.status === 'pending' ? 'Editing…' : 'Not applied'}
        </span>
        {draft.status === 'invalid' && (
          <button type="button" className="btn btn-sm" onClick={draft.revert} data-testid={`${props.testId}-revert`}>
            Revert
          </button>
        )}
      </div>
      {draft.offered && (
        <div className={cx(formCss.inspCallout, formCss.strong, 'tone-warning')} role="status" data-testid={`${props.testId}-offer`}>
          <div>
            <strong>Unapplied YAML from {formatClock(draft.offered.savedAt)}.</strong> It was typed here but never applied
            {draft.offered.stale ? ', and the pod spec has changed since' : ''}. Restore it to keep working on it.
          </div>
          <div className={formCss.inspCalloutActions}>
            <button type="button" className="btn btn-sm" onClick={draft.restoreOffered} data-testid={`${props.testId}-restore`}>
              Restore
            </button>
            <button type="button" className="btn btn-sm btn-ghost" onClick={draft.discardOffered} data-testid={`${props.testId}-discard`}>
              Discard
            </button>
          </div>
        </div>
      )}
      <div className={formCss.inspEditorWrap}>
        <CodeEditor
          path={props.modelPath}
          language="yaml"
          value={draft.text}
          onChange={draft.setText}
          markers={markers}
          onExternalMarkers={setExternal}
          reveal={reveal}
          ariaLabel="Pod spec YAML"
          testId={`${props.testId}-editor`}
        />
      </div>
      {(draft.status === 'invalid' || nonBlocking.length > 0 || external.length > 0) && (
        <div className={styles.inspYamlProblems} data-testid={`${props.testId}-problems`}>
          {draft.status === 'invalid' && (
            <div className={cx(formCss.inspCallout, formCss.strong, 'tone-error')} data-testid={`${props.testId}-not-applied`}>
              <strong>Not applied.</strong> The document keeps its last valid pod spec until this is fixed
              {draft.problems.some((p) => p.kind === 'syntax') ? ' (YAML syntax)' : ' (Kubernetes schema)'}.
            </div>
          )}
          <ul className={formCss.inspProblemList}>
            {draft.problems.map((p, i) => (
              <li key={`d${i}`} className="tone-error">
                <button type="button" onClick={() => go(p)}>
                  <span className={formCss.inspProblemWhere}>Ln {p.startLine}</span> {p.message}
                </button>
              </li>
            ))}
            {draft.status !== 'invalid' &&
              external.map((m, i) => (
                  <li key={`e${i}`} className={`tone-${m.severity}`}>
                    <button type="button" onClick={() => go({ ...m, endLine: m.endLine ?? m.startLine, endCol: m.endCol ?? m.startCol + 1, kind: 'schema' })}>
                      <span className={formCss.inspProblemWhere}>Ln {m.startLine}</span> {m.message}
                    </button>
                  </li>
                ))}
            {nonBlocking.map((m, i) => (
              <li key={`m${i}`} className={`tone-${m.severity}`}>
                <button type="button" onClick={() => go({ ...m, endLine: m.endLine ?? m.startLine, endCol: m.endCol ?? m.startCol + 1, kind: 'schema' })}>
                  <span className={formCss.inspProblemWhere}>Ln {m.startLine}</span> {m.message}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
