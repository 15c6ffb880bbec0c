import type { Json } from '../util/json';
import type { DynamicSpec } from '../compile/runtime-contract';

/**
 * Run events: the source of truth of a run (DESIGN.md §1.6). The scheduler emits them; the server stores them,
 * streams them to the browser (SSE id = `seq`), and rebuilds a run's state from them after a restart.
 */
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type NodeStatus = 'queued' | 'running' | 'retrying' | 'succeeded' | 'failed' | 'cancelled' | 'skipped' | 'cached';
export type LogStream = 'stdout' | 'stderr';

/** Why an attempt failed, in a form a person can act on and the scheduler can decide on. */
export type FailureKind =
  | 'error' // the task raised or a container exited non-zero
  | 'timeout'
  | 'oom'
  | 'unschedulable'
  | 'image' // ImagePullBackOff / ErrImagePull
  | 'config' // CreateContainerConfigError, a mount that cannot be made, a container with no command…
  | 'evicted'
  | 'deleted' // the pod was deleted by someone else
  | 'cancelled'
  | 'system';

export type RunEventBody =
  | { type: 'run-started'; workflow: string; version?: number; executor: string; inputs: Record<string, Json> }
  | { type: 'node-queued'; executionId: string; nodeId: string; task: string }
  | { type: 'node-started'; executionId: string }
  | { type: 'map-expanded'; executionId: string; items: number }
  | { type: 'dynamic-expanded'; executionId: string; spec: DynamicSpec }
  | { type: 'attempt-started'; executionId: string; attempt: number; podName: string; containers: string[] }
  | { type: 'log'; executionId: string; attempt: number; container: string; stream: LogStream; line: string; ts: number }
  | { type: 'container-ended'; executionId: string; attempt: number; container: string; exitCode: number | null; reason?: string }
  /**
   * A Kubernetes Event about the attempt's pod (FailedScheduling, FailedMount, FailedCreatePodSandBox, BackOff, an
   * image pull error…), as it happens: why a pod is not running yet. `warning`: the Event's type was Warning.
   */
  | { type: 'pod-event'; executionId: string; attempt: number; reason: string; message: string; warning: boolean }
  | { type: 'attempt-succeeded'; executionId: string; attempt: number }
  | { type: 'attempt-failed'; executionId: string; attempt: number; kind: FailureKind; reason: string; exitCode?: number | null }
  | { type: 'node-retrying'; executionId: string; attempt: number; of: number }
  | { type: 'node-succeeded'; executionId: string; outputs: Record<string, Json> }
  | { type: 'node-cached'; executionId: string; outputs: Record<string, Json>; fromRun?: string }
  | { type: 'node-failed'; executionId: string; reason: string; kind: FailureKind }
  | { type: 'node-skipped'; executionId: string; reason: string }
  | { type: 'node-cancelled'; executionId: string }
  | { type: 'run-succeeded'; outputs: Record<string, Json> }
  | { type: 'run-failed'; reason: string }
  | { type: 'run-cancelled'; reason?: string };

export type RunEvent = RunEventBody & {
  runId: string;
  /** 1, 2, 3… per run, without gaps. */
  seq: number;
  /** Epoch milliseconds. */
  ts: number;
};

export type RunEventType = RunEvent['type'];
