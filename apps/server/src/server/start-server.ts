import { join } from 'node:path';
import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { namespaceOf, validatePodSpec, validateWorkflow, type WorkflowDoc } from '@podflow/core';
import packageJson from '../../package.json';
import { ExampleCatalog } from '../examples/example-catalog';
import type { Executor } from '../executors/executor';
import type { KubernetesExecutor } from '../executors/kubernetes/kubernetes-executor';
import { createExecutor, ExecutorUnavailableError } from '../executors/create-executor';
import { sweepLeftovers } from '../executors/local/process-lifetime';
import { ApiError } from '../http/api-error';
import { createApp } from '../http/create-app';
import { RunEventBus } from '../runs/event-bus';
import { RunService, type ExecutorProvider } from '../runs/run-service';
import type { StartRun } from '../runs/run-starter';
import { AttemptResultStore } from '../store/attempt-result-store';
import { LogStore } from '../store/log-store';
import { openDatabase } from '../store/open-database';
import { OutputCacheStore } from '../store/output-cache-store';
import { RunEventStore } from '../store/run-event-store';
import { RunStore } from '../store/run-store';
import { WorkflowStore } from '../store/workflow-store';
import { checkPythonSyntax } from '../validation/python-syntax';
import type { RunRecord } from '../store/run-store';
import { findRepoRoot } from './find-repo-root';

/**
 * The wiring of `podflow serve`: the database and stores, the live event bus, the executors, the run service (which
 * first ends the runs a previous process left unfinished), and the HTTP server, listening.
 */
export interface ServerConfig {
  /** Address to listen on (127.0.0.1 unless the user chose another). */
  host: string;
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  allowHosts: readonly string[];
  token: string;
  startRun: StartRun;
  /** Seconds between SSE heartbeats (default 15). */
  heartbeatSeconds?: number;
  /**
   * Whether runs may use the local executor (default true). Off when the server runs in a cluster: user code would
   * run in the server's pod, next to its service-account token and database.
   */
  localExecutor?: boolean;
  /** The namespace of Kubernetes runs that name none (in a cluster: the server's own, where its Role applies). */
  kubernetesNamespace?: string;
  /** Where apps/web/dist and examples/seed are (default: found from this file). */
  repoRoot?: string;
  /** Told of every route Fastify registers (see createApp). */
  onRoute?: (route: RouteOptions) => void;
}

export interface RunningServer {
  port: number;
  /** `http://127.0.0.1:PORT` (or the chosen host). */
  origin: string;
  /** Runs marked failed at start-up because the previous process stopped during them (local runs). */
  reconciled: number;
  /** Kubernetes runs the previous process left unfinished, being resumed. */
  resumed: number;
  app: FastifyInstance;
  close(): Promise<void>;
}

const WARM_UP_DOC: WorkflowDoc = {
  apiVersion: 'podflow/v1alpha1',
  kind: 'Workflow',
  metadata: { name: 'warm-up' },
  spec: { tasks: [{ name: 'warm', type: 'python', code: 'def warm(x: int) -> int:\n    return x\n' }], nodes: [] },
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const WILDCARD = new Set(['0.0.0.0', '::']);

export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const db = openDatabase(join(config.dataDir, 'podflow.db'));
  // Promises, not executors: two runs asking at once must share one executor, never make two (one would leak).
  const executors = new Map<string, Promise<Executor>>();
  try {
    const bus = new RunEventBus();
    const events = new RunEventStore(db, {
      onCommitted: (committed) => bus.publish(committed),
      onWriteError: (e) => process.stderr.write(`podflow: storing run events failed, retrying: ${e.message}\n`),
    });
    const workflows = new WorkflowStore(db);
    const runs = new RunStore(db);

    // Executors live as long as the server, one per kubeconfig context and namespace (createExecutor chooses the kind).
    const executorFor: ExecutorProvider = async (kind, chosen) => {
      if (kind === 'local' && config.localExecutor === false) {
        throw new ApiError(
          400,
          'executor-disabled',
          'the local executor is off on this server: it runs in a cluster, and a local run would run user code next to its service-account token and database. Run with executor "kubernetes" (or start the server with --local-executor on)',
          { field: 'executor' },
        );
      }
      const kubernetes = kind === 'kubernetes' && config.kubernetesNamespace && !chosen?.namespace ? { ...chosen, namespace: config.kubernetesNamespace } : chosen;
      const key = kind === 'kubernetes' ? `kubernetes/${kubernetes?.context ?? ''}/${kubernetes?.namespace ?? ''}` : 'local';
      let executor = executors.get(key);
      if (!executor) {
        executor = createExecutor(kind, {
          dataDir: config.dataDir,
          ...(kubernetes ? { kubernetes } : {}),
          log: (message) => process.stderr.write(`podflow: kubernetes: ${message}\n`),
        });
        executors.set(key, executor);
        executor.catch(() => executors.delete(key)); // a failed one is not kept: the next run may try again
      }
      try {
        return await executor;
      } catch (e) {
        if (e instanceof ExecutorUnavailableError) throw new ApiError(400, 'executor-unavailable', e.message, { field: 'kubernetes' });
        throw e;
      }
    };

    const runService = new RunService({
      defaultExecutor: config.localExecutor === false ? 'kubernetes' : 'local',
      workflows,
      runs,
      events,
      startRun: config.startRun,
      executorFor,
      cache: new OutputCacheStore(db),
      attemptResults: new AttemptResultStore(db),
      abandoned: (run) => removeLeftovers(run, executorFor),
      reattach: async (run, doc) => {
        const executor = await executorFor('kubernetes', run.options.kubernetes);
        if (!canReattach(executor)) throw new Error(`the ${executor.name} executor cannot find its pods again`);
        const namespace = executor.namespaceOf({ metadata: { namespace: namespaceOf(doc) } });
        return { executor, pods: await executor.reattach(run.id, { namespace }) };
      },
    });
    // Processes and pod directories a crashed predecessor left (kill -9): ended before its runs are marked failed.
    const swept = sweepLeftovers(config.dataDir);
    if (swept.killed > 0 || swept.removed > 0) {
      process.stderr.write(`podflow: ended ${swept.killed} process(es) and removed ${swept.removed} pod director(ies) left by a previous server\n`);
    }
    const reconciled = runService.reconcile();

    const repoRoot = config.repoRoot ?? findRepoRoot();
    const webDist = repoRoot ? join(repoRoot, 'apps', 'web', 'dist') : undefined;
    const examplesDir = repoRoot ? join(repoRoot, 'examples', 'seed') : undefined;
    let port = config.port;
    const app = await createApp({
      ctx: {
        workflows,
        runs,
        runService,
        events,
        logs: new LogStore(db),
        bus,
        examples: new ExampleCatalog(examplesDir && existsSync(examplesDir) ? examplesDir : undefined),
        version: packageJson.version,
        heartbeatSeconds: config.heartbeatSeconds ?? 15,
        preflight: async (doc, kubernetes) => {
          const executor = (await executorFor('kubernetes', kubernetes)) as KubernetesExecutor;
          const { preflight } = await import('../executors/kubernetes/preflight');
          const namespace = kubernetes.namespace ?? config.kubernetesNamespace;
          return preflight(doc, { kubeConfig: executor.kubeConfig, ...(namespace ? { namespace } : {}) });
        },
      },
      security: {
        token: config.token,
        port: () => port,
        allowHosts: config.allowHosts,
        ...(LOOPBACK.has(config.host) || WILDCARD.has(config.host) ? {} : { host: config.host }),
      },
      webDist: webDist && existsSync(webDist) ? webDist : undefined,
      ...(config.onRoute ? { onRoute: config.onRoute } : {}),
    });
    // Warm the validators (the PodSpec schema, the Python grammar, Python itself) before listening rather than in the first request.
    validatePodSpec({ containers: [{ name: 'warm-up' }] });
    validateWorkflow(WARM_UP_DOC);
    void checkPythonSyntax(WARM_UP_DOC); // python3 for Python's own syntax check, started now (runs share its cached answers)
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    if (address && typeof address === 'object') port = address.port;
    const shownHost = WILDCARD.has(config.host) ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;

    let closing: Promise<void> | undefined;
    return {
      port,
      origin: `http://${shownHost}:${port}`,
      reconciled: reconciled.length,
      resumed: runService.resumed.length,
      app,
      close: () =>
        (closing ??= (async () => {
          await app.close();
          await runService.shutdown();
          await closeExecutors(executors);
          events.close();
          db.close();
        })()),
    };
  } catch (e) {
    await closeExecutors(executors);
    closeQuietly(db);
    throw e;
  }
}

/**
 * After a restart, a run that was going on is failed; an executor that can find its objects again (Kubernetes: pods
 * by label) deletes them, so that nothing is left on the cluster. Best effort: failures are reported, not thrown.
 */
async function removeLeftovers(run: RunRecord, executorFor: ExecutorProvider): Promise<void> {
  try {
    const executor = await executorFor(run.executor, run.options.kubernetes);
    if (!canReattach(executor)) return;
    const attempts = await executor.reattach(run.id, run.options.kubernetes?.namespace ? { namespace: run.options.kubernetes.namespace } : {});
    const stop = new AbortController();
    stop.abort();
    await Promise.all(attempts.map((a) => a.resume({ log: () => {} }, stop.signal)));
  } catch (e) {
    process.stderr.write(`podflow: could not remove what run ${run.id} left on its executor: ${(e as Error).message}\n`);
  }
}

function canReattach(executor: Executor): executor is Executor & Pick<KubernetesExecutor, 'reattach' | 'namespaceOf'> {
  return typeof (executor as Partial<KubernetesExecutor>).reattach === 'function';
}

async function closeExecutors(executors: Map<string, Promise<Executor>>): Promise<void> {
  await Promise.allSettled([...executors.values()].map(async (e) => (await e).close()));
}

function closeQuietly(db: Database.Database): void {
  try {
    db.close();
  } catch {
    // already closed
  }
}
