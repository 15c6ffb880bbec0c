// Section "realnode": a 50-item map through the real scheduler and the Kubernetes executor on the real node of
// scripts/k8s/realnode (a kubelet with containerd and runc: every item is a real pod running Python), beside the same
// map on kwok in the same cluster (each pod scripted, ~0.4 s). Reports items finished per second end to end and pods
// created per second (a separate watch, first to last ADDED). Builds what it needs (cached), starts the control plane
// and the node in a temporary directory, and always stops both (stop-node.sh undoes the node's host changes).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { Executor } from '../apps/server/src/executors/executor';
import { createKubernetesExecutor } from '../apps/server/src/executors/kubernetes/index';
import { freshNamespace } from '../apps/server/src/executors/kubernetes/testing/k8s-test-env';
import { RealNodeExecutor } from '../apps/server/src/executors/kubernetes/testing/real-node';
import { workflowDoc } from '../apps/server/src/executors/kubernetes/testing/run-recorder';
import { envelope, ScriptedExecutor } from '../apps/server/src/executors/kubernetes/testing/scripted-executor';
import { startRun } from '../apps/server/src/scheduler/start-run';
import { freePorts, PodClock, run } from './k8s-bench';
import type { Row } from './main';
import { stat } from './stats';

const ITEMS = 50;
const CONCURRENCY = 10;
const REPEATS = 3;

const notMeasured = (why: string): Row[] => [{ section: 'realnode', case: `map of ${ITEMS}`, value: stat([0]), unit: '', note: `not measured: ${why}` }];

const mapDoc = () =>
  workflowDoc('bench-realnode-map', {
    inputs: [{ name: 'xs', type: 'list[int]' }],
    outputs: [{ name: 'squares', type: 'list[int]', from: { node: 'square', output: 'o0' } }],
    tasks: [{ name: 'square', type: 'python', code: 'def square(x: int) -> int:\n    return x * x\n' }],
    nodes: [{ id: 'square', task: 'square', map: { concurrency: CONCURRENCY }, inputs: { x: { input: 'xs' } } }],
  });

async function timeMap(kc: KubeConfig, namespace: string, executor: Executor, runId: string): Promise<{ itemsPerSecond: number; createdPerSecond: number }> {
  const clock = new PodClock(kc, namespace, `podflow/run=${runId}`);
  await clock.start();
  const xs = Array.from({ length: ITEMS }, (_, i) => i);
  try {
    const t0 = performance.now();
    const result = await startRun({ doc: mapDoc(), runId, inputs: { xs }, executor, emit: () => {} }).done;
    const seconds = (performance.now() - t0) / 1000;
    const squares = (result.outputs as { squares?: number[] }).squares;
    if (result.status !== 'succeeded' || squares?.length !== ITEMS || squares.some((v, i) => v !== i * i)) throw new Error(`the map run ended ${result.status}`);
    await clock.seen(ITEMS);
    return { itemsPerSecond: ITEMS / seconds, createdPerSecond: clock.rate() };
  } finally {
    clock.stop();
  }
}

export async function runRealNodeSection(root: string): Promise<Row[]> {
  const here = `${root}scripts/k8s`;
  const steps: [string, string[]][] = [[`${here}/build.sh`, []], [`${here}/realnode/build-kubelet.sh`, []]];
  const outs: string[] = [];
  for (const [cmd, args] of steps) {
    const r = await run(cmd, args, process.env);
    const out = r.stdout.trim().split('\n').pop();
    if (r.code !== 0 || !out) return notMeasured(`${cmd.slice(root.length)} exited ${r.code}: ${r.stderr.trim().split('\n').pop() ?? ''}`);
    outs.push(out);
  }
  const [bin, kubeletBin] = outs as [string, string];
  const tImages = performance.now();
  const images = await run(`${here}/realnode/build-images.sh`, [join(kubeletBin, 'pause')], process.env);
  const imagesDir = images.stdout.trim().split('\n').pop();
  if (images.code !== 0 || !imagesDir) return notMeasured(`build-images.sh exited ${images.code}`);
  const imagesSeconds = (performance.now() - tImages) / 1000;

  const dir = mkdtempSync(join(tmpdir(), 'podflow-bench-realnode-'));
  const [api, etcd, peer, sched, kwok] = await freePorts(5);
  const env = {
    ...process.env,
    PODFLOW_K8S_BIN: bin,
    PODFLOW_K8S_BIN_KUBELET: kubeletBin,
    PODFLOW_REALNODE_IMAGES: imagesDir,
    PODFLOW_K8S_APISERVER_PORT: String(api),
    PODFLOW_K8S_ETCD_PORT: String(etcd),
    PODFLOW_K8S_ETCD_PEER_PORT: String(peer),
    PODFLOW_K8S_SCHEDULER_PORT: String(sched),
    PODFLOW_K8S_KWOK_PORT: String(kwok),
  };
  const stopSync = () => {
    spawnSync(`${here}/realnode/stop-node.sh`, [dir], { stdio: 'ignore' });
    spawnSync(`${here}/stop.sh`, [dir], { stdio: 'ignore' });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    stopSync();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let ok = false;
  try {
    const start = await run(`${here}/start.sh`, [dir], env);
    if (start.code !== 0) throw new Error(`scripts/k8s/start.sh exited ${start.code}`);
    const tNode = performance.now();
    const node = await run(`${here}/realnode/start-node.sh`, [dir], env);
    if (node.code === 3) return notMeasured(`this machine cannot run a real node: ${node.stderr.trim().split('\n').pop() ?? ''}`);
    if (node.code !== 0) throw new Error(`start-node.sh exited ${node.code}: ${node.stderr.trim().split('\n').slice(-3).join(' ')}`);
    const nodeSeconds = (performance.now() - tNode) / 1000;
    const kc = new KubeConfig();
    kc.loadFromFile(join(dir, 'kubeconfig'));
    const realNs = await freshNamespace(kc, 'bench-real');
    const kwokNs = await freshNamespace(kc, 'bench-kwok');
    const real = new RealNodeExecutor(kc, realNs);
    const scripted = new ScriptedExecutor(createKubernetesExecutor({ kubeConfig: kc, namespace: kwokNs }), (request) => ({
      message: envelope({ ok: true, outputs: { o0: (request.compiled.inputs.x as number) ** 2 } }),
    }));
    const onReal: Awaited<ReturnType<typeof timeMap>>[] = [];
    const onKwok: Awaited<ReturnType<typeof timeMap>>[] = [];
    try {
      for (let rep = 0; rep < REPEATS; rep++) {
        process.stderr.write(`bench: realnode run ${rep + 1}/${REPEATS}\n`);
        onKwok.push(await timeMap(kc, kwokNs, scripted, `bench-kwok-${process.pid}-${rep}`));
        onReal.push(await timeMap(kc, realNs, real, `bench-real-${process.pid}-${rep}`));
      }
    } finally {
      await real.close();
      await scripted.close();
    }
    ok = true;
    const setup = `node start ${nodeSeconds.toFixed(1)} s (containerd, 3 image imports, kubelet, Ready); images ${imagesSeconds < 10 ? 'cached' : `built in ${imagesSeconds.toFixed(0)} s`}; ${REPEATS} runs each, interleaved`;
    return [
      {
        section: 'realnode',
        case: `map of ${ITEMS}, concurrency ${CONCURRENCY}, real node: items finished/s`,
        value: stat(onReal.map((r) => r.itemsPerSecond)),
        unit: ' pods/s',
        baseline: { name: 'the same map on kwok, same cluster', value: stat(onKwok.map((r) => r.itemsPerSecond)), unit: ' pods/s' },
        note: `each item a real pod (sandbox, python3 entrypoint, termination message, logs, delete) on 2 shared CPUs; ${setup}`,
      },
      {
        section: 'realnode',
        case: `map of ${ITEMS}, concurrency ${CONCURRENCY}, real node: pods created/s (watch)`,
        value: stat(onReal.map((r) => r.createdPerSecond)),
        unit: ' pods/s',
        baseline: { name: 'the same map on kwok, same cluster', value: stat(onKwok.map((r) => r.createdPerSecond)), unit: ' pods/s' },
      },
    ];
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    const stopNode = await run(`${here}/realnode/stop-node.sh`, [dir], process.env);
    const stop = await run(`${here}/stop.sh`, [dir], process.env);
    if (stopNode.code !== 0 || stop.code !== 0) process.stderr.write(`bench: stopping the node or the cluster failed: ${stopNode.stderr}${stop.stderr}\n`);
    if (ok && stop.code === 0 && stopNode.code === 0) rmSync(dir, { recursive: true, force: true });
    else process.stderr.write(`bench: kept ${dir}\n`);
  }
}
