import type { Path } from '../model/immutable';
import { setIn } from '../model/immutable';
import { pathKey } from '../model/paths';
import type { QuantityValue, ResourceKind } from '@podflow/core';
import { FieldMessages, TextInput } from '../form/fields';
import { QuantityInput } from '../form/QuantityInput';
import { useProblems } from '../form/problems';
import styles from './ResourcesEditor.module.css';
import { cx } from '../../ui/cx';

type QuantityMap = Record<string, QuantityValue>;
export interface ResourceMaps {
  requests?: QuantityMap;
  limits?: QuantityMap;
  [other: string]: unknown;
}

/** Names a task may use for a resource besides the canonical one (core accepts `mem`). */
const ALIASES: Record<string, string[]> = { memory: ['mem'] };

function storedKey(map: QuantityMap | undefined, kind: ResourceKind): string {
  if (map && kind.key in map) return kind.key;
  return (ALIASES[kind.key] ?? []).find((a) => map && a in map) ?? kind.key;
}

/**
 * Requests and limits as a grid of unit-aware inputs (CPU, memory, GPU, ephemeral storage). Other resources the
 * document names (hugepages, a custom device) get a plain row; other fields of the object (`claims`) are kept.
 */
export function ResourcesEditor(props: {
  value: ResourceMaps | undefined;
  path: Path;
  kinds: readonly ResourceKind[];
  onChange: (next: ResourceMaps | undefined) => void;
  disabled?: boolean;
  testId: string;
}) {
  const index = useProblems();
  const value = props.value ?? {};
  const known = new Set(props.kinds.flatMap((k) => [k.key, ...(ALIASES[k.key] ?? [])]));
  const extra = [...new Set([...Object.keys(value.requests ?? {}), ...Object.keys(value.limits ?? {})])].filter((k) => !known.has(k));

  const set = (kind: 'requests' | 'limits', key: string, q: string | undefined) => {
    const next = setIn(value, [kind, key], q, { prune: 1 }) as ResourceMaps;
    props.onChange(Object.keys(next).length ? next : undefined);
  };

  const cell = (kind: 'requests' | 'limits', rk: ResourceKind) => {
    const key = storedKey(value[kind], rk);
    const path = [...props.path, kind, key];
    const problems = index.at(path);
    return (
      <div className={styles.inspResCell} data-path={pathKey(path)}>
        <QuantityInput
          value={value[kind]?.[key]}
          kind={rk}
          disabled={props.disabled}
          invalid={problems.some((p) => p.severity === 'error')}
          ariaLabel={`${rk.label} ${kind === 'requests' ? 'request' : 'limit'}`}
          testId={`${props.testId}-${kind}-${rk.key.replace(/[^a-z]+/g, '-')}`}
          onChange={(q) => set(kind, key, q)}
        />
        <FieldMessages problems={problems} />
      </div>
    );
  };

  return (
    <div className={cx(styles.inspResources, props.disabled && styles.disabled)} data-path={pathKey(props.path)} data-testid={props.testId}>
      <FieldMessages problems={index.at(props.path)} />
      <div className={styles.inspResHead}>
        <span />
        <span>Request</span>
        <span>Limit</span>
      </div>
      {props.kinds.map((rk) => (
        <div className={styles.inspResRow} key={rk.key}>
          <span className={styles.inspResLabel}>{rk.label}</span>
          {cell('requests', rk)}
          {cell('limits', rk)}
        </div>
      ))}
      {extra.map((key) => (
        <div className={styles.inspResRow} key={key}>
          <span className={cx(styles.inspResLabel, 'mono')} title={key}>
            {key}
          </span>
          {(['requests', 'limits'] as const).map((kind) => {
            const path = [...props.path, kind, key];
            return (
              <div className={styles.inspResCell} key={kind} data-path={pathKey(path)}>
                <TextInput value={value[kind]?.[key] === undefined ? '' : String(value[kind]?.[key])} mono disabled={props.disabled} ariaLabel={`${key} ${kind}`} onChange={(t) => set(kind, key, t === '' ? undefined : t)} />
                <FieldMessages problems={index.at(path)} />
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
