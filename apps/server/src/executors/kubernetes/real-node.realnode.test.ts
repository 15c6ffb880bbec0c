import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { parseWorkflow, type Json, type WorkflowDoc } from '@podflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildCli, podflow, repoRoot } from '../../cli/cli-harness';
import { startRun } from '../../scheduler/start-run';
import { LocalExecutor } from '../local/local-executor';
import { freshNamespace, leftovers, testKubeConfig } from './testing/k8s-test-env';
import { docOnRealNode, REAL_NODE, RealNodeExecutor, realNodeUnavailable } from './testing/real-node';
import { RunRecorder, workflowDoc } from './testing/run-recorder';

/**
 * Real pods on a real node (scripts/k8s/realnode: the kubelet, containerd, runc): the code runs from the code
 * ConfigMap, the result comes back in the termination message, logs come from the kubelet, per container.
 */
const unavailable = realNodeUnavailable();
const T = { timeout: 240_000 };
const seedFile = (name: string) => join(repoRoot, 'examples', 'seed', `${name}.podflow.yaml`);
const loadSeed = (name: string): WorkflowDoc => {
  const parsed = parseWorkflow(readFileSync(seedFile(name), 'utf8'));
  if (!parsed.ok) throw new Error(`${name}: ${parsed.issues.map((i) => i.message).join('; ')}`);
  return parsed.doc;
};
let runCounter = 0;
const runId = (what: string) => `rn-${what}-${process.pid}-${++runCounter}`;

if (unavailable) {
  describe('real node', () => {
    it.skip(`SKIPPED — ${unavailable}`, () => {});
  });
  process.stderr.write(`\n*** real-node tests SKIPPED: ${unavailable} ***\n\n`);
} else {
  let kc: KubeConfig;
  let namespace: string;
  let executor: RealNodeExecutor;
  let local: LocalExecutor;
  const dataDir = mkdtempSync(join(tmpdir(), 'podflow-realnode-local-'));

  beforeAll(async () => {
    kc = testKubeConfig();
    namespace = await freshNamespace(kc, 'pf-real');
    executor = new RealNodeExecutor(kc, namespace);
    local = new LocalExecutor({ dataDir });
  });
  afterAll(async () => {
    await executor?.close();
    await local?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const runOn = async (exec: RealNodeExecutor | LocalExecutor, doc: WorkflowDoc, inputs: Record<string, Json> = {}) => {
    const recorder = new RunRecorder();
    const id = runId(doc.metadata.name);
    const result = await startRun({ doc, runId: id, inputs, executor: exec, emit: recorder.emit }).done;
    return { result, recorder, runId: id };
  };
  /** Names of the nodes the run's pods were bound to, read from the attempt-started pods while they exist. */
  const logsOf = (recorder: RunRecorder, executionId: string, container: string, attempt?: number) =>
    recorder
      .of('log')
      .filter((e) => e.executionId === executionId && e.container === container && (attempt === undefined || e.attempt === attempt))
      .map((e) => e.line);

  describe('the four seed examples: the same outputs as the local executor', () => {
    const seeds: { name: string; inputs?: Record<string, Json> }[] = [
      { name: 'pod-workflow' },
      { name: 'multiple-containers-pod-workflow' },
      { name: 'map-pod-workflow', inputs: { list_of_ints: [1, 2, 3] } },
      { name: 'dynamic-pod-workflow' },
    ];
    for (const { name, inputs } of seeds) {
      it(name, T, async () => {
        const doc = loadSeed(name);
        const onLocal = await runOn(local, doc, inputs);
        expect(onLocal.result.status).toBe('succeeded');
        const onNode = await runOn(executor, doc, inputs);
        expect(onNode.result).toEqual(onLocal.result);
        // Every pod really ran on the real node: each attempt has its primary's exit code from the kubelet.
        const ended = onNode.recorder.of('container-ended').filter((e) => e.container === 'primary');
        expect(ended.length).toBeGreaterThan(0);
        expect(ended.every((e) => e.exitCode === 0)).toBe(true);
        expect(await leftovers(kc, namespace)).toEqual({ pods: [], configMaps: [] });
      });
    }
  });

  it('multiple containers: the sidecar writes the Memory emptyDir, the primary reads it, the sidecar is stopped when the primary ends', T, async () => {
    const doc = loadSeed('multiple-containers-pod-workflow');
    const spec = structuredClone(doc.spec);
    const secondary = (spec.tasks![0] as { pod: { spec: { containers: { name: string; args?: string[] }[] } } }).pod.spec.containers[1]!;
    // The seed's secondary, but it reports the filesystem of /data and then stays up.
    secondary.args = ['-c', 'echo hi pod world > /data/message.txt; grep " /data " /proc/mounts | cut -d" " -f3; exec sleep 1000'];
    const { result, recorder } = await runOn(executor, { ...doc, spec });
    expect(result).toEqual({ status: 'succeeded', outputs: { o0: 'hi pod world\n' } });
    const id = 'multiple_containers_pod_task';
    expect(logsOf(recorder, id, 'secondary')).toEqual(['tmpfs']);
    const sidecarEnd = recorder.of('container-ended').find((e) => e.container === 'secondary');
    // Stopped by the kubelet (SIGTERM to `sleep` as PID 1 is ignored, so SIGKILL after the grace period): 137 or 143.
    expect([137, 143]).toContain(sidecarEnd?.exitCode);
    expect(await leftovers(kc, namespace)).toEqual({ pods: [], configMaps: [] });
  });

  it('map: each item runs its init container before its primary, and retries per item', T, async () => {
    const doc = loadSeed('map-pod-workflow');
    const spec = structuredClone(doc.spec);
    // Every item's first attempt fails; the map's retries: 1 gives each item a second pod.
    spec.tasks![0]!.code = [
      'import os',
      '',
      'def map_pod_task(int_val: int) -> str:',
      '    if os.environ["PODFLOW_ATTEMPT"] == "0":',
      '        raise RuntimeError(f"first try of {int_val}")',
      '    return str(int_val)',
      '',
    ].join('\n');
    const { result, recorder } = await runOn(executor, { ...doc, spec }, { list_of_ints: [1, 2, 3] });
    expect(result).toEqual({ status: 'succeeded', outputs: { o0: '1, 2, 3' } });
    for (const i of [0, 1, 2]) {
      const id = `map_pod_task[${i}]`;
      const failed = recorder.of('attempt-failed').filter((e) => e.executionId === id);
      expect(failed).toEqual([expect.objectContaining({ attempt: 0, kind: 'error', exitCode: 1, reason: expect.stringContaining(`RuntimeError: first try of ${i + 1}`) })]);
      expect(recorder.of('attempt-succeeded').filter((e) => e.executionId === id).map((e) => e.attempt)).toEqual([1]);
      for (const attempt of [0, 1]) {
        expect(logsOf(recorder, id, 'init', attempt)).toEqual(["I'm a customizable init container"]);
        const events = recorder.events.filter((e) => 'executionId' in e && e.executionId === id && 'attempt' in e && e.attempt === attempt);
        const initEnded = events.findIndex((e) => e.type === 'container-ended' && e.container === 'init');
        const primaryEnded = events.findIndex((e) => e.type === 'container-ended' && e.container === 'primary');
        expect(initEnded).toBeGreaterThanOrEqual(0);
        expect(primaryEnded).toBeGreaterThan(initEnded);
      }
    }
  });

  it('a container over its memory limit: OOMKilled on the attempt', T, async () => {
    const doc = workflowDoc('rn-oom', {
      outputs: [{ name: 'o0', type: 'int', from: { node: 'hog', output: 'o0' } }],
      tasks: [
        {
          name: 'hog',
          type: 'python',
          code: 'def hog() -> int:\n    chunks = [bytearray(16 * 1024 * 1024) for _ in range(64)]\n    return len(chunks)\n',
          resources: { limits: { memory: '64Mi' }, requests: { memory: '64Mi' } },
        },
      ],
      nodes: [{ id: 'hog', task: 'hog' }],
    });
    const { result, recorder } = await runOn(executor, doc);
    expect(result.status).toBe('failed');
    const [failed] = recorder.of('attempt-failed');
    expect(failed).toMatchObject({ executionId: 'hog', attempt: 0, kind: 'oom', exitCode: 137 });
    expect(failed!.reason).toMatch(/^OOMKilled: container "primary" ran out of memory/);
    expect(failed!.reason).toContain('64Mi');
    expect(recorder.of('container-ended').find((e) => e.container === 'primary')).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
  });

  it('a failing init container: its exit code and its log, and the primary never runs', T, async () => {
    const doc = workflowDoc('rn-init-fails', {
      outputs: [{ name: 'o0', type: 'str', from: { node: 'after', output: 'o0' } }],
      tasks: [
        {
          name: 'after',
          type: 'python',
          code: 'def after() -> str:\n    print("primary ran")\n    return "no"\n',
          pod: {
            spec: {
              containers: [{ name: 'primary' }],
              initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'echo preparing; echo cannot prepare >&2; exit 4'] }],
            },
          },
        },
      ],
      nodes: [{ id: 'after', task: 'after' }],
    });
    const { result, recorder } = await runOn(executor, doc);
    expect(result.status).toBe('failed');
    const [failed] = recorder.of('attempt-failed');
    expect(failed).toMatchObject({ executionId: 'after', kind: 'error', exitCode: 4 });
    expect(failed!.reason).toMatch(/init/);
    // containerd reads stdout and stderr through separate pipes and the kubelet's log API merges them, so the two
    // lines may come back in either order.
    expect(logsOf(recorder, 'after', 'init').sort()).toEqual(['cannot prepare', 'preparing']);
    expect(recorder.of('container-ended').find((e) => e.container === 'init')).toMatchObject({ exitCode: 4 });
    expect(logsOf(recorder, 'after', 'primary')).toEqual([]);
  });

  it('an image the node does not have (never pulled): kind image, naming the image, at once', T, async () => {
    const doc = workflowDoc('rn-no-image', {
      outputs: [{ name: 'o0', type: 'str', from: { node: 'plain', output: 'o0' } }],
      tasks: [{ name: 'plain', type: 'python', image: 'podflow.local/missing:1', code: 'def plain() -> str:\n    return "no"\n' }],
      nodes: [{ id: 'plain', task: 'plain' }],
    });
    const { result, recorder } = await runOn(executor, doc);
    expect(result.status).toBe('failed');
    const [failed] = recorder.of('attempt-failed');
    expect(failed).toMatchObject({ executionId: 'plain', kind: 'image' });
    expect(failed!.reason).toMatch(/^ErrImageNeverPull: .*podflow\.local\/missing:1/);
    expect(await leftovers(kc, namespace)).toEqual({ pods: [], configMaps: [] });
  });

  describe('the bundled CLI: `podflow run --executor kubernetes` on the real node', () => {
    const dir = mkdtempSync(join(tmpdir(), 'podflow-realnode-cli-'));
    beforeAll(() => buildCli(), 180_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('map-pod-workflow: the outputs, and every container\'s logs shown per container', T, async () => {
      // What a user does: the seed with local images and the real node's placement, in the default namespace.
      const file = join(dir, 'map-pod-workflow.podflow.yaml');
      writeFileSync(file, stringify(docOnRealNode(loadSeed('map-pod-workflow'))));
      const r = podflow(['run', file, '--executor', 'kubernetes', '--json', '--logs', '--data-dir', join(dir, 'data')], { timeout: 200_000 });
      expect(r.stderr).not.toMatch(/at .*\.(m?js|ts):\d+/); // no stack trace
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', outputs: { o0: '1, 2, 3' } });
      for (const i of [0, 1, 2]) expect(r.stderr).toContain(`[map_pod_task[${i}] init] I'm a customizable init container`);
      const pods = await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: 'default', labelSelector: 'podflow/run' });
      expect(pods.items.map((p) => p.metadata?.name)).toEqual([]);
    });
  });

  it('the real node is the one running these pods (and kwok keeps its own)', async () => {
    const nodes = await kc.makeApiClient(CoreV1Api).listNode();
    const real = nodes.items.find((n) => n.metadata?.name === REAL_NODE.name);
    expect(real?.status?.nodeInfo?.containerRuntimeVersion).toMatch(/^containerd:\/\//);
    expect(real?.spec?.taints).toEqual([expect.objectContaining({ key: 'podflow.test/real-node', effect: 'NoSchedule' })]);
  });
}
