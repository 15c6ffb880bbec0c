import { Dialog } from '../ui/Dialog';
import { allCommands } from '../commands/all-commands';
import { comboParts, isMac } from '../commands/key-combo';
import styles from './ShortcutsDialog.module.css';
import { cx } from '../ui/cx';

/** Pointer gestures, listed with the commands' keys. Each alternative is a list of keycaps. */
const GESTURES: { group: string; label: string; alternatives: string[][] }[] = [
  { group: 'Canvas', label: 'Connect', alternatives: [['Drag an output to an input']] },
  { group: 'Canvas', label: 'Select several', alternatives: [['Shift', 'Click']] },
  { group: 'Canvas', label: 'Box-select', alternatives: [['Drag on empty canvas']] },
  { group: 'Canvas', label: 'Pan', alternatives: [['Scroll'], ['Space', 'Drag']] },
  { group: 'Canvas', label: 'Zoom', alternatives: [[isMac ? '⌘' : 'Ctrl', 'Scroll']] },
];

/** Every keyboard shortcut, read from the commands themselves (so the list cannot drift from what the keys do). */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const groups = new Map<string, { label: string; alternatives: string[][] }[]>();
  const add = (group: string, row: { label: string; alternatives: string[][] }) => groups.set(group, [...(groups.get(group) ?? []), row]);
  for (const c of allCommands) if (c.keys?.length) add(c.group, { label: c.label, alternatives: c.keys.map((k) => comboParts(k)) });
  for (const g of GESTURES) add(g.group, g);
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} width={760} testId="shortcuts-dialog">
      <div className={styles.shortcutColumns}>
        {[...groups].map(([group, rows]) => (
          <section key={group} className={styles.shortcutGroup}>
            <h3>{group}</h3>
            <dl>
              {rows.map((r) => (
                <div className={styles.shortcutRow} key={r.label}>
                  <dt>{r.label}</dt>
                  <dd>
                    {r.alternatives.map((parts, i) => (
                      <span key={i} className={styles.combo}>
                        {i > 0 && <span className={cx('faint', styles.or)}>or</span>}
                        {parts.map((p, j) => (
                          <kbd key={j}>{p}</kbd>
                        ))}
                      </span>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
