import type { WorkflowDoc } from '@podflow/core';
import type { PreflightResult } from '../executors/kubernetes/preflight';
import type { ExampleCatalog } from '../examples/example-catalog';
import type { RunEventBus } from '../runs/event-bus';
import type { RunService } from '../runs/run-service';
import type { LogStore } from '../store/log-store';
import type { RunEventStore } from '../store/run-event-store';
import type { RunStore } from '../store/run-store';
import type { WorkflowStore } from '../store/workflow-store';

/** What the routes work with; built once by the server wiring. */
export interface AppContext {
  workflows: WorkflowStore;
  runs: RunStore;
  runService: RunService;
  events: RunEventStore;
  logs: LogStore;
  bus: RunEventBus;
  examples: ExampleCatalog;
  /** Podflow's version, answered by /healthz. */
  version: string;
  /** Checks a workflow against a cluster (the kubeconfig context and namespace chosen as for runs). */
  preflight(doc: WorkflowDoc, kubernetes: { context?: string; namespace?: string }): Promise<PreflightResult>;
  /** Seconds between SSE heartbeat comments. */
  heartbeatSeconds: number;
}
