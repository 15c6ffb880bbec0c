import { formatIssue, type ParseIssue } from '@podflow/core';
import { Dialog } from '../ui/Dialog';
import { ErrorIcon } from '../ui/icons';
import styles from './ImportErrorDialog.module.css';
import { cx } from '../ui/cx';

/** A file that is not a valid workflow: what is wrong and where (line:column, field path). Nothing was changed. */
export function ImportErrorDialog({ fileName, issues, onClose }: { fileName: string; issues: ParseIssue[]; onClose: () => void }) {
  return (
    <Dialog
      title={`Cannot import ${fileName}`}
      description="The file is not a valid Podflow workflow, so nothing was imported and the open workflow was not changed."
      onClose={onClose}
      width={600}
      testId="import-error-dialog"
      footer={
        <button className="btn btn-primary" onClick={onClose}>
          OK
        </button>
      }
    >
      <ul className={styles.issueList} data-testid="import-issues">
        {issues.slice(0, 20).map((issue, i) => (
          <li key={i} className={styles.issue}>
            <ErrorIcon size={14} className={styles.issueIcon} />
            {issue.line !== undefined && (
              <span className={cx(styles.issueLine, 'mono')} data-testid="issue-line">
                line {issue.line}
                {issue.col !== undefined ? `:${issue.col}` : ''}
              </span>
            )}
            {issue.path && <span className={cx(styles.issuePath, 'mono')}>{issue.path}</span>}
            <span className={styles.issueMessage}>{issue.message}</span>
          </li>
        ))}
        {issues.length > 20 && <li className="faint">…and {issues.length - 20} more</li>}
      </ul>
      <details className={styles.issueRaw}>
        <summary>As text</summary>
        <pre>{issues.map(formatIssue).join('\n')}</pre>
      </details>
    </Dialog>
  );
}
