import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { PreflightAnswer } from '@podflow/core';
import { workflowsApi } from '../api/workflows-api';
import { setClusterDiagnostics } from '../problems/diagnostics-store';
import { useUiStore } from '../ui/ui-store';
import { runUi } from './run-store';
import styles from './ClusterCheck.module.css';
import runCss from './run.module.css';

/**
 * "Check against cluster" in the run dialog (issue #17 §3): the saved draft checked against the live cluster — dry
 * runs, referenced Secrets/ConfigMaps/PVCs, node selectors and taints, RBAC. It runs by itself when the dialog shows
 * the Kubernetes executor (and again when the context or namespace settles); its diagnostics join Problems and the
 * nodes' badges.
 */
export function ClusterCheck({ workflowId, context, namespace, onShowProblems }: { workflowId: string; context: string; namespace: string; onShowProblems: () => void }) {
  const settled = useSettled(`${context.trim()}\u0000${namespace.trim()}`, 600);
  const [ctx, ns] = settled.split('\u0000') as [string, string];
  const check = useQuery({
    queryKey: ['preflight', workflowId, ctx, ns],
    queryFn: ({ signal }) => workflowsApi.preflight(workflowId, { ...(ctx ? { context: ctx } : {}), ...(ns ? { namespace: ns } : {}) }, signal),
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
  useEffect(() => {
    if (check.data) setClusterDiagnostics(check.data.diagnostics);
  }, [check.data]);

  return (
    <div className={styles.runClusterCheck} data-testid="cluster-check">
      <button type="button" className="btn btn-sm" onClick={() => void check.refetch()} disabled={check.isFetching} data-testid="check-cluster">
        {check.isFetching ? 'Checking…' : 'Check against cluster'}
      </button>
      <div className={runCss.runClusterCheckResult} aria-live="polite">
        {check.isFetching ? (
          <span className="muted">Asking the cluster (dry runs, objects, nodes, access)…</span>
        ) : check.error ? (
          <span className="field-error">{(check.error as Error).message}</span>
        ) : check.data ? (
          <Summary answer={check.data} onShowProblems={onShowProblems} />
        ) : null}
      </div>
    </div>
  );
}

function Summary({ answer, onShowProblems }: { answer: PreflightAnswer; onShowProblems: () => void }) {
  const errors = answer.diagnostics.filter((d) => d.severity === 'error');
  const warnings = answer.diagnostics.filter((d) => d.severity === 'warning');
  const where = `namespace ${answer.namespace} at ${answer.server}`;
  if (errors.length === 0) {
    return (
      <span data-testid="cluster-check-ok">
        <b className={runCss.ok}>The cluster would accept it</b> — {answer.counts.pods} pod{answer.counts.pods === 1 ? '' : 's'} checked in {where}
        {warnings.length > 0 && <> · {warnings.length} not checked ({warnings[0]!.message})</>}
      </span>
    );
  }
  return (
    <div data-testid="cluster-check-problems">
      <b className="bad">
        {errors.length} problem{errors.length === 1 ? '' : 's'} in {where}
      </b>
      <ul className={runCss.runIssues}>
        {errors.slice(0, 5).map((d, i) => (
          <li key={i}>
            {d.nodeId && <span className="mono">{d.nodeId}: </span>}
            {d.message}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="btn btn-sm btn-ghost"
        onClick={() => {
          onShowProblems();
          runUi.setBottomTab('problems');
          useUiStore.getState().setProblemsOpen(true);
        }}
      >
        Show problems
      </button>
    </div>
  );
}

/** `value`, once it has not changed for `ms` (so typing a namespace does not ask the cluster at every key). */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
