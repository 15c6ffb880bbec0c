import { useMemo } from 'react';
import { ErrorIcon } from '../ui/icons';
import { useRunStore, runUi } from './run-store';
import { failedExecutions } from './run-state';
import { failureSummary } from './run-format';
import { focusNode } from './focus-node';
import problemStyles from '../problems/ProblemsPanel.module.css';
import { cx } from '../ui/cx';

/**
 * The shown run's failures as entries of the problems panel: one per failed execution, with its reason (kind, exit
 * code). Clicking one selects the node on the canvas and opens its details in the run panel.
 */
export function RunProblems() {
  const run = useRunStore((s) => s.run);
  const failed = useMemo(() => (run ? failedExecutions(run) : []), [run]);
  if (failed.length === 0) return null;
  return (
    <ul className={cx(problemStyles.problemList, 'run-problems')} data-testid="run-problems">
      {failed.map((e) => (
        <li key={e.executionId}>
          <button
            className={cx(problemStyles.problem, 'tone-error')}
            onClick={() => {
              focusNode(e.nodeId);
              runUi.select(e.executionId, 'logs');
            }}
            data-testid="run-problem"
            data-execution={e.executionId}
          >
            <ErrorIcon size={14} className={problemStyles.problemIcon} />
            <span className={problemStyles.problemMessage}>
              Run failed at {e.executionId}: {failureSummary(e)}
            </span>
            <span className={cx(problemStyles.problemWhere, 'mono')}>{e.nodeId}</span>
            <span className={cx(problemStyles.problemPath, 'mono')}>run {run!.runId.slice(4, 12)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
