import { findNode, type WorkflowDoc } from '@podflow/core';
import { useEditorStore } from '../store/editor-store';
import { Dialog } from '../ui/Dialog';
import { ErrorIcon, InfoIcon, PlayIcon, XIcon } from '../ui/icons';
import { useUiStore } from '../ui/ui-store';
import { useDiagnostics } from '../problems/diagnostics-store';
import { goToDiagnostic } from '../problems/go-to-diagnostic';
import { useRunStore, runUi, type RunDialogState } from './run-store';
import type { FieldValue, InputField } from './input-form';
import { formatClock, shortRunId, STATUS_LABEL } from './run-format';
import { KubeApiLimits } from './KubeApiLimits';
import { ClusterCheck } from './ClusterCheck';
import { useRunDialog } from './useRunDialog';
import styles from './RunDialog.module.css';
import { cx } from '../ui/cx';
import runCss from './run.module.css';

/**
 * The run dialog: a form for the workflow's inputs (built from their types, defaults filled in, each mistake beside its
 * field), the executor (local, or Kubernetes with a context and namespace), and Run. The run uses a saved version:
 * unsaved edits are sent first and the server saves the draft as a version.
 *
 * In "node" mode it runs one node: Podflow's API has no route for a single node, so this is a re-run from that node
 * (`reuseFrom`): the nodes upstream reuse an earlier run's outputs when nothing about them changed, and the node and
 * everything downstream of it run again, with the workflow inputs typed here or taken from that earlier run.
 */
export function RunDialog() {
  const dialog = useRunStore((s) => s.dialog);
  const doc = useEditorStore((s) => s.doc);
  if (!dialog || !doc) return null;
  return <RunDialogBody key={dialog.mode === 'run' ? 'run' : `${dialog.mode}:${dialog.nodeId}`} dialog={dialog} doc={doc} />;
}

function RunDialogBody({ dialog, doc }: { dialog: RunDialogState; doc: WorkflowDoc }) {
  const close = () => runUi.closeDialog();
  const r = useRunDialog(dialog, doc);
  const workflowId = useEditorStore((s) => s.workflowId);
  const { nodeMode, onlyMode, nodeId, fields, values, earlier, fromRun, source, executor, context, namespace, k8sError, busy, error, errorCount } = r;
  const node = nodeId ? findNode(doc, nodeId) : undefined;
  // A node run alone is blocked only by its own problems (and its task's).
  const blocking = useDiagnostics((s) => s.list).filter((d) => d.severity === 'error' && (!onlyMode || d.nodeId === nodeId || (d.task !== undefined && d.task === node?.task)));
  return (
    <div
      onKeyDown={(e) => {
        // The editor's shortcuts stay out of the dialog (Escape is handled by the dialog itself).
        if (e.key !== 'Escape') e.stopPropagation();
      }}
    >
      <Dialog
        title={onlyMode ? `Run node ${nodeId} alone` : nodeMode ? `Run from node ${nodeId}` : `Run ${doc.metadata.name}`}
        description={
          onlyMode
            ? 'Runs only this node, with the inputs below: nothing upstream or downstream runs. Type the values, or take them from an earlier run.'
            : nodeMode
            ? 'Runs this node and everything downstream of it again. The nodes upstream are not run: their outputs are taken from the earlier run chosen here (when their code, pod and inputs did not change).'
            : 'Runs the workflow as it is now; unsaved changes are saved first, and the run keeps the version it ran.'
        }
        onClose={close}
        width={600}
        testId="run-dialog"
        footer={
          <>
            {r.submitted && errorCount > 0 && (
              <span className={cx('field-error', styles.runDialogFootnote)} data-testid="run-dialog-footnote">
                {r.missing.length > 0
                  ? `Missing ${r.missing.length === 1 ? 'input' : 'inputs'}: ${r.missing.join(', ')}${errorCount > r.missing.length ? `; fix ${errorCount - r.missing.length} more marked above` : ''}.`
                  : `Fix ${errorCount === 1 ? 'the input' : `${errorCount} inputs`} marked above.`}
              </span>
            )}
            <button className="btn" onClick={close} type="button">
              Cancel
            </button>
            <button className="btn btn-primary" type="submit" form="run-form" disabled={busy || blocking.length > 0} data-testid="run-submit">
              {busy ? <span className="spinner small" /> : <PlayIcon size={13} />}
              {onlyMode ? 'Run this node' : nodeMode ? 'Run from here' : 'Run'}
            </button>
          </>
        }
      >
        <form
          id="run-form"
          className={styles.runForm}
          onSubmit={(e) => {
            e.preventDefault();
            void r.submit();
          }}
          noValidate
        >
          {blocking.length > 0 && (
            <div className={cx(runCss.runCallout, runCss.toned, 'tone-error', runCss.runBlocking)} role="alert" data-testid="run-blocking">
              <div>
                <b>
                  {blocking.length === 1 ? 'One problem blocks' : `${blocking.length} problems block`} this run.
                </b>{' '}
                Fix {blocking.length === 1 ? 'it' : 'them'} first:
              </div>
              <ul className={runCss.runIssues}>
                {blocking.slice(0, 6).map((d, i) => (
                  <li key={i}>
                    <button
                      type="button"
                      className={styles.runBlockingLink}
                      onClick={() => {
                        close();
                        goToDiagnostic(d);
                      }}
                      data-testid="run-blocking-link"
                    >
                      <ErrorIcon size={12} />
                      {(d.nodeId ?? d.task) && <span className="mono">{d.nodeId ?? d.task}: </span>}
                      {d.message}
                    </button>
                  </li>
                ))}
              </ul>
              {blocking.length > 6 && <div className="faint">…and {blocking.length - 6} more in Problems.</div>}
            </div>
          )}

          {nodeMode && (
            <section className={styles.runFormSection}>
              <h3>Upstream outputs from</h3>
              {earlier.isLoading ? (
                <div className="faint">
                  <span className="spinner small" /> Loading runs…
                </div>
              ) : (earlier.data?.length ?? 0) === 0 ? (
                <div className="field-error">No earlier run has ended: run the whole workflow first.</div>
              ) : (
                <select className="input" value={fromRun ?? ''} onChange={(e) => r.pickSource(e.target.value)} data-testid="run-from-source" aria-label="Earlier run">
                  {!fromRun && <option value="">Choose a run…</option>}
                  {earlier.data!.map((r) => (
                    <option key={r.id} value={r.id}>
                      {shortRunId(r.id)} · v{r.version} · {STATUS_LABEL[r.status]} · {formatClock(r.startedAt ?? r.createdAt)}
                    </option>
                  ))}
                </select>
              )}
              {node && (
                <ul className={styles.runNodeBindings}>
                  {Object.entries(node.inputs ?? {}).map(([name, b]) => (
                    <li key={name}>
                      <span className="mono">{name}</span> ←{' '}
                      {'node' in b ? (
                        <>
                          output <span className="mono">{b.output}</span> of <span className="mono">{b.node}</span>, from run {source ? shortRunId(source.id) : '…'}
                        </>
                      ) : 'input' in b ? (
                        <>
                          workflow input <span className="mono">{b.input}</span> (below)
                        </>
                      ) : (
                        <>
                          the constant <span className="mono">{JSON.stringify(b.value)}</span>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}

          {onlyMode && (
            <section className={styles.runFormSection}>
              <h3>Values from</h3>
              {earlier.isLoading ? (
                <div className="faint">
                  <span className="spinner small" /> Loading runs…
                </div>
              ) : (
                <select className="input" value={fromRun ?? ''} onChange={(e) => r.pickSource(e.target.value)} data-testid="run-only-source" aria-label="Take input values from">
                  <option value="">Nothing: I type every value</option>
                  {(earlier.data ?? []).map((x) => (
                    <option key={x.id} value={x.id}>
                      run {shortRunId(x.id)} · v{x.version} · {STATUS_LABEL[x.status]} · {formatClock(x.startedAt ?? x.createdAt)}
                    </option>
                  ))}
                </select>
              )}
              {r.loadingSource && (
                <div className="faint">
                  <span className="spinner small" /> Reading that run…
                </div>
              )}
            </section>
          )}

          <section className={styles.runFormSection}>
            <h3>{onlyMode ? `Inputs of ${nodeId}` : 'Inputs'}</h3>
            {fields.length === 0 ? (
              <p className="faint">{onlyMode ? 'This node takes no inputs.' : 'This workflow has no inputs.'}</p>
            ) : (
              <div className={styles.runFields}>
                {fields.map((f) => (
                  <InputRow
                    key={f.name}
                    field={f}
                    value={values[f.name]!}
                    error={r.fieldError(f.name)}
                    onChange={(patch) => r.setField(f.name, patch)}
                    onBlur={() => r.touch(f.name)}
                  />
                ))}
              </div>
            )}
          </section>

          <section className={styles.runFormSection}>
            <h3>Executor</h3>
            <div className={cx('segmented', styles.runExecutor)} role="radiogroup" aria-label="Executor">
              {(['local', 'kubernetes'] as const).map((k) => (
                <button
                  key={k}
                  type="button"
                  role="radio"
                  aria-checked={executor === k}
                  className={executor === k ? 'active' : undefined}
                  onClick={() => r.setExecutor(k)}
                  data-testid={`executor-${k}`}
                >
                  {k === 'local' ? 'Local (this machine)' : 'Kubernetes'}
                </button>
              ))}
            </div>
            {executor === 'kubernetes' && (
              <div className={styles.runK8s}>
                <label className="field">
                  <span className="field-label">Context</span>
                  <input className={`input${k8sError ? ' invalid' : ''}`} value={context} onChange={(e) => r.setContext(e.target.value)} placeholder="kubeconfig's current context" data-testid="k8s-context" />
                </label>
                <label className="field">
                  <span className="field-label">Namespace</span>
                  <input className="input" value={namespace} onChange={(e) => r.setNamespace(e.target.value)} placeholder={doc.spec.defaults?.namespace ?? 'default'} data-testid="k8s-namespace" />
                </label>
                {k8sError && <div className={cx('field-error', styles.runK8sError)} role="alert">{k8sError}</div>}
                <KubeApiLimits qps={r.qps} burst={r.burst} onQps={r.setQps} onBurst={r.setBurst} errors={r.limitErrors} />
                {workflowId && <ClusterCheck workflowId={workflowId} context={context} namespace={namespace} onShowProblems={close} />}
              </div>
            )}
            {executor === 'local' && !r.limitsDismissed && (
              <div className={styles.runNotice} data-testid="local-limits">
                <InfoIcon size={15} />
                <div>
                  <b>The local executor runs pods as processes on this machine.</b> Images are not pulled: each container&apos;s command runs on this
                  machine. Containers share the host network. Resource limits are not enforced; requests decide how many pods run at once.
                </div>
                <button
                  type="button"
                  className="icon-btn sm"
                  aria-label="Dismiss"
                  title="Got it — don't show this again"
                  onClick={r.dismissLimits}
                  data-testid="dismiss-local-limits"
                >
                  <XIcon size={13} />
                </button>
              </div>
            )}
          </section>

          {error && (
            <div className={cx(runCss.runCallout, runCss.toned, 'tone-error')} role="alert" data-testid="run-dialog-error">
              <div>{error.message}</div>
              {error.issues && error.issues.length > 1 && (
                <ul className={runCss.runIssues}>
                  {error.issues.slice(0, 8).map((d, i) => (
                    <li key={i}>
                      {d.nodeId && <span className="mono">{d.nodeId}: </span>}
                      {d.message}
                    </li>
                  ))}
                </ul>
              )}
              {error.issues && (
                <button
                  type="button"
                  className="btn btn-sm btn-ghost"
                  onClick={() => {
                    close();
                    runUi.setBottomTab('problems');
                    useUiStore.getState().setProblemsOpen(true);
                  }}
                >
                  Show problems
                </button>
              )}
            </div>
          )}
        </form>
      </Dialog>
    </div>
  );
}

function InputRow(props: { field: InputField; value: FieldValue; error: string | undefined; onChange: (patch: Partial<FieldValue>) => void; onBlur: () => void }) {
  const { field: f, value: v, error } = props;
  const id = `run-input-${f.name}`;
  const errorId = `${id}-error`;
  const common = {
    id,
    'aria-invalid': !!error,
    'aria-describedby': error ? errorId : undefined,
    onBlur: props.onBlur,
    disabled: v.none,
    'data-testid': id,
  };
  return (
    <div className={styles.runField} data-testid={`run-field-${f.name}`}>
      <label className={styles.runFieldLabel} htmlFor={id}>
        <span className="mono">{f.name}</span>
        <span className={cx(styles.runFieldType, 'mono')}>{f.typeText}</span>
      </label>
      <div className={styles.runFieldControl}>
        {f.kind === 'bool' ? (
          <label className={styles.runCheck}>
            <input type="checkbox" checked={v.checked} onChange={(e) => props.onChange({ checked: e.target.checked })} {...common} />
            {v.checked ? 'True' : 'False'}
          </label>
        ) : f.kind === 'json' ? (
          <textarea
            className={cx('input', 'mono', error && 'invalid')}
            rows={Math.min(8, Math.max(1, v.text.split('\n').length))}
            value={v.text}
            onChange={(e) => props.onChange({ text: e.target.value })}
            placeholder={placeholderOf(f)}
            spellCheck={false}
            {...common}
          />
        ) : (
          <input
            className={cx('input', f.kind !== 'str' && 'mono', error && 'invalid')}
            inputMode={f.kind === 'int' ? 'numeric' : f.kind === 'float' ? 'decimal' : undefined}
            value={v.text}
            onChange={(e) => props.onChange({ text: e.target.value })}
            placeholder={placeholderOf(f)}
            {...common}
          />
        )}
        {f.optional && (
          <label className={cx(styles.runCheck, styles.runNone)}>
            <input type="checkbox" checked={v.none} onChange={(e) => props.onChange({ none: e.target.checked })} data-testid={`${id}-none`} />
            None
          </label>
        )}
        {error && (
          <span className={styles.runFieldError} id={errorId} role="alert" data-testid={`${id}-error`}>
            {error}
          </span>
        )}
        {!error && f.description && <span className={cx(styles.runFieldHint, 'faint')}>{f.description}</span>}
      </div>
    </div>
  );
}

function placeholderOf(f: InputField): string {
  switch (f.kind) {
    case 'int':
      return 'e.g. 3';
    case 'float':
      return 'e.g. 0.5';
    case 'str':
      return 'text';
    default:
      return f.type?.kind === 'list' || (f.type?.kind === 'optional' && f.type.of.kind === 'list') ? 'JSON list, e.g. [1, 2, 3]' : 'JSON, e.g. {"key": 1}';
  }
}
