import { useState } from 'react';
import { SubmitArgoAnswer } from '@podflow/core';
import type { z } from 'zod';
import { request } from '../api/client';
import { ApiError } from '../api/api-error';
import styles from './ArgoSubmit.module.css';
import formCss from '../inspector/form/form.module.css';

type Submitted = z.output<typeof SubmitArgoAnswer>;

/** "Submit to Argo": the saved draft, created on the cluster of the server's kubeconfig (POST …/submit-argo). */
export function ArgoSubmit(props: { workflowId: string | null; disabled: boolean }) {
  const [namespace, setNamespace] = useState('');
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; submitted: Submitted } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const submit = async () => {
    if (!props.workflowId) return;
    setState({ kind: 'busy' });
    try {
      const submitted = await request(`/api/workflows/${encodeURIComponent(props.workflowId)}/submit-argo`, SubmitArgoAnswer, { method: 'POST', body: namespace ? { namespace } : {} });
      setState({ kind: 'done', submitted });
    } catch (e) {
      setState({ kind: 'error', message: e instanceof ApiError ? e.message : String(e) });
    }
  };
  return (
    <div className={styles.inspArgoSubmit} data-testid="argo-submit">
      <label className="faint">
        Namespace{' '}
        <input className="input input-sm mono" value={namespace} placeholder="the workflow's" onChange={(e) => setNamespace(e.target.value)} data-testid="argo-submit-namespace" />
      </label>
      <button type="button" className="btn" disabled={props.disabled || !props.workflowId || state.kind === 'busy'} onClick={submit} data-testid="argo-submit-button">
        {state.kind === 'busy' ? 'Submitting…' : 'Submit to Argo'}
      </button>
      {state.kind === 'done' && (
        <span className={formCss.inspChip} data-testid="argo-submit-result">
          {state.submitted.kind} {state.submitted.name} created in {state.submitted.namespace} · follow it: <code>{state.submitted.follow}</code>
        </span>
      )}
      {state.kind === 'error' && (
        <span className={formCss.inspChip} data-testid="argo-submit-error">
          {state.message}
        </span>
      )}
    </div>
  );
}
