import { formatPyType, type PyType, type TaskSignature } from '@podflow/core';
import styles from './SignatureStrip.module.css';
import { cx } from '../../ui/cx';

const typeVar = (t: PyType): string => {
  const k = t.kind === 'optional' ? t.of.kind : t.kind;
  return k === 'int' || k === 'float' || k === 'str' || k === 'bool' || k === 'list' || k === 'dict' ? `var(--type-${k})` : 'var(--type-any)';
};

/** The ports the canvas shows for this task, read live from the code's signature. */
export function SignatureStrip({ signature, mapped }: { signature: TaskSignature | undefined; mapped?: readonly string[] }) {
  if (!signature) return <div className={cx(styles.inspSignature, 'muted')}>No signature yet — define the task’s function.</div>;
  return (
    <div className={styles.inspSignature} data-testid="code-signature">
      <span className={styles.inspSigGroup}>
        {signature.inputs.length === 0 && <span className="faint">no inputs</span>}
        {signature.inputs.map((i) => (
          <span key={i.name} className={styles.inspPort} title={`${i.name}: ${formatPyType(i.type)}${i.optional ? ` = ${i.defaultText ?? ''}` : ''}`} data-testid={`port-in-${i.name}`}>
            <span className={styles.inspPortDot} style={{ background: typeVar(i.type) }} />
            <span className="mono">{i.name}</span>
            <span className="faint mono">{mapped?.includes(i.name) ? `list[${formatPyType(i.type)}]` : formatPyType(i.type)}</span>
            {i.optional && <span className="faint">?</span>}
          </span>
        ))}
      </span>
      <span className="insp-sig-arrow faint">→</span>
      <span className={styles.inspSigGroup}>
        {signature.outputs.length === 0 && <span className="faint">no outputs</span>}
        {signature.outputs.map((o) => (
          <span key={o.name} className={styles.inspPort} data-testid={`port-out-${o.name}`}>
            <span className={styles.inspPortDot} style={{ background: typeVar(o.type) }} />
            <span className="mono">{o.name}</span>
            <span className="faint mono">{mapped?.length ? `list[${formatPyType(o.type)}]` : formatPyType(o.type)}</span>
          </span>
        ))}
      </span>
    </div>
  );
}
