import { useState } from 'react';
import { describeQuantity, joinQuantity, splitQuantity, type QuantityValue, type ResourceKind } from '@podflow/core';
import styles from './QuantityInput.module.css';
import { cx } from '../../ui/cx';
import formCss from './form.module.css';

/**
 * A quantity as an amount and a unit: `100` + `Mi`. Typing a suffix into the box (`2Gi`) wins over the select;
 * a value written in another form (`1e9`) is shown whole and kept as written until edited.
 */
export function QuantityInput(props: {
  id?: string;
  value: QuantityValue | undefined;
  kind: ResourceKind;
  onChange: (value: string | undefined) => void;
  disabled?: boolean;
  invalid?: boolean;
  testId?: string;
  ariaLabel?: string;
  placeholder?: string;
}) {
  const split = splitQuantity(props.value, props.kind);
  const [draft, setDraft] = useState<string | null>(null);
  const [unitChoice, setUnitChoice] = useState<string | null>(null);
  const unit = props.value === undefined ? unitChoice ?? split.unit : split.unit;
  const amount = draft ?? split.amount;
  const hint = props.value !== undefined ? describeQuantity(props.value, props.kind.key === 'ephemeral-storage' ? 'memory' : props.kind.key) : undefined;
  const showUnits = props.kind.units.length > 1 || props.kind.units[0]!.suffix !== '';
  return (
    <div className={formCss.inspQuantity} title={hint}>
      <input
        id={props.id}
        className={cx('input', formCss.inspInput, 'mono', props.invalid && 'invalid')}
        value={amount}
        disabled={props.disabled}
        placeholder={props.placeholder ?? ''}
        inputMode="decimal"
        aria-label={props.ariaLabel}
        data-testid={props.testId}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => {
          setDraft(e.target.value);
          props.onChange(joinQuantity(e.target.value, unit));
        }}
        onBlur={() => setDraft(null)}
      />
      {showUnits ? (
        <select
          className={cx('input', styles.inspUnit)}
          value={props.kind.units.some((u) => u.suffix === unit) ? unit : ''}
          disabled={props.disabled}
          aria-label={props.ariaLabel ? `${props.ariaLabel} unit` : 'unit'}
          data-testid={props.testId ? `${props.testId}-unit` : undefined}
          onChange={(e) => {
            setUnitChoice(e.target.value);
            if (amount.trim() !== '') props.onChange(joinQuantity(/^[+-]?[\d.]*$/.test(amount.trim()) ? amount : split.amount.replace(/[^\d.+-]+$/, ''), e.target.value));
          }}
        >
          {props.kind.units.map((u) => (
            <option key={u.suffix} value={u.suffix}>
              {u.label}
            </option>
          ))}
        </select>
      ) : (
        <span className={styles.inspUnitStatic}>{props.kind.units[0]!.label}</span>
      )}
    </div>
  );
}
