import fc from 'fast-check';
import { parseWorkflowOrThrow } from '../../../document/parse-workflow';
import type { WorkflowDoc } from '../../../document/workflow-schema';
import { validateWorkflow } from '../../../validate/validate-workflow';

/**
 * fast-check workflows that are valid and exportable to Argo (no dynamic tasks, one mapped input per map), varied
 * over what the Argo mapping decides: node ids with `_` and `-`, chains and joins, maps with concurrency, per-item
 * retries and minSuccessRatio, retries, timeouts, caches Argo can and cannot key, workflow inputs with and without
 * defaults, outputs, failure policy, and pods with sidecars, init containers, node selectors and podSpecPatch fields.
 */
const TASKS = [
  { name: 'src', type: 'python', code: 'def src(seed: int = 1) -> int:\n    return seed\n' },
  { name: 'inc', type: 'python', code: 'def inc(a: int, b: int = 0) -> int:\n    return a + b\n' },
  { name: 'rng', type: 'python', code: 'from typing import List\n\ndef rng(n: int) -> List[int]:\n    return list(range(n))\n' },
  { name: 'sq', type: 'python', code: 'def sq(x: int, label: str = "") -> int:\n    return x * x\n' },
  { name: 'total', type: 'python', code: 'from typing import List, Optional\n\ndef total(xs: List[Optional[int]]) -> int:\n    return sum(x or 0 for x in xs)\n' },
];

interface PodExtras { sidecar: boolean; init: boolean; nodeSelector: boolean; hostNetwork: boolean; labels: boolean }
interface NodeChoice { kind: 'src' | 'inc' | 'rng' | 'sq' | 'total'; sep: string; retries?: number; concurrency?: number; ratio?: number; upstream: number; constant: number }

const arbPodExtras: fc.Arbitrary<PodExtras> = fc.record({
  sidecar: fc.boolean(),
  init: fc.boolean(),
  nodeSelector: fc.boolean(),
  hostNetwork: fc.boolean(),
  labels: fc.boolean(),
});

const arbNode: fc.Arbitrary<NodeChoice> = fc.record({
  kind: fc.constantFrom('src', 'inc', 'rng', 'sq', 'total'),
  sep: fc.constantFrom('_', '-', ''),
  retries: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  concurrency: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
  ratio: fc.option(fc.constantFrom(0.5, 0.9, 1), { nil: undefined }),
  upstream: fc.nat(),
  constant: fc.integer({ min: -5, max: 50 }),
});

export const arbExportableWorkflow: fc.Arbitrary<WorkflowDoc> = fc
  .record({
    nodes: fc.array(arbNode, { minLength: 1, maxLength: 7 }),
    timeout: fc.option(fc.double({ min: 1, max: 3600, noNaN: true }), { nil: undefined }),
    cacheInc: fc.boolean(),
    cacheSq: fc.boolean(),
    seedDefault: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
    continueOnFailure: fc.boolean(),
    pod: arbPodExtras,
    retries: fc.integer({ min: 0, max: 2 }),
  })
  .map((r) => build(r))
  .filter((doc) => !validateWorkflow(doc).some((d) => d.severity === 'error'));

function build(r: { nodes: NodeChoice[]; timeout?: number; cacheInc: boolean; cacheSq: boolean; seedDefault?: number; continueOnFailure: boolean; pod: PodExtras; retries: number }): WorkflowDoc {
  const ints: string[] = [];
  const lists: string[] = [];
  const nodes: Record<string, unknown>[] = [];
  r.nodes.forEach((n, i) => {
    const id = `n${n.sep}${i}${n.sep}${n.kind}`;
    const pickInt = () => (ints.length ? { node: ints[n.upstream % ints.length], output: 'o0' } : { input: 'seed' });
    const pickList = () => (lists.length ? { node: lists[n.upstream % lists.length], output: 'o0' } : { value: [1, 2, 3] });
    let node: Record<string, unknown>;
    switch (n.kind) {
      case 'src':
        node = { id, task: 'src', inputs: { seed: { input: 'seed' } } };
        ints.push(id);
        break;
      case 'inc':
        node = { id, task: 'inc', inputs: { a: pickInt(), b: { value: n.constant } } };
        ints.push(id);
        break;
      case 'rng':
        node = { id, task: 'rng', inputs: { n: { value: Math.abs(n.constant) % 6 } } };
        lists.push(id);
        break;
      case 'sq': {
        const map: Record<string, number> = {};
        if (n.concurrency !== undefined) map.concurrency = n.concurrency;
        if (n.retries !== undefined) map.retries = n.retries;
        if (n.ratio !== undefined && n.ratio < 1) map.minSuccessRatio = n.ratio;
        node = { id, task: 'sq', map, inputs: { x: pickList(), label: { value: `item ${n.constant}` } } };
        lists.push(id);
        break;
      }
      default:
        node = { id, task: 'total', inputs: { xs: pickList() } };
        ints.push(id);
    }
    nodes.push(node);
  });
  const tasks = TASKS.map((t) => {
    const task: Record<string, unknown> = { ...t, retries: r.retries };
    if (t.name === 'inc' && r.cacheInc) task.cache = { enabled: true };
    if (t.name === 'sq' && r.cacheSq) task.cache = { enabled: true, version: '1' };
    if (t.name === 'inc' && r.timeout !== undefined) task.timeoutSeconds = r.timeout;
    if (t.name === 'sq') {
      const containers: unknown[] = [{ name: 'primary', volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] }];
      if (r.pod.sidecar) containers.push({ name: 'helper', image: 'busybox', command: ['sleep', '60'], volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] });
      const spec: Record<string, unknown> = { containers, volumes: [{ name: 'scratch', emptyDir: {} }] };
      if (r.pod.init) spec.initContainers = [{ name: 'prepare', image: 'alpine', command: ['true'] }];
      if (r.pod.nodeSelector) spec.nodeSelector = { pool: 'batch' };
      if (r.pod.hostNetwork) spec.hostNetwork = true;
      task.pod = { spec, ...(r.pod.labels ? { labels: { 'example.com/team': 'n' }, annotations: { on: 'yes' } } : {}) };
    }
    return task;
  });
  const last = nodes[nodes.length - 1]!;
  const outputType = last.task === 'rng' ? 'list[int]' : last.task === 'sq' ? (nodes.length && (last.map as Record<string, number>).minSuccessRatio !== undefined ? 'list[Optional[int]]' : 'list[int]') : 'int';
  const doc = {
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'arbitrary-export' },
    spec: {
      ...(r.continueOnFailure ? { failurePolicy: 'continue' } : {}),
      inputs: [{ name: 'seed', type: 'int', ...(r.seedDefault !== undefined ? { default: r.seedDefault } : {}) }],
      outputs: [{ name: 'result', type: outputType, from: { node: last.id, output: 'o0' } }],
      tasks,
      nodes,
    },
  };
  return parseWorkflowOrThrow(JSON.stringify(doc));
}
