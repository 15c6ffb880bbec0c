import { useId, useState } from 'react';
import styles from './KubeApiLimits.module.css';

export interface KubeApiLimitsProps {
  qps: string;
  burst: string;
  onQps(value: string): void;
  onBurst(value: string): void;
  errors: { qps?: string | undefined; burst?: string | undefined };
}

/**
 * The run dialog's advanced Kubernetes settings: the executor's client-side limit of API calls, as kubectl's and
 * `podflow run`'s `--kube-api-qps` / `--kube-api-burst` (empty: automatic — none when the API server has Priority and Fairness, else 50 and 100). Folded away until opened;
 * open while a value is set or refused.
 */
export function KubeApiLimits({ qps, burst, onQps, onBurst, errors }: KubeApiLimitsProps) {
  const [open, setOpen] = useState(qps !== '' || burst !== '');
  const shown = open || !!errors.qps || !!errors.burst;
  const id = useId();
  return (
    <div className={styles.advanced}>
      <button type="button" className={styles.toggle} aria-expanded={shown} aria-controls={`${id}-body`} onClick={() => setOpen(!shown)} data-testid="k8s-advanced">
        <span className={styles.chevron} aria-hidden="true">
          {shown ? '▾' : '▸'}
        </span>
        Advanced: API rate limit{!shown && (qps !== '' || burst !== '') ? ` (${qps || '50'}/s, burst ${burst || '100'})` : ''}
      </button>
      {shown && (
        <div id={`${id}-body`} className={styles.body}>
          <label className="field">
            <span className="field-label">API calls a second (QPS)</span>
            <input
              className={`input${errors.qps ? ' invalid' : ''}`}
              inputMode="decimal"
              value={qps}
              placeholder="50"
              onChange={(e) => onQps(e.target.value)}
              aria-invalid={!!errors.qps}
              aria-describedby={errors.qps ? `${id}-qps-error` : `${id}-hint`}
              data-testid="k8s-qps"
            />
            {errors.qps && (
              <span className="field-error" id={`${id}-qps-error`}>
                {errors.qps}
              </span>
            )}
          </label>
          <label className="field">
            <span className="field-label">Burst</span>
            <input
              className={`input${errors.burst ? ' invalid' : ''}`}
              inputMode="numeric"
              value={burst}
              placeholder="100"
              onChange={(e) => onBurst(e.target.value)}
              aria-invalid={!!errors.burst}
              aria-describedby={errors.burst ? `${id}-burst-error` : `${id}-hint`}
              data-testid="k8s-burst"
            />
            {errors.burst && (
              <span className="field-error" id={`${id}-burst-error`}>
                {errors.burst}
              </span>
            )}
          </label>
          <p id={`${id}-hint`} className={styles.hint}>
            The executor&apos;s own limit on calls to the Kubernetes API server, as kubectl&apos;s <code>--kube-api-qps</code> and{' '}
            <code>--kube-api-burst</code>. 0 calls a second: no limit. Leave both empty to let the server limit: no client-side limit when it has API Priority and
            Fairness (Kubernetes 1.20 and later), else 50 and 100.
          </p>
        </div>
      )}
    </div>
  );
}
