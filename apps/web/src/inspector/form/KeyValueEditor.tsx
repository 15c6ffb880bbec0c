import { useState } from 'react';
import { XIcon } from '../../ui/icons';
import type { Path } from '../model/immutable';
import { pathKey } from '../model/paths';
import { FieldMessages, TextInput } from './fields';
import { useProblems, type ShownProblem } from './problems';
import { ListHeader } from './Section';
import formCss from './form.module.css';

type StringMap = Record<string, string>;

function renamed(map: StringMap, from: string, to: string): StringMap {
  const out: StringMap = {};
  for (const [k, v] of Object.entries(map)) out[k === from ? to : k] = v;
  return out;
}

/**
 * Editor of a string → string map (labels, annotations, node selector, env). A new row enters the document once
 * its key is typed; renaming a key keeps its place; a key that clashes stays in the box with a message until fixed.
 */
export function KeyValueEditor(props: {
  label: string;
  value: StringMap | undefined;
  path: Path;
  onChange: (next: StringMap | undefined) => void;
  keyPlaceholder?: string;
  valuePlaceholder?: string;
  checkKey?: (key: string) => string | undefined;
  checkValue?: (value: string) => string | undefined;
  addLabel?: string;
  testId?: string;
  emptyText?: string;
}) {
  const map = props.value ?? {};
  const entries = Object.entries(map);
  const [pending, setPending] = useState<{ key: string; value: string } | null>(null);
  const [keyDrafts, setKeyDrafts] = useState<Record<number, string>>({});
  const index = useProblems();
  const commit = (next: StringMap) => props.onChange(Object.keys(next).length ? next : undefined);

  const rows = entries.map(([k, v], i) => {
    const draft = keyDrafts[i];
    const shownKey = draft ?? k;
    const local: ShownProblem[] = [];
    if (draft !== undefined && draft === '') local.push({ message: 'key is required', severity: 'error' });
    else if (draft !== undefined && draft !== k && draft in map) local.push({ message: `Duplicate key "${draft}"`, severity: 'error' });
    else {
      const kp = props.checkKey?.(shownKey);
      if (kp) local.push({ message: kp, severity: 'error' });
      const vp = props.checkValue?.(v);
      if (vp) local.push({ message: vp, severity: 'error' });
    }
    const problems = local.length ? local : index.at([...props.path, k]);
    return (
      <div key={i} className={formCss.inspKvRow} data-path={pathKey([...props.path, k])}>
        <div className={formCss.inspKvInputs}>
          <TextInput
            value={shownKey}
            mono
            placeholder={props.keyPlaceholder ?? 'key'}
            invalid={problems.some((p) => p.severity === 'error')}
            ariaLabel={`${props.label} key`}
            testId={props.testId ? `${props.testId}-key-${i}` : undefined}
            onChange={(text) => {
              if (text === '' || (text !== k && text in map)) setKeyDrafts({ ...keyDrafts, [i]: text });
              else {
                setKeyDrafts(({ [i]: _drop, ...rest }) => rest);
                commit(renamed(map, k, text));
              }
            }}
            onBlur={() => setKeyDrafts(({ [i]: _drop, ...rest }) => rest)}
          />
          <TextInput
            value={v}
            mono
            placeholder={props.valuePlaceholder ?? 'value'}
            ariaLabel={`${props.label} value`}
            testId={props.testId ? `${props.testId}-value-${i}` : undefined}
            onChange={(text) => commit({ ...map, [k]: text })}
          />
          <button type="button" className="icon-btn sm" aria-label={`Remove ${k}`} onClick={() => commit(Object.fromEntries(entries.filter(([key]) => key !== k)))}>
            <XIcon size={13} />
          </button>
        </div>
        <FieldMessages problems={problems} />
      </div>
    );
  });

  const pendingProblem = pending && pending.key !== '' && pending.key in map ? `Duplicate key "${pending.key}"` : undefined;
  return (
    <div className={formCss.inspKv} data-path={pathKey(props.path)} data-testid={props.testId}>
      <ListHeader label={props.label} onAdd={pending ? undefined : () => setPending({ key: '', value: '' })} addLabel={props.addLabel} testId={props.testId ? `${props.testId}-add` : undefined} />
      {entries.length === 0 && !pending && props.emptyText && <div className={formCss.inspEmpty}>{props.emptyText}</div>}
      {rows}
      {pending && (
        <div key={entries.length} className={formCss.inspKvRow}>
          <div className={formCss.inspKvInputs}>
            <TextInput
              value={pending.key}
              mono
              placeholder={props.keyPlaceholder ?? 'key'}
              ariaLabel={`${props.label} key`}
              testId={props.testId ? `${props.testId}-key-${entries.length}` : undefined}
              onChange={(text) => {
                if (text !== '' && !(text in map)) {
                  setPending(null);
                  commit({ ...map, [text]: pending.value });
                } else setPending({ ...pending, key: text });
              }}
              onBlur={() => pending.key === '' && pending.value === '' && setPending(null)}
            />
            <TextInput
              value={pending.value}
              mono
              placeholder={props.valuePlaceholder ?? 'value'}
              ariaLabel={`${props.label} value`}
              testId={props.testId ? `${props.testId}-value-${entries.length}` : undefined}
              onChange={(text) => setPending({ ...pending, value: text })}
            />
            <button type="button" className="icon-btn sm" aria-label="Discard" onClick={() => setPending(null)}>
              <XIcon size={13} />
            </button>
          </div>
          <FieldMessages problems={pendingProblem ? [{ message: pendingProblem, severity: 'error' }] : []} />
        </div>
      )}
    </div>
  );
}
