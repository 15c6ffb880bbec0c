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
  /** Seconds between SSE heartbeat comments. */
  heartbeatSeconds: number;
}
