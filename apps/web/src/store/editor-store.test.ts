import { beforeEach, describe, expect, it, vi } from 'vitest';
import { updateWorkflowMeta, type WorkflowDoc } from '@podflow/core';
import { blank } from '../__fixtures__/docs';
import { useEditorStore } from './editor-store';
import { inspectorSelectionOf } from './selection-slice';

const rename = (name: string) => (doc: WorkflowDoc) => {
  const r = updateWorkflowMeta(doc, { name });
  return r.ok ? r.doc : doc;
};
const s = () => useEditorStore.getState();

describe('document history', () => {
  beforeEach(() => s().loadDocument('wf_1', blank()));

  it('records one undo step per apply and walks back and forth', () => {
    s().apply(rename('a'), 'Rename');
    s().apply(rename('b'), 'Rename');
    expect(s().doc?.metadata.name).toBe('b');
    s().undo();
    expect(s().doc?.metadata.name).toBe('a');
    s().undo();
    expect(s().doc?.metadata.name).toBe('w');
    s().undo(); // nothing left: no-op
    expect(s().doc?.metadata.name).toBe('w');
    s().redo();
    s().redo();
    expect(s().doc?.metadata.name).toBe('b');
    expect(s().future).toHaveLength(0);
  });

  it('ignores updates that change nothing, and a new change clears redo', () => {
    expect(s().apply((d) => d, 'Nothing')).toBe(false);
    expect(s().past).toHaveLength(0);
    s().apply(rename('a'), 'Rename');
    s().undo();
    s().apply(rename('c'), 'Rename');
    expect(s().future).toHaveLength(0);
  });

  it('merges same-label changes within a second only when asked to (typing)', () => {
    vi.useFakeTimers();
    try {
      s().apply(rename('a'), 'Edit name', { coalesce: true });
      s().apply(rename('ab'), 'Edit name', { coalesce: true });
      expect(s().past).toHaveLength(1);
      vi.advanceTimersByTime(1500);
      s().apply(rename('abc'), 'Edit name', { coalesce: true });
      expect(s().past).toHaveLength(2);
      s().apply(rename('x'), 'Delete');
      s().apply(rename('y'), 'Delete');
      expect(s().past).toHaveLength(4);
    } finally {
      vi.useRealTimers();
    }
  });

  it('restores the selection that went with a snapshot', () => {
    s().select(['a']);
    s().apply(rename('a'), 'Rename');
    s().select(['b']);
    s().undo();
    expect(s().selection.ids).toEqual(['a']);
  });
});

describe('inspector selection', () => {
  it('follows the canvas selection', () => {
    expect(inspectorSelectionOf({ ids: [], edges: [], task: null })).toEqual({ kind: 'workflow' });
    expect(inspectorSelectionOf({ ids: ['n'], edges: [], task: null })).toEqual({ kind: 'node', nodeId: 'n' });
    expect(inspectorSelectionOf({ ids: ['n', 'm'], edges: [], task: null })).toEqual({ kind: 'none' });
    expect(inspectorSelectionOf({ ids: ['input:x'], edges: [], task: null })).toEqual({ kind: 'workflow' });
    expect(inspectorSelectionOf({ ids: [], edges: [], task: 't' })).toEqual({ kind: 'task', task: 't' });
  });
});
