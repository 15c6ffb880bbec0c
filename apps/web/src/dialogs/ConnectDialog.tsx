import { useMemo } from 'react';
import { useEditorStore } from '../store/editor-store';
import { applyConnection } from '../canvas/apply-connection';
import { useCanvasView } from '../canvas/canvas-view-store';
import { connectionChoices, type ConnectionTarget, type PortChoice } from '../canvas/connection-choices';
import { Dialog } from '../ui/Dialog';
import { toast } from '../ui/toasts';
import styles from './ConnectDialog.module.css';
import { cx } from '../ui/cx';

/**
 * Connecting with the keyboard: the selected item's ports, each with the ends it may be connected to (checked as a
 * drag is). Tab to a target and press Enter: the connection is made (one undo step) and the dialog closes.
 */
export function ConnectDialog(props: { id: string; onClose: () => void }) {
  const doc = useEditorStore((s) => s.doc);
  const ports = useMemo(() => (doc ? connectionChoices(doc, props.id) : []), [doc, props.id]);
  const name = props.id.replace(/^(input|output):/, '');
  const connect = (port: PortChoice, target: ConnectionTarget) => {
    let reason: string | undefined;
    useEditorStore.getState().apply((d) => {
      const r = applyConnection(d, target.connection, useCanvasView.getState().pendingOutputs);
      if (!r.ok) reason = r.reason;
      return r.ok ? r.doc : d;
    }, 'Connect');
    if (reason) return toast(reason, 'error');
    toast(port.side === 'out' ? `Connected ${name} · ${port.name} → ${target.label}` : `Connected ${target.label} → ${name} · ${port.name}`, 'success');
    props.onClose();
  };
  return (
    <Dialog title={`Connect ${name}`} description="Choose a port, then what to connect it to. Only ends whose types fit are listed." onClose={props.onClose} width={520} testId="connect-dialog">
      {ports.length === 0 ? (
        <p className="faint">This item has no ports.</p>
      ) : (
        <div className={styles.connectPorts}>
          {ports.map((port) => (
            <section key={`${port.side}:${port.name}`} aria-label={`${port.side === 'out' ? 'Output' : 'Input'} ${port.name}`}>
              <h3 className={styles.connectPortTitle}>
                <span className="faint">{port.side === 'out' ? 'Output' : 'Input'}</span> <span className="mono">{port.name}</span> <span className="mono faint">{port.typeText}</span>
                <span className="faint"> {port.side === 'out' ? '→' : '←'}</span>
              </h3>
              {port.targets.length === 0 ? (
                <p className={cx('faint', styles.connectNone)}>Nothing on the canvas fits this port.</p>
              ) : (
                <ul className={styles.connectTargets}>
                  {port.targets.map((t) => (
                    <li key={`${t.connection.source}.${t.connection.sourceHandle}>${t.connection.target}.${t.connection.targetHandle}`}>
                      <button type="button" className={styles.connectTarget} onClick={() => connect(port, t)} data-testid={`connect-${port.name}-to-${t.label.replace(/[^A-Za-z0-9_]+/g, '-')}`}>
                        <span className="mono">{t.label}</span>
                        {t.typeText && <span className="mono faint">{t.typeText}</span>}
                        {t.warning && <span className={styles.connectWarning}>{t.warning}</span>}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </div>
      )}
    </Dialog>
  );
}
