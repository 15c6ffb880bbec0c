import { useDeferredValue, useMemo, useState } from 'react';
import { validateCompiledPod, type WorkflowDoc } from '@podflow/core';
import { CopyIcon, DownloadIcon } from '../../ui/icons';
import { ExportDialog } from '../../export/ExportDialog';
import { copyText } from '../../export/download';
import { ExportSections } from '../../export/ExportSections';
import { podSections } from '../../export/export-content';
import { compilePreview } from './compile-preview';
import formCss from '../form/form.module.css';
import { cx } from '../../ui/cx';

/**
 * Exactly what `compile(doc, nodeId)` produces, read-only and live, with its diagnostics: the Pod first, each
 * ConfigMap collapsed under its name (Copy gives the file as kubectl takes it, ConfigMaps first).
 */
export function CompiledTab(props: { doc: WorkflowDoc; nodeId?: string; task: string; modelKey: string }) {
  const doc = useDeferredValue(props.doc);
  const preview = useMemo(() => compilePreview(doc, props.nodeId, props.task), [doc, props.nodeId, props.task]);
  const [exporting, setExporting] = useState(false);
  const [copied, setCopied] = useState(false);

  if (!preview.ok) {
    return (
      <div className={formCss.inspCompiledTab} data-testid="compiled-tab">
        <div className={cx(formCss.inspCallout, formCss.strong, 'tone-error')}>This node cannot be compiled: {preview.message}</div>
      </div>
    );
  }
  const { compiled } = preview;
  const containers = compiled.pod.spec?.containers?.length ?? 0;
  const inits = compiled.pod.spec?.initContainers?.length ?? 0;
  const diagnostics = validateCompiledPod(doc, compiled);
  return (
    <div className={formCss.inspCompiledTab} data-testid="compiled-tab">
      <div className={formCss.inspYamlToolbar}>
        <span className={formCss.inspYamlTitle}>
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
      {preview.synthetic && <div className={formCss.inspCallout}>No node invokes this task; shown as a node invoking it would compile (dynamic tasks compile each call this way at run time).</div>}
      <div className={cx(formCss.inspEditorWrap, 'insp-compiled-sections')} data-testid="compiled-editor">
        <ExportSections sections={podSections([compiled])} path={`file:///compiled/${props.modelKey}.yaml`} />
      </div>
      {diagnostics.length > 0 && (
        <ul className={cx(formCss.inspProblemList, formCss.compiled)} data-testid="compiled-diagnostics">
          {diagnostics.map((d, i) => (
            <li key={i} className={`tone-${d.severity}`}>
              <span className={formCss.inspProblemCode}>{d.code}</span> {d.message}
            </li>
          ))}
        </ul>
      )}
      {exporting && <ExportDialog doc={props.doc} nodeId={props.nodeId} onClose={() => setExporting(false)} />}
    </div>
  );
}

