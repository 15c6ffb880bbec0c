import { create } from 'zustand';
import { checkRun, type Diagnostic, type WorkflowDoc } from '@podflow/core';
import { useEditorStore } from '../store/editor-store';

/**
 * Diagnostics of the open document, recomputed (debounced) after each change. Nodes read their own counts with a
 * narrow selector (`countsByNode[id]`), so a change re-renders only the nodes whose counts changed.
 */
export interface NodeCounts {
  errors: number;
  warnings: number;
  /** First error (or warning) message, for the badge's tooltip. */
  first: string;
}

interface DiagnosticsStore {
  doc: WorkflowDoc | null;
  list: Diagnostic[];
  /** The errors that refuse a run (core's `checkRun`: an unused task's problems do not). */
  blockers: Diagnostic[];
  /** From "Check against cluster" (preflight) of this very document; dropped when it changes. */
  cluster: Diagnostic[];
  countsByNode: Record<string, NodeCounts>;
  totals: { errors: number; warnings: number; infos: number };
}

export const useDiagnostics = create<DiagnosticsStore>(() => ({
  doc: null,
  list: [],
  blockers: [],
  cluster: [],
  countsByNode: {},
  totals: { errors: 0, warnings: 0, infos: 0 },
}));

const DEBOUNCE_MS = 200;

export function computeDiagnostics(doc: WorkflowDoc, cluster: Diagnostic[] = []): Omit<DiagnosticsStore, 'doc' | 'cluster'> {
  let list: Diagnostic[];
  let blockers: Diagnostic[];
  try {
    ({ diagnostics: list, blockers } = checkRun(doc));
    list = [...list, ...cluster];
  } catch (e) {
    list = [{ code: 'internal', severity: 'error', message: `Validation failed: ${(e as Error).message}`, path: '' }];
    blockers = list;
  }
  const rank = { error: 0, warning: 1, info: 2 } as const;
  list = [...list].sort((a, b) => rank[a.severity] - rank[b.severity]);
  const countsByNode: Record<string, NodeCounts> = {};
  const totals = { errors: 0, warnings: 0, infos: 0 };
  const nodesOfTask = new Map<string, string[]>();
  for (const n of doc.spec.nodes ?? []) nodesOfTask.set(n.task, [...(nodesOfTask.get(n.task) ?? []), n.id]);
  for (const d of list) {
    if (d.severity === 'error') totals.errors++;
    else if (d.severity === 'warning') totals.warnings++;
    else totals.infos++;
    if (d.severity === 'info') continue;
    // A task's problem shows on every node that invokes it.
    const targets = d.nodeId ? [d.nodeId] : d.task ? (nodesOfTask.get(d.task) ?? []) : [];
    for (const id of targets) {
      const c = (countsByNode[id] ??= { errors: 0, warnings: 0, first: d.message });
      if (d.severity === 'error') {
        if (c.errors === 0) c.first = d.message;
        c.errors++;
      } else c.warnings++;
    }
  }
  // Keep unchanged entries' identity so that nodes whose counts did not change do not re-render.
  const prev = useDiagnostics.getState().countsByNode;
  for (const [id, c] of Object.entries(countsByNode)) {
    const p = prev[id];
    if (p && p.errors === c.errors && p.warnings === c.warnings && p.first === c.first) countsByNode[id] = p;
  }
  return { list, blockers, countsByNode, totals };
}

/** Follows the editor's document; returns the unsubscribe function. */
export function installDiagnostics(): () => void {
  let timer: number | undefined;
  const clear = () => useDiagnostics.setState({ doc: null, list: [], blockers: [], cluster: [], countsByNode: {}, totals: { errors: 0, warnings: 0, infos: 0 } });
  const run = () => {
    const doc = useEditorStore.getState().doc;
    if (!doc) {
      clear();
      return;
    }
    if (doc === useDiagnostics.getState().doc) return;
    useDiagnostics.setState({ doc, cluster: [], ...computeDiagnostics(doc) });
  };
  run();
  let frame: number | undefined;
  const cancel = () => {
    window.clearTimeout(timer);
    if (frame !== undefined) window.cancelAnimationFrame(frame);
    frame = undefined;
  };
  const unsubscribe = useEditorStore.subscribe((s, p) => {
    if (s.doc === p.doc) return;
    cancel();
    // A newly opened document is checked as soon as its canvas has been drawn (the next frame, then a task after its
    // paint: checking a large workflow takes tens of milliseconds that would otherwise come before the first drawing);
    // edits after a short pause.
    if (!p.doc || s.workflowId !== p.workflowId) {
      clear(); // nothing of the workflow open before shows meanwhile
      frame = window.requestAnimationFrame(() => {
        frame = undefined;
        timer = window.setTimeout(run, 0);
      });
    } else timer = window.setTimeout(run, DEBOUNCE_MS);
  });
  return () => {
    cancel();
    unsubscribe();
  };
}

/** Shows the diagnostics of "Check against cluster" with the document's own (in Problems and on the nodes). */
export function setClusterDiagnostics(cluster: Diagnostic[]): void {
  const { doc } = useDiagnostics.getState();
  if (!doc) return;
  useDiagnostics.setState({ cluster, ...computeDiagnostics(doc, cluster) });
}
