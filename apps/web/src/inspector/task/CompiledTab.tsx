import { useDeferredValue, useMemo, useState } from 'react';
import { validateCompiledPod, type WorkflowDoc } from '@podflow/core';
import { CodeEditor } from '../../monaco/LazyEditor';
import { CopyIcon, DownloadIcon } from '../../ui/icons';
import { ExportDialog } from '../../export/ExportDialog';
import { copyText } from '../../export/download';
import { compilePreview } from './compile-preview';

/** Exactly what `compile(doc, nodeId)` produces — ConfigMaps, then the Pod — read-only and live, with its diagnostics. */
export function CompiledTab(props: { doc: WorkflowDoc; nodeId?: string; task: string; modelKey: string }) {
  const doc = useDeferredValue(props.doc);
  const preview = useMemo(() => compilePreview(doc, props.nodeId, props.task), [doc, props.nodeId, props.task]);
  const [exporting, setExporting] = useState(false);
  const [copied, setCopied] = useState(false);

  if (!preview.ok) {
    return (
      <div className="insp-compiled-tab" data-testid="compiled-tab">
        <div className="insp-callout error">This node cannot be compiled: {preview.message}</div>
      </div>
    );
  }
  const { compiled } = preview;
  const containers = compiled.pod.spec?.containers?.length ?? 0;
  const inits = compiled.pod.spec?.initContainers?.length ?? 0;
  const diagnostics = validateCompiledPod(doc, compiled);
  return (
    <div className="insp-compiled-tab" data-testid="compiled-tab">
      <div className="insp-yaml-toolbar">
        <span className="insp-yaml-title">
          {compiled.configMaps.length} ConfigMap{compiled.configMaps.length === 1 ? '' : 's'} · Pod <span className="mono">{compiled.pod.metadata?.name}</span>
          <span className="faint">
            {' '}
            · {containers} container{containers === 1 ? '' : 's'}
            {inits ? `, ${inits} init` : ''}
          </span>
        </span>
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          data-testid="compiled-copy"
          onClick={async () => {
            await copyText(preview.yaml);
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          }}
        >
          <CopyIcon size={13} /> {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="btn btn-sm" data-testid="compiled-export" onClick={() => setExporting(true)}>
          <DownloadIcon size={13} /> Export…
        </button>
      </div>
      {preview.synthetic && <div className="insp-callout info">No node invokes this task; shown as a node invoking it would compile (dynamic tasks compile each call this way at run time).</div>}
      <div className="insp-editor-wrap">
        <CodeEditor path={`file:///compiled/${props.modelKey}.yaml`} language="yaml" value={preview.yaml} readOnly ariaLabel="Compiled Kubernetes objects" testId="compiled-editor" />
      </div>
      {diagnostics.length > 0 && (
        <ul className="insp-problem-list compiled" data-testid="compiled-diagnostics">
          {diagnostics.map((d, i) => (
            <li key={i} className={d.severity}>
              <span className="insp-problem-code">{d.code}</span> {d.message}
            </li>
          ))}
        </ul>
      )}
      {exporting && <ExportDialog doc={props.doc} nodeId={props.nodeId} onClose={() => setExporting(false)} />}
    </div>
  );
}
