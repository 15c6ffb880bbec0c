import type { Json, RunEvent, WorkflowDoc } from '@podflow/core';
import { queryClient } from '../api/query-client';
import { workflowsApi } from '../api/workflows-api';
import { useEditorStore } from '../store/editor-store';
import { flushSave } from '../workflows/workflow-actions';
import { toast } from '../ui/toasts';
import { followRunEvents } from './event-stream';
import { RunLogs } from './log-buffer';
import { applyRunEvents, initialRunState, TERMINAL_RUN } from './run-state';
import { EMPTY_RUN_UI, useRunStore } from './run-store';
import { runsApi, type CreateRunRequest, type LogLine, type RunRecord } from './runs-api';

/**
 * Opening, starting and stopping runs. The shown run's state comes only from its event stream; the run record (GET)
 * adds what events do not carry (executor options, the version to fetch), and the version's document is fetched once
 * (versions are immutable).
 */
let stopStream: (() => void) | null = null;

/**
 * The code editor hands its text to the document a moment after the last key (it debounces); a run started right
 * after typing waits for that, so that it includes what was just typed.
 */
const EDITOR_SETTLE_MS = 450;
let lastEditorInput = 0;
if (typeof window !== 'undefined') {
  window.addEventListener(
    'keydown',
    (e) => {
      if ((e.target as HTMLElement | null)?.closest?.('.monaco-editor')) lastEditorInput = Date.now();
    },
    true,
  );
}
async function editorSettled(): Promise<void> {
  const wait = lastEditorInput + EDITOR_SETTLE_MS - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
const versionDocs = new Map<string, Promise<WorkflowDoc>>();

export const runsQueryKey = (workflowId: string | null) => ['runs', workflowId] as const;

function versionDoc(workflowId: string, version: number): Promise<WorkflowDoc> {
  const key = `${workflowId}@${version}`;
  let p = versionDocs.get(key);
  if (!p) {
    p = workflowsApi.version(workflowId, version).then((v) => v.document);
    p.catch(() => versionDocs.delete(key));
    versionDocs.set(key, p);
  }
  return p;
}

/** `?run=ID` (and `&view=version` for the read-only canvas) keeps the shown run across a reload. */
function writeUrl(runId: string | null, readonly: boolean): void {
  const url = new URL(window.location.href);
  if (runId) url.searchParams.set('run', runId);
  else url.searchParams.delete('run');
  if (runId && readonly) url.searchParams.set('view', 'version');
  else url.searchParams.delete('view');
  const next = url.pathname + url.search + url.hash;
  if (next !== window.location.pathname + window.location.search + window.location.hash) window.history.replaceState(window.history.state, '', next);
}

export function runFromUrl(): { runId: string; readonly: boolean } | null {
  const url = new URL(window.location.href);
  const runId = url.searchParams.get('run');
  return runId && /^run_[0-9a-f]+$/.test(runId) ? { runId, readonly: url.searchParams.get('view') === 'version' } : null;
}

/** Shows a run: replays its events from the start and follows it live until it ends. */
export function openRun(runId: string, options: { readonly?: boolean; select?: string | null } = {}): void {
  const shown = useRunStore.getState();
  if (shown.run?.runId === runId && stopStream) {
    // Already shown (and followed): only the view changes.
    const readonly = options.readonly ?? shown.readonly;
    useRunStore.setState({ readonly, bottomTab: 'run', panelView: 'run', ...(options.select !== undefined ? { selected: options.select } : {}) });
    writeUrl(runId, readonly);
    return;
  }
  stopStream?.();
  stopStream = null;
  const logs = new RunLogs((params) => runsApi.logs(runId, params));
  const readonly = options.readonly ?? false;
  useRunStore.setState({
    ...EMPTY_RUN_UI,
    run: initialRunState(runId),
    logs,
    readonly,
    selected: options.select ?? null,
    stream: 'connecting',
    bottomTab: 'run',
    panelView: 'run',
  });
  writeUrl(runId, readonly);
  const current = () => useRunStore.getState().run?.runId === runId;

  void runsApi
    .get(runId)
    .then(async (record) => {
      if (!current()) return;
      const workflowId = useEditorStore.getState().workflowId;
      if (workflowId && record.workflowId !== workflowId) {
        toast(`Run ${runId} belongs to another workflow.`, 'error');
        closeRun();
        return;
      }
      useRunStore.setState({ record });
      const doc = await versionDoc(record.workflowId, record.version);
      if (current()) useRunStore.setState({ runDoc: doc });
    })
    .catch((e: unknown) => {
      if (!current()) return;
      toast(`Cannot open run ${runId}: ${(e as Error).message}`, 'error');
      closeRun();
    });

  stopStream = followRunEvents(runId, 0, {
    onEvents: (events) => {
      if (!current()) return;
      const lines: LogLine[] = [];
      for (const e of events) if (e.type === 'log') lines.push(logLineOf(e));
      logs.append(lines);
      const before = useRunStore.getState().run!;
      const run = applyRunEvents(before, events);
      if (run === before) return;
      useRunStore.setState({ run, ...(TERMINAL_RUN.has(run.status) ? { cancelling: false } : {}) });
      if (TERMINAL_RUN.has(run.status) && !TERMINAL_RUN.has(before.status)) void refreshHistory(run.runId);
    },
    onState: (stream) => {
      if (current()) useRunStore.setState({ stream });
    },
    onFatal: (message) => {
      if (!current()) return;
      useRunStore.setState({ stream: 'ended' });
      toast(message, 'error');
    },
  });
}

function logLineOf(e: Extract<RunEvent, { type: 'log' }>): LogLine {
  return { seq: e.seq, ts: e.ts, executionId: e.executionId, attempt: e.attempt, container: e.container, stream: e.stream, line: e.line };
}

async function refreshHistory(runId: string): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: ['runs'] });
  // The ended run's record (endedAt) for the panel.
  try {
    const record = await runsApi.get(runId);
    if (useRunStore.getState().run?.runId === runId) useRunStore.setState({ record });
  } catch {
    /* the panel keeps what it has */
  }
}

/** Stops showing a run (the canvas goes back to the draft, without statuses). */
export function closeRun(options: { keepUrl?: boolean } = {}): void {
  stopStream?.();
  stopStream = null;
  useRunStore.setState({ ...EMPTY_RUN_UI, dialog: null });
  if (!options.keepUrl) writeUrl(null, false);
}

/** Back from a run's version to the editable draft; the run stays in the panel and its statuses on the canvas. */
export function backToDraft(): void {
  useRunStore.setState({ readonly: false });
  writeUrl(useRunStore.getState().run?.runId ?? null, false);
}

export function showVersion(): void {
  useRunStore.setState({ readonly: true });
  writeUrl(useRunStore.getState().run?.runId ?? null, true);
}

/**
 * Starts a run of the open workflow. Without `version`, unsaved edits are sent first and the server saves the draft as
 * a version. Errors (invalid inputs, a workflow with errors) are thrown for the caller to show.
 */
export async function startRun(request: Omit<CreateRunRequest, 'workflowId'>): Promise<RunRecord> {
  const workflowId = useEditorStore.getState().workflowId;
  if (!workflowId) throw new Error('No workflow is open.');
  if (request.version === undefined) {
    await editorSettled();
    await flushSave();
    const { doc, save } = useEditorStore.getState();
    if (doc !== save.savedDoc) {
      throw new Error(
        save.status === 'conflict'
          ? 'The workflow was changed somewhere else; choose which version to keep before running it.'
          : 'Unsaved changes could not be sent to the server; the run would not include them. Try again in a moment.',
      );
    }
  }
  const record = await runsApi.create({ workflowId, ...request });
  openRun(record.id, { readonly: false });
  void queryClient.invalidateQueries({ queryKey: runsQueryKey(workflowId) });
  void queryClient.invalidateQueries({ queryKey: ['versions', workflowId] });
  return record;
}

/** The executor options of the shown run, to run again the same way. */
function sameExecutor(): Pick<CreateRunRequest, 'executor' | 'kubernetes'> {
  const record = useRunStore.getState().record;
  if (!record) return {};
  return { executor: record.executor, ...(record.options?.kubernetes ? { kubernetes: record.options.kubernetes } : {}) };
}

/** Runs the current draft again with the shown run's inputs and executor. */
export async function rerun(): Promise<void> {
  const { run } = useRunStore.getState();
  if (!run) return;
  await reportErrors(startRun({ inputs: (run.inputs ?? useRunStore.getState().record?.inputs ?? {}) as Record<string, Json>, ...sameExecutor() }));
}

/**
 * Runs the current draft again from `nodeId`: the outputs of nodes that are neither it nor downstream of it, and did
 * not change, are reused from `fromRunId` (they end `cached`); the node and everything downstream run again.
 */
export async function rerunFrom(nodeId: string, fromRunId?: string, inputs?: Record<string, Json>): Promise<RunRecord> {
  const { run, record } = useRunStore.getState();
  const runId = fromRunId ?? run?.runId;
  if (!runId) throw new Error('There is no earlier run to reuse outputs from.');
  return startRun({
    inputs: inputs ?? ((run?.runId === runId ? run.inputs : undefined) ?? record?.inputs ?? {}),
    reuseFrom: { runId, fromNode: nodeId },
    ...sameExecutor(),
  });
}

export async function cancelRun(): Promise<void> {
  const { run } = useRunStore.getState();
  if (!run || TERMINAL_RUN.has(run.status)) return;
  useRunStore.setState({ cancelling: true });
  try {
    await runsApi.cancel(run.runId);
  } catch (e) {
    useRunStore.setState({ cancelling: false });
    toast((e as Error).message, 'error');
  }
}

async function reportErrors<T>(p: Promise<T>): Promise<void> {
  try {
    await p;
  } catch (e) {
    toast((e as Error).message, 'error');
  }
}
