import { useMemo, useState } from 'react';
import type { WorkflowDoc } from '@podflow/core';
import { Dialog } from '../ui/Dialog';
import { CopyIcon, DownloadIcon } from '../ui/icons';
import { CodeEditor } from '../monaco/LazyEditor';
import { copyText, downloadText } from './download';
import { exportContent, type ExportScope } from './export-content';

/**
 * Export: the compiled Kubernetes objects of one node or of every node (multi-document YAML that `kubectl apply -f`
 * takes), the workflow itself as `.podflow.yaml`, or as a flytekit module; copied to the clipboard or downloaded.
 */
export function ExportDialog(props: { doc: WorkflowDoc; nodeId?: string; onClose: () => void }) {
  const [scope, setScope] = useState<ExportScope>(props.nodeId ? 'node' : 'all');
  const content = useMemo(() => exportContent(props.doc, scope, props.nodeId), [props.doc, scope, props.nodeId]);
  const [copied, setCopied] = useState(false);
  const scopes: { value: ExportScope; label: string; hint: string }[] = [
    ...(props.nodeId ? [{ value: 'node' as const, label: `Node ${props.nodeId}`, hint: 'Its ConfigMaps and Pod' }] : []),
    { value: 'all', label: 'Every node', hint: 'One multi-document file' },
    { value: 'workflow', label: 'Workflow file', hint: '.podflow.yaml' },
    { value: 'flytekit', label: 'flytekit', hint: 'A Python module for Flyte' },
  ];
  const description =
    scope === 'workflow' ? 'The workflow document, as kept in git and opened by Podflow.'
    : scope === 'flytekit' ? 'The workflow as a flytekit module (@task with pod_template, map_task, @dynamic), for pyflyte register.'
    : 'The exact objects Podflow creates, for kubectl apply -f.';
  return (
    <Dialog
      title="Export"
      description={description}
      onClose={props.onClose}
      width={860}
      testId="export-dialog"
      footer={
        <>
          <span className="insp-export-file faint mono" data-testid="export-filename">
            {content.filename}
          </span>
          <button
            type="button"
            className="btn"
            data-testid="export-copy"
            disabled={!content.text}
            onClick={async () => {
              await copyText(content.text);
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            }}
          >
            <CopyIcon size={14} /> {copied ? 'Copied' : 'Copy'}
          </button>
          <button type="button" className="btn btn-primary" data-testid="export-download" disabled={!content.text} onClick={() => downloadText(content.filename, content.text)}>
            <DownloadIcon size={14} /> Download
          </button>
        </>
      }
    >
      <div className="insp-export">
        <div className="insp-segmented" role="radiogroup" aria-label="What to export">
          {scopes.map((s) => (
            <button key={s.value} type="button" role="radio" aria-checked={scope === s.value} className={scope === s.value ? 'active' : ''} data-testid={`export-scope-${s.value}`} onClick={() => setScope(s.value)}>
              <span>{s.label}</span>
              <span className="faint">{s.hint}</span>
            </button>
          ))}
        </div>
        <div className="insp-export-summary">
          <span data-testid="export-summary">{content.summary}</span>
          {content.errors > 0 && (
            <span className="insp-chip warning">
              {content.errors} error{content.errors === 1 ? '' : 's'} — see the problems panel
            </span>
          )}
        </div>
        {content.failures.map((f) => (
          <div key={f.nodeId} className="insp-callout error">
            Node <code>{f.nodeId}</code> left out: {f.message}
          </div>
        ))}
        <div className="insp-export-preview">
          <CodeEditor
            path={scope === 'flytekit' ? 'file:///export/flytekit.py' : `file:///export/${scope}.yaml`}
            language={scope === 'flytekit' ? 'python' : 'yaml'}
            value={content.text}
            readOnly
            ariaLabel={scope === 'flytekit' ? 'Exported flytekit module' : 'Exported YAML'}
            testId="export-preview"
          />
        </div>
      </div>
    </Dialog>
  );
}
