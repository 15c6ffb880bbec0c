import { XIcon } from '../../ui/icons';
import type { Path } from '../model/immutable';
import { pathKey } from '../model/paths';
import { FieldMessages, TextInput } from './fields';
import { useProblems } from './problems';
import { ListHeader } from './Section';
import styles from './StringListEditor.module.css';
import formCss from './form.module.css';

/** A list of strings (command, args), one input per item. Emptying the list removes the field. */
export function StringListEditor(props: {
  label: string;
  value: readonly string[] | undefined;
  path: Path;
  onChange: (next: string[] | undefined) => void;
  placeholder?: string;
  disabled?: boolean;
  addLabel?: string;
  testId?: string;
}) {
  const items = Array.isArray(props.value) ? props.value : [];
  const index = useProblems();
  const set = (next: string[]) => props.onChange(next.length ? next : undefined);
  return (
    <div className={formCss.inspStrings} data-path={pathKey(props.path)} data-testid={props.testId}>
      <ListHeader label={props.label} onAdd={props.disabled ? undefined : () => set([...items, ''])} addLabel={props.addLabel} testId={props.testId ? `${props.testId}-add` : undefined} />
      {items.map((item, i) => (
        <div key={i} className={formCss.inspStringRow} data-path={pathKey([...props.path, i])}>
          <div className={formCss.inspKvInputs}>
            <span className={styles.inspIndex}>{i}</span>
            <TextInput
              value={typeof item === 'string' ? item : JSON.stringify(item)}
              mono
              disabled={props.disabled}
              placeholder={props.placeholder}
              ariaLabel={`${props.label} ${i}`}
              testId={props.testId ? `${props.testId}-${i}` : undefined}
              onChange={(text) => set(items.map((x, j) => (j === i ? text : x)))}
            />
            {!props.disabled && (
              <button type="button" className="icon-btn sm" aria-label={`Remove ${props.label} ${i}`} onClick={() => set(items.filter((_, j) => j !== i))}>
                <XIcon size={13} />
              </button>
            )}
          </div>
          <FieldMessages problems={index.at([...props.path, i])} />
        </div>
      ))}
      {items.length === 0 && <div className={formCss.inspEmpty}>{props.disabled ? 'Not set' : 'None — the image default applies'}</div>}
    </div>
  );
}
