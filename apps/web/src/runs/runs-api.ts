import { LogPageAnswer, RunAnswer, RunPageAnswer, RunSummaryAnswer, type CreateRunRequest, type LogsQueryInput } from '@podflow/core';
import { request } from '../api/client';

/**
 * Typed calls of the runs part of docs/api.md, each answer parsed with core's schema for it. Live state never comes
 * from these answers: it comes from the events.
 */
export type {
  AttemptAnswer as AttemptRecord,
  CreateRunRequest,
  ExecutionAnswer as ExecutionRecord,
  ExecutorKind,
  LogLineAnswer as LogLine,
  LogPageAnswer as LogPage,
  LogsQueryInput as LogQuery,
  RunAnswer as RunRecord,
  RunSummaryAnswer as RunSummary,
} from '@podflow/core';

export interface KubernetesTarget {
  context?: string;
  namespace?: string;
}

const runPath = (id: string) => `/api/runs/${encodeURIComponent(id)}`;

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const runsApi = {
  create: (body: CreateRunRequest) => request('/api/runs', RunAnswer, { method: 'POST', body }),
  get: (id: string) => request(runPath(id), RunAnswer),
  list: (params: { workflowId: string; limit?: number; before?: string }) => request(`/api/runs${query(params)}`, RunPageAnswer),
  cancel: (id: string) => request(`${runPath(id)}/cancel`, RunSummaryAnswer, { method: 'POST', body: {} }),
  logs: (id: string, params: LogsQueryInput) => request(`${runPath(id)}/logs${query({ ...params })}`, LogPageAnswer),
};

export const eventsUrl = (id: string, after: number): string => `${runPath(id)}/events${after > 0 ? `?after=${after}` : ''}`;
