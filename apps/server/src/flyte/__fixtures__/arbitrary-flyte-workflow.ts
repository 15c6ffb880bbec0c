// Test-only: fast-check workflows that a flytekit module can hold — a chain of typed tasks (some mapped), with pods,
// sidecars, init containers, volumes, node selectors, tolerations, resources, images, env, retries, timeouts and
// cache — for the round trip import(export(doc)) ≡ doc under real flytekit.
import fc from 'fast-check';
import { nodeId, parseWorkflowOrThrow, type Binding, type Task, type WorkflowDoc, type WorkflowNode } from '@podflow/core';

// Requests never exceed limits (the lowest limit is at least the highest request), as a valid workflow needs.
const nonEmpty = (o: object) => Object.keys(o).length > 0;
const arbRequests = fc.record({ cpu: fc.constantFrom('100m', '.5', '1'), memory: fc.constantFrom('64Mi', '500Mi') }, { requiredKeys: [] }).filter(nonEmpty);
const arbLimits = fc.record({ cpu: fc.constantFrom('1', '2'), memory: fc.constantFrom('500Mi', '1G') }, { requiredKeys: [] }).filter(nonEmpty);
const arbResources = fc.record({ requests: arbRequests, limits: arbLimits }, { requiredKeys: [] }).filter(nonEmpty);
const arbLabel = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/);
const arbText = fc.constantFrom('plain', 'with "quotes"', "it's", 'line\nbreak', '日本語', 'x: y', '');

const arbPodSpec = fc.record(
  {
    sidecar: fc.boolean(),
    init: fc.boolean(),
    volume: fc.boolean(),
    nodeSelector: fc.dictionary(arbLabel, arbLabel, { maxKeys: 2 }),
    toleration: fc.boolean(),
    primaryResources: fc.option(arbResources, { nil: undefined }),
    primaryEnv: fc.option(arbText, { nil: undefined }),
  },
).map(({ sidecar, init, volume, nodeSelector, toleration, primaryResources, primaryEnv }) => {
  const mounts = volume ? [{ name: 'scratch', mountPath: '/scratch' }] : undefined;
  const primary: Record<string, unknown> = { name: 'primary' };
  if (primaryResources && (Object.keys(primaryResources.requests ?? {}).length || Object.keys(primaryResources.limits ?? {}).length)) primary.resources = primaryResources;
  if (primaryEnv !== undefined) primary.env = [{ name: 'NOTE', value: primaryEnv }];
  if (mounts) primary.volumeMounts = mounts;
  const spec: Record<string, unknown> = { containers: [primary, ...(sidecar ? [{ name: 'side', image: 'busybox', command: ['sh', '-c', 'sleep 1'], ...(mounts ? { volumeMounts: mounts } : {}) }] : [])] };
  if (init) spec.initContainers = [{ name: 'init', image: 'alpine', command: ['true'] }];
  if (volume) spec.volumes = [{ name: 'scratch', emptyDir: {} }];
  if (Object.keys(nodeSelector).length) spec.nodeSelector = nodeSelector;
  if (toleration) spec.tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' }];
  return spec;
});

const arbTaskSettings = fc.record(
  {
    pod: arbPodSpec,
    resources: arbResources,
    image: fc.constantFrom('python:3.12-slim', 'python:3.11'),
    env: fc.dictionary(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,6}$/), arbText, { minKeys: 1, maxKeys: 2 }),
    retries: fc.integer({ min: 1, max: 5 }),
    timeoutSeconds: fc.integer({ min: 1, max: 3600 }),
    cache: fc.constantFrom({ enabled: true, version: '1' }, { enabled: true, version: 'v2' }),
  },
  { requiredKeys: [] },
);

/** 1–4 tasks in a chain of ints (optionally through a map node, which yields a list that a sum task folds back). */
export const arbFlyteWorkflow: fc.Arbitrary<WorkflowDoc> = fc
  .record({
    steps: fc.array(fc.record({ settings: arbTaskSettings, mapped: fc.boolean(), add: fc.integer({ min: -5, max: 5 }) }), { minLength: 1, maxLength: 4 }),
    inputDefault: fc.option(fc.integer({ min: -100, max: 100 }), { nil: undefined }),
    continueOnFailure: fc.boolean(),
    concurrency: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
  })
  .map(({ steps, inputDefault, continueOnFailure, concurrency }) => {
    const tasks: Task[] = [];
    const nodes: WorkflowNode[] = [];
    let previous: Binding = { input: 'x' };
    steps.forEach((step, i) => {
      const name = `step_${i}`;
      const settings = step.settings;
      const task: Record<string, unknown> = { name, type: 'python', code: `def ${name}(v: int, k: int = ${step.add}) -> int:\n    return v + k\n` };
      if (settings.pod) task.pod = { spec: settings.pod };
      for (const key of ['resources', 'image', 'env', 'retries', 'timeoutSeconds', 'cache'] as const) if (settings[key] !== undefined) task[key] = settings[key];
      tasks.push(task as Task);
      if (step.mapped) {
        nodes.push({ id: nodeId(`fan_${i}`), task: name, map: { ...(concurrency ? { concurrency } : {}), retries: (settings.retries ?? 0) + 1 }, inputs: { v: { node: nodeId(`spread_${i}`), output: 'o0' } } });
        tasks.push({ name: `spread_${i}`, type: 'python', code: `def spread_${i}(v: int) -> list[int]:\n    return [v, v + 1]\n` });
        tasks.push({ name: `total_${i}`, type: 'python', code: `def total_${i}(vs: list[int]) -> int:\n    return sum(vs)\n` });
        nodes.splice(nodes.length - 1, 0, { id: nodeId(`spread_${i}`), task: `spread_${i}`, inputs: { v: previous } });
        nodes.push({ id: nodeId(`total_${i}`), task: `total_${i}`, inputs: { vs: { node: nodeId(`fan_${i}`), output: 'o0' } } });
        previous = { node: nodeId(`total_${i}`), output: 'o0' };
      } else {
        nodes.push({ id: nodeId(name), task: name, inputs: { v: previous, k: { value: step.add * 2 } } });
        previous = { node: nodeId(name), output: 'o0' };
      }
    });
    const last = previous as unknown as { node: string; output: string };
    return parseWorkflowOrThrow({
      apiVersion: 'podflow/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'generated' },
      spec: {
        ...(continueOnFailure ? { failurePolicy: 'continue' } : {}),
        inputs: [{ name: 'x', type: 'int', ...(inputDefault !== undefined ? { default: inputDefault } : {}) }],
        outputs: [{ name: 'o0', type: 'int', from: last }],
        tasks,
        nodes,
      },
    });
  });
