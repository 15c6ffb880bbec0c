import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseWorkflowOrThrow, type WorkflowDoc } from '@podflow/core';
import { blank } from '../__fixtures__/docs';
import { useEditorStore } from '../store/editor-store';
import { installDiagnostics, useDiagnostics } from './diagnostics-store';

/** A workflow with one error: its only node invokes a task it does not define. */
const broken = (): WorkflowDoc =>
  parseWorkflowOrThrow({
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'broken' },
    spec: { tasks: [], nodes: [{ id: 'n1', task: 'missing' }] },
  });

describe('diagnostics follow the open workflow', () => {
  let uninstall: () => void;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // Node has no frames: one is a 16 ms timer here.
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => setTimeout(() => cb(Date.now()), 16));
    vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
    vi.stubGlobal('window', globalThis);
    useEditorStore.getState().closeDocument();
    uninstall = installDiagnostics();
  });
  afterEach(() => {
    uninstall();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('a newly opened workflow is checked once its canvas can be drawn, showing nothing of the one before meanwhile', () => {
    useEditorStore.getState().loadDocument('wf_a', broken());
    expect(useDiagnostics.getState().totals.errors).toBe(0); // not yet: the canvas is drawn first
    vi.runAllTimers();
    expect(useDiagnostics.getState().totals.errors).toBeGreaterThan(0);
    expect(useDiagnostics.getState().countsByNode.n1?.errors).toBeGreaterThan(0);

    useEditorStore.getState().loadDocument('wf_b', blank());
    expect(useDiagnostics.getState().countsByNode).toEqual({}); // the first workflow's problems are gone at once
    vi.runAllTimers();
    expect(useDiagnostics.getState().doc).toBe(useEditorStore.getState().doc);
    expect(useDiagnostics.getState().totals.errors).toBe(0);
  });

  it('an edit is checked after a short pause, and a workflow closed meanwhile is never checked', () => {
    useEditorStore.getState().loadDocument('wf_a', blank());
    vi.runAllTimers();
    useEditorStore.getState().apply(() => broken(), 'Break it');
    expect(useDiagnostics.getState().totals.errors).toBe(0);
    vi.advanceTimersByTime(250);
    expect(useDiagnostics.getState().totals.errors).toBeGreaterThan(0);

    useEditorStore.getState().loadDocument('wf_c', broken());
    useEditorStore.getState().closeDocument();
    vi.runAllTimers();
    expect(useDiagnostics.getState().doc).toBeNull();
    expect(useDiagnostics.getState().list).toEqual([]);
  });
});
