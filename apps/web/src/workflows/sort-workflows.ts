import type { WorkflowSummary } from '../api/workflows-api';

/** The home list's orders, and its search (name and description, case-insensitive). */
export type WorkflowSort = 'updated' | 'name' | 'last-run';

export const WORKFLOW_SORTS: readonly { id: WorkflowSort; label: string }[] = [
  { id: 'updated', label: 'Last edited' },
  { id: 'name', label: 'Name' },
  { id: 'last-run', label: 'Last run' },
];

const time = (iso: string | undefined) => (iso ? Date.parse(iso) : -Infinity);

export function sortWorkflows(list: readonly WorkflowSummary[], sort: WorkflowSort, query = ''): WorkflowSummary[] {
  const q = query.trim().toLowerCase();
  const shown = q ? list.filter((w) => w.name.toLowerCase().includes(q) || (w.description ?? '').toLowerCase().includes(q)) : [...list];
  const byName = (a: WorkflowSummary, b: WorkflowSummary) => a.name.localeCompare(b.name, undefined, { numeric: true });
  switch (sort) {
    case 'name':
      return shown.sort(byName);
    case 'last-run':
      // Workflows never run go last, by name.
      return shown.sort((a, b) => time(b.lastRun?.createdAt) - time(a.lastRun?.createdAt) || byName(a, b));
    case 'updated':
      return shown.sort((a, b) => time(b.updatedAt) - time(a.updatedAt) || byName(a, b));
  }
}
