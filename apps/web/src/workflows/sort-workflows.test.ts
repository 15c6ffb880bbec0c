import { describe, expect, it } from 'vitest';
import type { WorkflowSummary } from '../api/workflows-api';
import { sortWorkflows } from './sort-workflows';

const wf = (name: string, updatedAt: string, lastRun?: string, description?: string): WorkflowSummary => ({
  id: `wf_${name}`,
  name,
  updatedAt,
  draftRevision: 1,
  latestVersion: null,
  description: description ?? '',
  lastRun: lastRun ? { id: `run_${name}`, status: 'succeeded', createdAt: lastRun } : null,
});

const list = [
  wf('pod-workflow-10', '2026-01-03T00:00:00Z'),
  wf('pod-workflow-2', '2026-01-01T00:00:00Z', '2026-01-05T00:00:00Z'),
  wf('map', '2026-01-02T00:00:00Z', '2026-01-04T00:00:00Z', 'Fans out over a list'),
];
const names = (l: WorkflowSummary[]) => l.map((w) => w.name);

describe('sortWorkflows', () => {
  it('orders by last edit, by name (numbers in order), and by last run with never-run last', () => {
    expect(names(sortWorkflows(list, 'updated'))).toEqual(['pod-workflow-10', 'map', 'pod-workflow-2']);
    expect(names(sortWorkflows(list, 'name'))).toEqual(['map', 'pod-workflow-2', 'pod-workflow-10']);
    expect(names(sortWorkflows(list, 'last-run'))).toEqual(['pod-workflow-2', 'map', 'pod-workflow-10']);
  });
  it('searches names and descriptions, ignoring case', () => {
    expect(names(sortWorkflows(list, 'name', 'POD'))).toEqual(['pod-workflow-2', 'pod-workflow-10']);
    expect(names(sortWorkflows(list, 'name', 'fans out'))).toEqual(['map']);
    expect(sortWorkflows(list, 'name', 'nothing')).toEqual([]);
  });
  it('does not reorder its input', () => {
    const before = names(list);
    sortWorkflows(list, 'name');
    expect(names(list)).toEqual(before);
  });
});
