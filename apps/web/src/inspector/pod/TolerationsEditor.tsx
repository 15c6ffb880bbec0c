import type { Toleration } from 'kubernetes-types/core/v1';
import { XIcon } from '../../ui/icons';
import type { Path } from '../model/immutable';
import { pathKey } from '../model/paths';
import { FieldMessages, NumberInput, Select, TextInput, labelled } from '../form/fields';
import { useProblems } from '../form/problems';
import { ListHeader } from '../form/Section';
import formCss from '../form/form.module.css';

const OPERATORS = [
  { value: 'Equal', label: 'Equal' },
  { value: 'Exists', label: 'Exists' },
] as const;
const EFFECTS = [
  { value: '', label: 'Any effect' },
  { value: 'NoSchedule', label: 'NoSchedule' },
  { value: 'PreferNoSchedule', label: 'PreferNoSchedule' },
  { value: 'NoExecute', label: 'NoExecute' },
] as const;

function without<T extends object>(obj: T, key: keyof T): T {
  const { [key]: _drop, ...rest } = obj;
  return rest as T;
}

/** Taints the pod tolerates: key, operator, value, effect (and for NoExecute, how long). */
export function TolerationsEditor(props: { value: unknown; path: Path; onChange: (next: Toleration[] | undefined) => void }) {
  const items = Array.isArray(props.value) ? (props.value as Toleration[]) : [];
  const index = useProblems();
  const set = (next: Toleration[]) => props.onChange(next.length ? next : undefined);
  const update = (i: number, t: Toleration) => set(items.map((x, j) => (j === i ? t : x)));
  return (
    <div className={formCss.inspRows} data-path={pathKey(props.path)}>
      <ListHeader label="Tolerations" onAdd={() => set([...items, { key: '', operator: 'Equal', value: '', effect: 'NoSchedule' }])} addLabel="Add toleration" testId="tolerations-add" />
      {items.length === 0 && <div className={formCss.inspEmpty}>No tolerations</div>}
      {items.map((t, i) => {
        const p = [...props.path, i];
        const problems = (['key', 'operator', 'value', 'effect', 'tolerationSeconds'] as const).flatMap((f) => labelled({ key: 'Key', operator: 'Operator', value: 'Value', effect: 'Effect', tolerationSeconds: 'Seconds' }[f], index.at([...p, f])));
        const exists = t.operator === 'Exists';
        return (
          <div key={i} className={formCss.inspRowCard} data-path={pathKey(p)}>
            <div className={formCss.inspRowLine}>
              <TextInput value={t.key} mono placeholder="key (empty: any)" ariaLabel="Taint key" testId={`toleration-${i}-key`} onChange={(key) => update(i, key ? { ...t, key } : without(t, 'key'))} />
              <Select value={t.operator ?? 'Equal'} options={OPERATORS} className={formCss.inspNarrow} ariaLabel="Operator" onChange={(operator) => update(i, operator === 'Exists' ? { ...without(t, 'value'), operator } : { ...t, operator })} />
              <TextInput value={t.value} mono placeholder={exists ? '—' : 'value'} disabled={exists} ariaLabel="Taint value" onChange={(value) => update(i, value ? { ...t, value } : without(t, 'value'))} />
              <button type="button" className="icon-btn sm" aria-label="Remove toleration" onClick={() => set(items.filter((_, j) => j !== i))}>
                <XIcon size={13} />
              </button>
            </div>
            <div className={formCss.inspRowLine}>
              <Select value={(t.effect ?? '') as ''} options={EFFECTS} ariaLabel="Effect" onChange={(effect) => update(i, effect ? { ...t, effect } : without(t, 'effect'))} />
              {t.effect === 'NoExecute' && (
                <NumberInput value={t.tolerationSeconds} integer min={0} placeholder="seconds (forever)" ariaLabel="Toleration seconds" onChange={(s) => update(i, s === undefined ? without(t, 'tolerationSeconds') : { ...t, tolerationSeconds: s })} />
              )}
            </div>
            <FieldMessages problems={problems} />
          </div>
        );
      })}
    </div>
  );
}
