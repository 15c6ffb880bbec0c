import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Diagnostic, Json, WorkflowDoc } from '@podflow/core';
import { ApiError } from '../api/api-error';
import { useEditorStore } from '../store/editor-store';
import { useRunStore, runUi, type RunDialogState } from './run-store';
import { initialValue, inputFields, parseForm, type FieldValue } from './input-form';
import { runsApi, type ExecutorKind, type RunSummary } from './runs-api';
import { runsQueryKey, startRun } from './run-controller';
import { rememberedExecutor, rememberExecutor, localLimitsDismissed, dismissLocalLimits } from './run-preferences';

/** A failure the dialog shows as a whole (not beside one field). */
export interface RunDialogError {
  message: string;
  issues?: Diagnostic[];
}

/**
 * The run dialog's state and its one action: the inputs (typed, checked as the server checks them), the earlier run a
 * node re-run takes its upstream outputs from, the executor (remembered between runs), and `submit`, which starts the
 * run and maps the server's refusal back onto the field it names.
 */
export function useRunDialog(dialog: RunDialogState, doc: WorkflowDoc) {
  const workflowId = useEditorStore((s) => s.workflowId);
  const shown = useRunStore((s) => s.run);
  const fields = useMemo(() => inputFields(doc), [doc]);
  const nodeMode = dialog.mode === 'node';
  const nodeId = dialog.mode === 'node' ? dialog.nodeId : undefined;

  const earlier = useQuery({
    queryKey: [...runsQueryKey(workflowId), 'ended'],
    enabled: nodeMode && workflowId !== null,
    queryFn: () => runsApi.list({ workflowId: workflowId!, limit: 50 }).then((p) => p.runs),
    select: (runs) => runs.filter((r) => r.status !== 'queued' && r.status !== 'running'),
    staleTime: 0,
  });
  const [fromRun, setFromRun] = useState<string | undefined>(dialog.mode === 'node' ? (dialog.runId ?? shown?.runId) : undefined);
  const source: RunSummary | undefined = earlier.data?.find((r) => r.id === fromRun);

  const startValues = (inputs?: Record<string, Json>) =>
    Object.fromEntries(fields.map((f) => [f.name, initialValue(f, inputs && Object.hasOwn(inputs, f.name) ? inputs[f.name] : f.default)]));
  const [values, setValues] = useState<Record<string, FieldValue>>(() =>
    startValues(nodeMode && shown && shown.runId === fromRun ? (shown.inputs as Record<string, Json> | undefined) : undefined),
  );
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const parsed = useMemo(() => parseForm(fields, values), [fields, values]);

  const remembered = useMemo(rememberedExecutor, []);
  const [executor, setExecutorState] = useState<ExecutorKind>(remembered.executor);
  const [context, setContext] = useState(remembered.context);
  const [namespace, setNamespace] = useState(remembered.namespace);
  const [k8sError, setK8sError] = useState<string | null>(null);
  const [limitsDismissed, setLimitsDismissed] = useState(localLimitsDismissed);

  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RunDialogError | null>(null);

  const setField = (name: string, patch: Partial<FieldValue>) => {
    setValues((v) => ({ ...v, [name]: { ...v[name]!, ...patch } }));
    setServerErrors((e) => {
      if (!e[name]) return e;
      const { [name]: _gone, ...rest } = e;
      return rest;
    });
  };

  const pickSource = (id: string) => {
    setFromRun(id);
    const r = earlier.data?.find((x) => x.id === id);
    if (r) setValues(startValues(r.inputs));
  };

  const submit = async () => {
    setSubmitted(true);
    setError(null);
    if (Object.keys(parsed.errors).length > 0) return;
    if (nodeMode && !fromRun) {
      setError({ message: 'Choose the earlier run whose upstream outputs this node takes.' });
      return;
    }
    const kubernetes =
      executor === 'kubernetes' ? { ...(context.trim() ? { context: context.trim() } : {}), ...(namespace.trim() ? { namespace: namespace.trim() } : {}) } : undefined;
    rememberExecutor({ executor, context: context.trim(), namespace: namespace.trim() });
    setBusy(true);
    try {
      await startRun({
        inputs: parsed.inputs,
        executor,
        ...(kubernetes ? { kubernetes } : {}),
        ...(nodeMode && fromRun ? { reuseFrom: { runId: fromRun, fromNode: nodeId! } } : {}),
      });
      runUi.closeDialog();
    } catch (e) {
      const mapped = mapRunError(e);
      if (mapped.kind === 'input') setServerErrors({ [mapped.name]: mapped.message });
      else if (mapped.kind === 'kubernetes') setK8sError(mapped.message);
      else setError(mapped.error);
    } finally {
      setBusy(false);
    }
  };

  return {
    nodeMode,
    nodeId,
    fields,
    values,
    setField,
    touch: (name: string) => setTouched((t) => ({ ...t, [name]: true })),
    /** The message shown beside a field: the server's, else the form's once the field was left or Run pressed. */
    fieldError: (name: string): string | undefined => serverErrors[name] ?? (touched[name] || submitted ? parsed.errors[name] : undefined),
    submitted,
    errorCount: Object.keys(parsed.errors).length,
    missing: parsed.missing,
    earlier,
    fromRun,
    source,
    pickSource,
    executor,
    setExecutor: (k: ExecutorKind) => {
      setExecutorState(k);
      setK8sError(null);
    },
    context,
    setContext,
    namespace,
    setNamespace,
    k8sError,
    limitsDismissed,
    dismissLimits: () => {
      dismissLocalLimits();
      setLimitsDismissed(true);
    },
    busy,
    error,
    submit,
  };
}

type MappedRunError = { kind: 'input'; name: string; message: string } | { kind: 'kubernetes'; message: string } | { kind: 'general'; error: RunDialogError };

/** Where a refused run's error belongs: beside an input, beside the Kubernetes settings, or above the buttons. */
export function mapRunError(e: unknown): MappedRunError {
  if (!(e instanceof ApiError)) return { kind: 'general', error: { message: (e as Error).message } };
  const body = e.body as { error?: { field?: string; issues?: Diagnostic[] } } | undefined;
  const field = body?.error?.field;
  if (field?.startsWith('inputs.')) return { kind: 'input', name: field.slice('inputs.'.length).split(/[.[]/)[0]!, message: e.message };
  if (field === 'kubernetes') return { kind: 'kubernetes', message: e.message };
  return { kind: 'general', error: { message: e.message, ...(body?.error?.issues ? { issues: body.error.issues } : {}) } };
}
