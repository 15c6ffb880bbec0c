import { validatePodSpec } from '@podflow/core';
import { CodeEditor } from '../../monaco/LazyEditor';
import type { Path } from '../model/immutable';
import { pathKey } from '../model/paths';
import { FieldMessages } from '../form/fields';
import { useProblems } from '../form/problems';
import { SYNC_TONE, useYamlDraft } from '../yaml/useYamlDraft';
import styles from './YamlSubEditor.module.css';
import { cx } from '../../ui/cx';
import formCss from '../form/form.module.css';

/**
 * A small YAML editor for one nested pod field that a form would only make worse (affinity, security context),
 * with completion and validation from its part of the PodSpec schema. Empty text removes the field.
 */
export function YamlSubEditor(props: {
  label: string;
  field: 'affinity' | 'securityContext';
  value: unknown;
  path: Path;
  modelPath: string;
  onChange: (next: Record<string, unknown> | undefined) => void;
  placeholder: string;
  testId: string;
}) {
  const draft = useYamlDraft({
    value: props.value,
    allowEmpty: true,
    what: props.label.toLowerCase(),
    validate: (v) => validatePodSpec({ containers: [], [props.field]: v }).map((p) => ({ ...p, path: p.path.replace(new RegExp(`^${props.field}\\.?`), '') })),
    onApply: props.onChange,
  });
  const index = useProblems();
  return (
    <div className={formCss.inspField} data-path={pathKey(props.path)} data-testid={props.testId}>
      <div className={formCss.inspListHeader}>
        <span className={formCss.inspLabel}>{props.label}</span>
        <span className={cx(formCss.inspSync, 'small', draft.status === 'synced' && formCss.synced, SYNC_TONE[draft.status])}>{draft.status === 'synced' ? '' : draft.status === 'pending' ? 'Editing…' : 'Not applied'}</span>
      </div>
      <div className={formCss.inspSubeditor}>
        {draft.text === '' && <div className={cx(styles.inspSubeditorPlaceholder, 'mono')}>{props.placeholder}</div>}
        <CodeEditor path={props.modelPath} language="yaml" value={draft.text} onChange={draft.setText} autoHeight={{ min: 56, max: 260 }} compact ariaLabel={props.label} testId={`${props.testId}-editor`} />
      </div>
      <FieldMessages problems={[...draft.problems.map((p) => ({ message: `Line ${p.startLine}: ${p.message}`, severity: 'error' as const })), ...index.at(props.path)]} />
    </div>
  );
}
