// Section "kubernetes": a 200-item map with concurrency 20 through the real scheduler and the Kubernetes executor,
// against the real control plane of scripts/k8s (kube-apiserver, kube-scheduler, etcd; kwok plays the kubelet and
// the executor is wrapped by the test helper that scripts each pod's outcome through kwok annotations). Reports pods
// created per second as a separate watch sees them (first to last ADDED) and the run's end-to-end time. Baseline, same
// cluster, same run: 200 bare pods created and deleted with @kubernetes/client-node, 20 at a time, through the same
// client-side limit as the executor (none by default here: the API server has API Priority and Fairness; and 50 QPS,
// burst 100, the executor's limit on a server without it), seen through the same watch.
// Builds the control plane (cached) and starts it in a temporary directory on free ports; always stops it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig, Watch, type V1Pod } from '@kubernetes/client-node';
import { createKubernetesExecutor } from '../apps/server/src/executors/kubernetes/index';
import { freshNamespace } from '../apps/server/src/executors/kubernetes/testing/k8s-test-env';
import { workflowDoc } from '../apps/server/src/executors/kubernetes/testing/run-recorder';
import { envelope, ScriptedExecutor } from '../apps/server/src/executors/kubernetes/testing/scripted-executor';
import { startRun } from '../apps/server/src/scheduler/start-run';
import { preflight } from '../apps/server/src/executors/kubernetes/preflight';
import { compileWorkflow } from '@podflow/core';
import { syntheticWorkflow } from '../packages/core/src/__fixtures__/synthetic';
import { TokenBucket } from '../apps/server/src/executors/kubernetes/token-bucket';
import type { Row } from './main';
import { stat } from './stats';

const ITEMS = 200;
const CONCURRENCY = 20;
export const K8S_REPEATS = 3;

const notMeasured = (why: string): Row[] => [{ section: 'kubernetes', case: `map of ${ITEMS}, concurrency ${CONCURRENCY}`, value: stat([0]), unit: '', note: `not measured: ${why}` }];

function hasGo(): boolean {
  return spawnSync('sh', ['-c', 'command -v go'], { stdio: 'ignore' }).status === 0;
}

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', (e) => resolve({ code: 1, stdout, stderr: `${stderr}${e.message}` }));
    p.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<ReturnType<typeof createServer>>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => resolve(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** When each pod of a label selector was first seen (ADDED) through a watch of the namespace. */
export class PodClock {
  readonly added = new Map<string, number>();
  private controller: AbortController | undefined;
  private waiter: { count: number; resolve: () => void } | undefined;

  constructor(
    private readonly kc: KubeConfig,
    private readonly namespace: string,
    private readonly labelSelector: string,
  ) {}

  async start(): Promise<void> {
    const list = await this.kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: this.namespace, labelSelector: this.labelSelector });
    this.controller = await new Watch(this.kc).watch(
      `/api/v1/namespaces/${this.namespace}/pods`,
      { labelSelector: this.labelSelector, resourceVersion: list.metadata?.resourceVersion },
      (type: string, pod: V1Pod) => {
        const name = pod.metadata?.name;
        if (type !== 'ADDED' || !name || this.added.has(name)) return;
        this.added.set(name, performance.now());
        if (this.waiter && this.added.size >= this.waiter.count) this.waiter.resolve();
      },
      () => {},
    );
  }

  seen(count: number, timeoutMs = 120_000): Promise<void> {
    if (this.added.size >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the watch saw ${this.added.size} of ${count} pods in ${timeoutMs / 1000} s`)), timeoutMs);
      this.waiter = { count, resolve: () => (clearTimeout(timer), resolve()) };
    });
  }

  /** Pods per second from the first ADDED to the last. */
  rate(): number {
    const times = [...this.added.values()].sort((a, b) => a - b);
    return ((times.length - 1) * 1000) / (times[times.length - 1]! - times[0]!);
  }

  stop(): void {
    this.controller?.abort();
  }
}

const SQUARE = 'def square(x: int) -> int:\n    return x * x\n';
const squareDoc = () =>
  workflowDoc('bench-k8s-map', {
    inputs: [{ name: 'xs', type: 'list[int]' }],
    outputs: [{ name: 'squares', type: 'list[int]', from: { node: 'square', output: 'o0' } }],
    tasks: [{ name: 'square', type: 'python', code: SQUARE }],
    nodes: [{ id: 'square', task: 'square', map: { concurrency: CONCURRENCY }, inputs: { x: { input: 'xs' } } }],
  });

/** `limit`: the executor's client-side API limit (undefined: its default — none when the server has Priority and Fairness). */
async function podflowMap(kc: KubeConfig, namespace: string, runId: string, limit?: { qps: number; burst: number }): Promise<{ seconds: number; podsPerSecond: number; apiCalls: number; logReads: number; deleteBatches: number; serverFairness: boolean | undefined }> {
  const clock = new PodClock(kc, namespace, `podflow/run=${runId}`);
  await clock.start();
  // kwok plays each pod; the helper writes the result envelope the task's entrypoint would have written.
  const executor = new ScriptedExecutor(createKubernetesExecutor({ kubeConfig: kc, namespace, ...limit }), (request) => ({
    message: envelope({ ok: true, outputs: { o0: (request.compiled.inputs.x as number) ** 2 } }),
  }));
  const xs = Array.from({ length: ITEMS }, (_, i) => i);
  try {
    const t0 = performance.now();
    // Nobody follows the run live (as a server run with no one on its page): logs are read once at the end.
    const watched = { now: () => false, onChange: () => () => {} };
    const result = await startRun({ doc: squareDoc(), runId, inputs: { xs }, executor, emit: () => {}, watched }).done;
    const seconds = (performance.now() - t0) / 1000;
    if (result.status !== 'succeeded') throw new Error(`the map run ended ${result.status}`);
    const squares = (result.outputs as { squares?: number[] }).squares;
    if (squares?.length !== ITEMS || squares.some((v, i) => v !== i * i)) throw new Error('the map run produced wrong outputs');
    await clock.seen(ITEMS);
    const api = executor.inner.api;
    return { seconds, podsPerSecond: clock.rate(), apiCalls: api.calls, logReads: api.logReads, deleteBatches: executor.inner.reaperOf(namespace).batches, serverFairness: api.serverFairness };
  } finally {
    clock.stop();
    await executor.close();
  }
}

/**
 * The baseline: client-node creating 200 bare pods and deleting each again, 20 in flight, through the same client-side
 * limit as the executor (a token bucket of `qps`, `burst`; qps 0: none) — the two calls a pod needs at the least.
 */
async function barePods(kc: KubeConfig, namespace: string, batch: string, qps: number, burst: number): Promise<number> {
  const clock = new PodClock(kc, namespace, `bench/batch=${batch}`);
  await clock.start();
  const core = kc.makeApiClient(CoreV1Api);
  const limiter = new TokenBucket(qps, burst);
  try {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < ITEMS) {
          const name = `${batch}-${next++}`;
          await limiter.take();
          await core.createNamespacedPod({
            namespace,
            body: {
              metadata: { name, labels: { 'bench/batch': batch } },
              spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'python:3.12-slim', command: ['python', '-c', 'pass'] }] },
            },
          });
          await limiter.take();
          await core.deleteNamespacedPod({ namespace, name, gracePeriodSeconds: 0 });
        }
      }),
    );
    await clock.seen(ITEMS);
    return clock.rate();
  } finally {
    clock.stop();
  }
}

const LATTICE = 1000;

/** Preflight of the 1,000-node lattice (dry runs of each distinct pod shape, references, nodes, RBAC): ms. */
async function preflightLattice(kc: KubeConfig, namespace: string): Promise<{ ms: number; dryRuns: number; accessReviews: number }> {
  const doc = syntheticWorkflow('lattice', LATTICE);
  const t0 = performance.now();
  const result = await preflight(doc, { kubeConfig: kc, namespace });
  const ms = performance.now() - t0;
  if (result.diagnostics.some((d) => d.severity === 'error')) throw new Error(`preflight of the lattice found errors: ${result.diagnostics[0]!.message}`);
  return { ms, dryRuns: result.counts.dryRuns, accessReviews: result.counts.accessReviews };
}

/** Baseline: every compiled pod of the lattice dry-run with client-node (strict), 16 in flight, as a naive check would. */
async function dryRunEveryPod(kc: KubeConfig, namespace: string): Promise<number> {
  const pods = compileWorkflow(syntheticWorkflow('lattice', LATTICE)).map((c) => ({ ...c.pod, metadata: { ...c.pod.metadata, namespace } }));
  const core = kc.makeApiClient(CoreV1Api);
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < pods.length) {
        const body = pods[next++]! as V1Pod;
        await core.createNamespacedPod({ namespace, body, dryRun: 'All', fieldValidation: 'Strict' });
      }
    }),
  );
  return performance.now() - t0;
}

export async function runK8sSection(root: string): Promise<Row[]> {
  if (!process.env.PODFLOW_K8S_BIN && !hasGo()) return notMeasured('Go is not installed (scripts/k8s/build.sh builds the control plane with it)');
  const here = `${root}scripts/k8s`;
  const tBuild = performance.now();
  const build = await run(`${here}/build.sh`, [], process.env);
  const bin = build.stdout.trim().split('\n').pop();
  if (build.code !== 0 || !bin) return notMeasured(`scripts/k8s/build.sh exited ${build.code}: ${build.stderr.trim().split('\n').pop() ?? ''}`);
  const buildSeconds = (performance.now() - tBuild) / 1000;

  const dir = mkdtempSync(join(tmpdir(), 'podflow-bench-k8s-'));
  const [api, etcd, peer, sched, kwok] = await freePorts(5);
  const env = {
    ...process.env,
    PODFLOW_K8S_BIN: bin,
    PODFLOW_K8S_APISERVER_PORT: String(api),
    PODFLOW_K8S_ETCD_PORT: String(etcd),
    PODFLOW_K8S_ETCD_PEER_PORT: String(peer),
    PODFLOW_K8S_SCHEDULER_PORT: String(sched),
    PODFLOW_K8S_KWOK_PORT: String(kwok),
  };
  // Whatever happens (an error, Ctrl-C), stop.sh stops exactly the processes start.sh recorded.
  const stopSync = () => spawnSync(`${here}/stop.sh`, [dir], { stdio: 'ignore' });
  const onSignal = (signal: NodeJS.Signals) => {
    stopSync();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let ok = false;
  try {
    const tStart = performance.now();
    const start = await run(`${here}/start.sh`, [dir], env);
    if (start.code !== 0) throw new Error(`scripts/k8s/start.sh exited ${start.code}: ${start.stderr.trim().split('\n').slice(-3).join(' ')}`);
    const startSeconds = (performance.now() - tStart) / 1000;
    const kc = new KubeConfig();
    kc.loadFromFile(join(dir, 'kubeconfig'));
    const podflowNs = await freshNamespace(kc, 'bench-podflow');
    const bareNs = await freshNamespace(kc, 'bench-bare');

    const podflow: Awaited<ReturnType<typeof podflowMap>>[] = [];
    const limited: number[] = [];
    const bare: number[] = [];
    const bareLimited: number[] = [];
    for (let rep = 0; rep < K8S_REPEATS; rep++) {
      process.stderr.write(`bench: kubernetes run ${rep + 1}/${K8S_REPEATS}\n`);
      bare.push(await barePods(kc, bareNs, `bare${rep}`, 0, 1));
      podflow.push(await podflowMap(kc, podflowNs, `bench-k8s-${process.pid}-${rep}`));
      bareLimited.push(await barePods(kc, bareNs, `bare${rep}-limit`, 50, 100));
      limited.push((await podflowMap(kc, podflowNs, `bench-k8s-${process.pid}-${rep}-limit`, { qps: 50, burst: 100 })).podsPerSecond);
    }
    const checks: Awaited<ReturnType<typeof preflightLattice>>[] = [];
    const naive: number[] = [];
    for (let rep = 0; rep < K8S_REPEATS; rep++) {
      process.stderr.write(`bench: preflight of the ${LATTICE}-node lattice ${rep + 1}/${K8S_REPEATS}\n`);
      naive.push(await dryRunEveryPod(kc, podflowNs));
      checks.push(await preflightLattice(kc, podflowNs));
    }
    ok = true;
    const s = (f: (r: (typeof podflow)[number]) => number) => stat(podflow.map(f));
    const setup = `control plane: build ${buildSeconds < 5 ? 'cached' : `${buildSeconds.toFixed(0)} s`}, start ${startSeconds.toFixed(1)} s; ${podflow.length} runs each, interleaved`;
    return [
      {
        section: 'kubernetes',
        case: `map of ${ITEMS}, concurrency ${CONCURRENCY}: pods created/s (watch)`,
        value: s((r) => r.podsPerSecond),
        unit: ' pods/s',
        baseline: { name: `client-node creating and deleting ${ITEMS} bare pods, ${CONCURRENCY} in flight, no client-side limit`, value: stat(bare), unit: ' pods/s' },
        note: `kwok pods live ~0.4 s, so ${CONCURRENCY} slots bound the map near ${CONCURRENCY / 0.4} pods/s; the executor's default limit: ${podflow.every((r) => r.serverFairness) ? 'none, as the API server showed API Priority and Fairness' : 'the fallback 50 QPS, burst 100 (the API server showed no Priority and Fairness)'}; ${setup}`,
      },
      {
        section: 'kubernetes',
        case: `map of ${ITEMS}, concurrency ${CONCURRENCY}, --kube-api-qps 50 --kube-api-burst 100: pods created/s`,
        value: stat(limited),
        unit: ' pods/s',
        baseline: { name: `client-node creating and deleting ${ITEMS} bare pods, ${CONCURRENCY} in flight, 50 QPS, burst 100`, value: stat(bareLimited), unit: ' pods/s' },
        note: "the executor's limit on an API server without Priority and Fairness",
      },
      {
        section: 'kubernetes',
        case: `map of ${ITEMS}, concurrency ${CONCURRENCY}: end to end`,
        value: s((r) => r.seconds * 1000),
        unit: ' ms',
        note: `${(s((r) => r.apiCalls).median / ITEMS).toFixed(2)} executor API calls per pod (${Math.round(s((r) => r.apiCalls).median)} a run, ${(s((r) => r.apiCalls).median / s((r) => r.seconds).median).toFixed(0)}/s; ${(s((r) => r.logReads).median / ITEMS).toFixed(2)} log reads per pod, ${Math.round(s((r) => r.deleteBatches).median)} deletecollection calls); nobody watching live`,
      },
      {
        section: 'kubernetes',
        case: `preflight of the ${LATTICE}-node lattice (Check against cluster)`,
        value: stat(checks.map((c) => c.ms)),
        unit: ' ms',
        baseline: { name: `client-node, a strict dry run of each of the ${LATTICE} compiled pods, 16 in flight`, value: stat(naive), unit: ' ms' },
        note: `${checks[0]!.dryRuns} dry runs (one per distinct pod shape), ${checks[0]!.accessReviews} access reviews, node list, compile included`,
      },
    ];
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    const stop = await run(`${here}/stop.sh`, [dir], process.env);
    if (stop.code !== 0) process.stderr.write(`bench: scripts/k8s/stop.sh exited ${stop.code}; see ${dir}/pids\n`);
    if (ok && stop.code === 0) rmSync(dir, { recursive: true, force: true });
    else process.stderr.write(`bench: kept ${dir} (logs in ${dir}/logs)\n`);
  }
}
