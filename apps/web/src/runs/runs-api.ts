import type { Json, LogStream, NodeStatus, RunStatus } from '@podflow/core';
import { request } from '../api/client';

/** Typed calls of the runs part of docs/api.md. Live state never comes from these answers: it comes from the events. */

export type ExecutorKind = 'local' | 'kubernetes';

export interface KubernetesTarget {
  context?: string;
  namespace?: string;
}

export interface CreateRunRequest {
  workflowId: string;
  version?: number;
  inputs?: Record<string, Json>;
  executor?: ExecutorKind;
  kubernetes?: KubernetesTarget;
  reuseFrom?: { runId: string; fromNode?: string };
  /** Run only this node, its ports taking `inputs` (then what run `inputsFrom` gives them). */
  only?: { node: string; inputs?: Record<string, Json>; inputsFrom?: string };
}

export interface AttemptRecord {
  attempt: number;
  podName: string;
  status: 'running' | 'succeeded' | 'failed';
  exitCode: number | null;
  reason: string | null;
  startedAt: string | null;
  endedAt: string | null;
  containers: { name: string; state: 'running' | 'terminated'; exitCode?: number | null; reason?: string }[];
}

export interface ExecutionRecord {
  executionId: string;
  nodeId: string;
  task: string;
  status: NodeStatus;
  outputs: Record<string, Json> | null;
  reason: string | null;
  attempts: AttemptRecord[];
}

/** A run as listed (`GET /api/runs`): no options, no executions. */
export interface RunSummary {
  id: string;
  workflowId: string;
  version: number;
  status: RunStatus;
  executor: ExecutorKind;
  inputs: Record<string, Json>;
  outputs: Record<string, Json> | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  lastSeq?: number;
}

export interface RunRecord extends RunSummary {
  options?: { kubernetes?: KubernetesTarget; reuseFrom?: { runId: string; fromNode?: string }; only?: { node: string; inputs: Record<string, Json>; inputsFrom?: string } };
  executions?: ExecutionRecord[];
}

export interface LogLine {
  seq: number;
  ts: number;
  executionId: string;
  attempt: number;
  container: string;
  stream: LogStream;
  line: string;
}

export interface LogPage {
  lines: LogLine[];
  next?: number;
}

export interface LogQuery {
  execution?: string;
  attempt?: number;
  container?: string;
  after?: number;
  limit?: number;
}

const runPath = (id: string) => `/api/runs/${encodeURIComponent(id)}`;

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const runsApi = {
  create: (body: CreateRunRequest) => request<RunRecord>('/api/runs', { method: 'POST', body }),
  get: (id: string) => request<RunRecord>(runPath(id)),
  list: (params: { workflowId: string; limit?: number; before?: string }) =>
    request<{ runs: RunSummary[]; next?: string }>(`/api/runs${query(params)}`),
  cancel: (id: string) => request<RunSummary>(`${runPath(id)}/cancel`, { method: 'POST', body: {} }),
  logs: (id: string, params: LogQuery) => request<LogPage>(`${runPath(id)}/logs${query({ ...params })}`),
};

export const eventsUrl = (id: string, after: number): string => `${runPath(id)}/events${after > 0 ? `?after=${after}` : ''}`;
