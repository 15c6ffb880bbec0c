import styles from './Tabs.module.css';
import { cx } from '../ui/cx';
import formCss from './form/form.module.css';
export interface TabSpec<T extends string> {
  id: T;
  label: string;
  badge?: { count: number; level: 'error' | 'warning' | 'info' };
}

/** The inspector's tab bar; a badge counts the problems each tab shows. */
export function Tabs<T extends string>(props: { tabs: readonly TabSpec<T>[]; active: T; onChange: (id: T) => void; testIdPrefix: string }) {
  return (
    <div className={styles.inspTabs} role="tablist">
      {props.tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={props.active === t.id}
          className={cx(styles.inspTab, props.active === t.id && styles.active)}
          data-testid={`${props.testIdPrefix}-${t.id}`}
          onClick={() => props.onChange(t.id)}
        >
          {t.label}
          {t.badge && <span className={cx(formCss.inspTabBadge, `tone-${t.badge.level}`)} data-level={t.badge.level}>{t.badge.count}</span>}
        </button>
      ))}
    </div>
  );
}
