import { LogoMark } from '../ui/icons';
import styles from './AuthScreen.module.css';
import page from '../ui/message-page.module.css';
import { cx } from '../ui/cx';

/** Shown when the server refuses this browser (no token cookie): how to get in. */
export function AuthScreen() {
  return (
    <div className={cx(page.pageCenter, 'auth')} data-testid="auth-screen">
      <div className={page.messageCard}>
        <LogoMark size={32} />
        <h2>Open Podflow from its start-up link</h2>
        <p className="muted">
          This browser is not signed in to the Podflow server. Open the URL printed by <code>podflow serve</code> (it ends in
          <code>?token=…</code>) — for example:
        </p>
        <pre className={styles.authExample}>
          {'$ podflow serve\n'}
          <span className="faint">{'  Podflow is running at '}</span>
          {`${window.location.origin}/?token=…`}
        </pre>
        <p className="faint small">The token is kept in the server’s data directory, so the link stays the same across restarts.</p>
        <button className="btn" onClick={() => window.location.reload()}>
          Try again
        </button>
      </div>
    </div>
  );
}
