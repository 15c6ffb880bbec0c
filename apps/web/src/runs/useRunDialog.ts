import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { resolveNodeInputs, type Diagnostic, type Json, type WorkflowDoc } from '@podflow/core';
import { ApiError } from '../api/api-error';
import { useEditorStore } from '../store/editor-store';
import { useRunStore, runUi, type RunDialogState } from './run-store';
import { initialValue, inputFields, parseForm, portFields, type FieldValue } from './input-form';
import { runsApi, type ExecutorKind, type RunSummary } from './runs-api';
import { runsQueryKey, startRun } from './run-controller';
import { parseLimit } from './kube-api-limit';
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
  const nodeMode = dialog.mode === 'node';
  /** One node alone: the fields are its input ports, and the earlier run (optional) fills them. */
  const onlyMode = dialog.mode === 'only';
  const nodeId = dialog.mode === 'node' || dialog.mode === 'only' ? dialog.nodeId : undefined;
  const fields = useMemo(() => (onlyMode ? portFields(doc, nodeId!) : inputFields(doc)), [doc, onlyMode, nodeId]);

  const earlier = useQuery({
    queryKey: [...runsQueryKey(workflowId), 'ended'],
    enabled: (nodeMode || onlyMode) && workflowId !== null,
    queryFn: () => runsApi.list({ workflowId: workflowId!, limit: 50 }).then((p) => p.runs),
    select: (runs) => runs.filter((r) => r.status !== 'queued' && r.status !== 'running'),
    staleTime: 0,
  });
  const [fromRun, setFromRun] = useState<string | undefined>(dialog.mode === 'node' ? (dialog.runId ?? shown?.runId) : undefined);
  // A node run alone takes its values from the newest ended run, unless the person chooses another (or none).
  const [fromChosen, setFromChosen] = useState(false);
  useEffect(() => {
    // (The list may first come from the cache and then be refreshed: follow the newest until the person chooses.)
    const newest = earlier.data?.[0]?.id;
    if (onlyMode && !fromChosen && newest !== undefined && fromRun !== newest) setFromRun(newest);
  }, [onlyMode, fromChosen, fromRun, earlier.data]);
  const fromRecord = useQuery({
    queryKey: ['run', fromRun],
    enabled: onlyMode && fromRun !== undefined,
    queryFn: () => runsApi.get(fromRun!),
    staleTime: Infinity,
  });
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
  const [qps, setQps] = useState(remembered.qps);
  const [burst, setBurst] = useState(remembered.burst);
  const [limitServerErrors, setLimitServerErrors] = useState<{ qps?: string; burst?: string }>({});
  const limits = useMemo(() => ({ qps: parseLimit('qps', qps), burst: parseLimit('burst', burst) }), [qps, burst]);
  const limitErrors = executor === 'kubernetes' ? { qps: limitServerErrors.qps ?? limits.qps.error, burst: limitServerErrors.burst ?? limits.burst.error } : {};
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
    setFromChosen(true);
    setFromRun(id || undefined);
    if (onlyMode) {
      if (!id) setValues(startValues(nodeValues(undefined)));
      return;
    }
    const r = earlier.data?.find((x) => x.id === id);
    if (r) setValues(startValues(r.inputs));
  };

  /** The node's values: its constants and workflow-input defaults, and what the earlier run gives its ports. */
  const nodeValues = (record: typeof fromRecord.data) => {
    const outputs = new Map((record?.executions ?? []).filter((e) => e.outputs).map((e) => [e.executionId, e.outputs!]));
    return resolveNodeInputs(doc, nodeId!, record ? { from: { inputs: record.inputs as Record<string, Json>, outputsOf: (id) => outputs.get(id) } } : {}).inputs;
  };
  // The earlier run's values fill the form when they arrive (what the person typed since is replaced only then).
  useEffect(() => {
    if (!onlyMode) return;
    if (fromRun === undefined || fromRecord.data) setValues(startValues(nodeValues(fromRecord.data)));
  }, [onlyMode, fromRecord.data, fromRun === undefined]);

  const submit = async () => {
    setSubmitted(true);
    setError(null);
    if (Object.keys(parsed.errors).length > 0) return;
    if (limitErrors.qps || limitErrors.burst) return;
    if (onlyMode) {
      rememberExecutor({ executor, context: context.trim(), namespace: namespace.trim(), qps: qps.trim(), burst: burst.trim() });
      await start({
        executor,
        ...kubernetesOf(),
        only: { node: nodeId!, inputs: parsed.inputs, ...(fromRun ? { inputsFrom: fromRun } : {}) },
      });
      return;
    }
    if (nodeMode && !fromRun) {
      setError({ message: 'Choose the earlier run whose upstream outputs this node takes.' });
      return;
    }
    rememberExecutor({ executor, context: context.trim(), namespace: namespace.trim(), qps: qps.trim(), burst: burst.trim() });
    await start({
      inputs: parsed.inputs,
      executor,
      ...kubernetesOf(),
      ...(nodeMode && fromRun ? { reuseFrom: { runId: fromRun, fromNode: nodeId! } } : {}),
    });
  };

  const kubernetesOf = () =>
    executor === 'kubernetes'
      ? {
          kubernetes: {
            ...(context.trim() ? { context: context.trim() } : {}),
            ...(namespace.trim() ? { namespace: namespace.trim() } : {}),
            ...(limits.qps.value !== undefined ? { qps: limits.qps.value } : {}),
            ...(limits.burst.value !== undefined ? { burst: limits.burst.value } : {}),
          },
        }
      : {};

  const start = async (request: Parameters<typeof startRun>[0]) => {
    setBusy(true);
    try {
      await startRun(request);
      runUi.closeDialog();
    } catch (e) {
      const mapped = mapRunError(e);
      if (mapped.kind === 'input') setServerErrors({ [mapped.name]: mapped.message });
      else if (mapped.kind === 'kubernetes') setK8sError(mapped.message);
      else if (mapped.kind === 'limit') setLimitServerErrors({ [mapped.name]: mapped.message });
      else setError(mapped.error);
    } finally {
      setBusy(false);
    }
  };

  return {
    nodeMode,
    onlyMode,
    nodeId,
    loadingSource: onlyMode && fromRun !== undefined && fromRecord.isLoading,
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
    qps,
    setQps: (v: string) => {
      setQps(v);
      setLimitServerErrors({});
    },
    burst,
    setBurst: (v: string) => {
      setBurst(v);
      setLimitServerErrors({});
    },
    /** Shown beside the API limit fields: the server's refusal, else the form's once Run was pressed or a value typed. */
    limitErrors,
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

type MappedRunError =
  | { kind: 'input'; name: string; message: string }
  | { kind: 'kubernetes'; message: string }
  | { kind: 'limit'; name: 'qps' | 'burst'; message: string }
  | { kind: 'general'; error: RunDialogError };

/** Where a refused run's error belongs: beside an input, beside the Kubernetes settings, or above the buttons. */
export function mapRunError(e: unknown): MappedRunError {
  if (!(e instanceof ApiError)) return { kind: 'general', error: { message: (e as Error).message } };
  const body = e.body as { error?: { field?: string; issues?: Diagnostic[] } } | undefined;
  const field = body?.error?.field;
  const input = /^(?:only\.)?inputs\.([^.[]+)/.exec(field ?? '');
  if (input) return { kind: 'input', name: input[1]!, message: e.message };
  if (field === 'kubernetes') return { kind: 'kubernetes', message: e.message };
  const limit = /^kubernetes\.(qps|burst)$/.exec(field ?? '');
  if (limit) return { kind: 'limit', name: limit[1] as 'qps' | 'burst', message: e.message };
  return { kind: 'general', error: { message: e.message, ...(body?.error?.issues ? { issues: body.error.issues } : {}) } };
}
