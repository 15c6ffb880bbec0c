import { useMemo, useState } from 'react';
import { nodesOf, type WorkflowDoc } from '@podflow/core';
import { Dialog } from '../ui/Dialog';
import { CopyIcon, DownloadIcon } from '../ui/icons';
import { useEditorStore } from '../store/editor-store';
import { copyText, downloadText } from './download';
import { exportContent, nodePorts } from './export-content';
import { EXPORT_FORMATS, scopeOf, type ExportFormat } from './export-formats';
import { ExportSections } from './ExportSections';
import { ArgoSubmit } from './ArgoSubmit';
import styles from './ExportDialog.module.css';
import { cx } from '../ui/cx';
import formCss from '../inspector/form/form.module.css';

/**
 * Export: pods (every node, or one node with its inputs typed in, which gives a pod that runs on its own), the whole
 * workflow as an Argo Workflow (refusals shown before download, and Submit to Argo), or the `.podflow.yaml` file.
 */
export function ExportDialog(props: { doc: WorkflowDoc; nodeId?: string; onClose: () => void }) {
  const [format, setFormat] = useState<ExportFormat['id']>('pods');
  const [nodeId, setNodeId] = useState<string | undefined>(props.nodeId);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const workflowId = useEditorStore((s) => s.workflowId);
  const scope = scopeOf(format, nodeId);
  const content = useMemo(() => exportContent(props.doc, scope, nodeId, { inputs: typed }), [props.doc, scope, nodeId, typed]);
  const ports = useMemo(() => (scope === 'node' && nodeId ? nodePorts(props.doc, nodeId) : []), [props.doc, scope, nodeId]);
  const [copied, setCopied] = useState(false);
  const info = EXPORT_FORMATS.find((f) => f.id === format)!;
  const blocked = !content.text || content.refused;
  return (
    <Dialog
      title="Export"
      description={info.description}
      onClose={props.onClose}
      width={900}
      testId="export-dialog"
      footer={
        <>
          <span className={cx(styles.inspExportFile, 'faint', 'mono')} data-testid="export-filename">
            {content.filename}
          </span>
          {format === 'argo' && <ArgoSubmit workflowId={workflowId} disabled={blocked} />}
          <button
            type="button"
            className="btn"
            data-testid="export-copy"
            disabled={blocked}
            onClick={async () => {
              await copyText(content.text);
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            }}
          >
            <CopyIcon size={14} /> {copied ? 'Copied' : 'Copy'}
          </button>
          <button type="button" className="btn btn-primary" data-testid="export-download" disabled={blocked} onClick={() => downloadText(content.filename, content.text)}>
            <DownloadIcon size={14} /> Download
          </button>
        </>
      }
    >
      <div className={styles.inspExport}>
        <div className={formCss.inspSegmented} role="radiogroup" aria-label="Format">
          {EXPORT_FORMATS.map((f) => (
            <button key={f.id} type="button" role="radio" aria-checked={format === f.id} className={format === f.id ? formCss.active : undefined} data-testid={`export-format-${f.id}`} onClick={() => setFormat(f.id)}>
              <span>{f.label}</span>
              <span className="faint">{f.hint}</span>
            </button>
          ))}
        </div>
        {format === 'pods' && (
          <div className={styles.inspExportNode}>
            <label>
              Node{' '}
              <select
                className="input input-sm"
                value={nodeId ?? ''}
                data-testid="export-node"
                onChange={(e) => {
                  setNodeId(e.target.value || undefined);
                  setTyped({});
                }}
              >
                <option value="">Every node (one file)</option>
                {nodesOf(props.doc).map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.id}
                  </option>
                ))}
              </select>
            </label>
            {ports.map((p) => (
              <label key={p.name} className={styles.inspExportInput}>
                <span className="mono">{p.name}</span>
                <span className="faint mono">
                  {p.type}
                  {p.mapped ? ' (one item)' : ''}
                  {p.optional ? ' = default' : ''}
                </span>
                <input className="input input-sm mono" value={typed[p.name] ?? ''} placeholder={p.type === 'str' ? 'text' : 'JSON'} data-testid={`export-input-${p.name}`} onChange={(e) => setTyped({ ...typed, [p.name]: e.target.value })} />
              </label>
            ))}
          </div>
        )}
        <div className={styles.inspExportSummary}>
          <span data-testid="export-summary">{content.summary}</span>
          {content.errors > 0 && !content.refused && (
            <span className={cx(formCss.inspChip, 'tone-warning')}>
              {content.errors} error{content.errors === 1 ? '' : 's'} — see the problems panel
            </span>
          )}
        </div>
        {content.unknownInputs.length > 0 && (
          <div className={cx(formCss.inspCallout, formCss.strong, 'tone-warning')} data-testid="export-not-runnable">
            Preview, not runnable as is: {content.unknownInputs.join('; ')}.{scope === 'node' ? ' Type the inputs above to get a pod that runs with kubectl apply.' : ' Choose a node and type its inputs to get a pod that runs.'}
          </div>
        )}
        {content.diagnostics.length > 0 && (
          <ul className={cx(formCss.inspProblemList, formCss.compiled)} data-testid="export-diagnostics">
            {content.diagnostics.map((d, i) => (
              <li key={i} className={`tone-${d.severity}`}>
                <span className={formCss.inspProblemCode}>{d.code}</span> {d.nodeId ? <code>{d.nodeId}</code> : null} {d.message}
              </li>
            ))}
          </ul>
        )}
        {content.failures.map((f) => (
          <div key={f.nodeId} className={cx(formCss.inspCallout, formCss.strong, 'tone-error')}>
            Node <code>{f.nodeId}</code> left out: {f.message}
          </div>
        ))}
        {!content.refused && <ExportSections sections={content.sections} path={scope === 'flytekit' ? 'file:///export/flytekit.py' : `file:///export/${scope}.yaml`} language={scope === 'flytekit' ? 'python' : 'yaml'} />}
      </div>
    </Dialog>
  );
}
