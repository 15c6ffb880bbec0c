import { useEffect, useMemo, useState } from 'react';
import type { PodSpec } from 'kubernetes-types/core/v1';
import { podSpecFieldProblems, validatePodSpec, type Diagnostic, type WorkflowDoc } from '@podflow/core';
import { CodeEditor, type EditorMarker, type EditorReveal } from '../../monaco/LazyEditor';
import type { Path } from '../model/immutable';
import { normalizePathString, parsePath, pathKey, startsWithPath } from '../model/paths';
import { EMPTY_POD_SPEC, podSpecOf, podSpecPath, setPodSpec, type PodTarget } from '../model/pod-target';
import { firstLineOf, rangeOfPath, readYamlMapping } from '../model/pod-yaml';
import { useYamlDraft, type DraftProblem } from './useYamlDraft';
import type { ApplyFn } from '../inspector-types';

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
  const draft = useYamlDraft({
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
    <div className="insp-yaml-pane" data-testid={props.testId}>
      <div className="insp-yaml-toolbar">
        <span className="insp-yaml-title">
          PodSpec <span className="faint">· Kubernetes schema</span>
        </span>
        <span className={`insp-sync ${draft.status}`} data-testid={`${props.testId}-status`}>
          {draft.status === 'synced' ? 'In sync' : draft.status === 'pending' ? 'Editing…' : 'Not applied'}
        </span>
        {draft.status === 'invalid' && (
          <button type="button" className="btn btn-sm" onClick={draft.revert} data-testid={`${props.testId}-revert`}>
            Revert
          </button>
        )}
      </div>
      <div className="insp-editor-wrap">
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
        <div className="insp-yaml-problems" data-testid={`${props.testId}-problems`}>
          {draft.status === 'invalid' && (
            <div className="insp-callout error" data-testid={`${props.testId}-not-applied`}>
              <strong>Not applied.</strong> The document keeps its last valid pod spec until this is fixed
              {draft.problems.some((p) => p.kind === 'syntax') ? ' (YAML syntax)' : ' (Kubernetes schema)'}.
            </div>
          )}
          <ul className="insp-problem-list">
            {draft.problems.map((p, i) => (
              <li key={`d${i}`} className="error">
                <button type="button" onClick={() => go(p)}>
                  <span className="insp-problem-where">Ln {p.startLine}</span> {p.message}
                </button>
              </li>
            ))}
            {draft.status !== 'invalid' &&
              external.map((m, i) => (
                  <li key={`e${i}`} className={m.severity}>
                    <button type="button" onClick={() => go({ ...m, endLine: m.endLine ?? m.startLine, endCol: m.endCol ?? m.startCol + 1, kind: 'schema' })}>
                      <span className="insp-problem-where">Ln {m.startLine}</span> {m.message}
                    </button>
                  </li>
                ))}
            {nonBlocking.map((m, i) => (
              <li key={`m${i}`} className={m.severity}>
                <button type="button" onClick={() => go({ ...m, endLine: m.endLine ?? m.startLine, endCol: m.endCol ?? m.startCol + 1, kind: 'schema' })}>
                  <span className="insp-problem-where">Ln {m.startLine}</span> {m.message}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
