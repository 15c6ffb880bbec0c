import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileWorkflow, findTask, parseWorkflowOrThrow, toFlytekitModule, type WorkflowDoc } from '@podflow/core';
import { diamond, mapAndDynamic, reversedChain, twoSources } from '../../../../packages/core/src/__fixtures__/small-docs';
import { buildCli, podflow, repoRoot } from '../cli/cli-harness';
import { equivalentForm, quantitiesAsStrings } from './__fixtures__/equivalent-form';
import { flytePython, pyflyteRun, SEED_MODULE, serializeModule, templateTaskName, type FlyteTaskTemplate } from './__fixtures__/flyte-env';
import { flytePodShape, podflowPodShape } from './__fixtures__/pod-shape';
import { importFlyteModule } from './import-flyte-module';
import { arbFlyteWorkflow } from './__fixtures__/arbitrary-flyte-workflow';

// Export checked by flytekit itself (issue #15): every exported module imports and serialises under flytekit
// (get_serializable, what `pyflyte register` does), its pods match `podflow compile` apart from the documented
// differences (__fixtures__/pod-shape.ts), `pyflyte run` gives `podflow run`'s outputs, and round trips hold.
const T = { timeout: 180_000 };
const dir = mkdtempSync(join(tmpdir(), 'podflow-flyte-export-'));
const SEEDS = ['pod-workflow', 'multiple-containers-pod-workflow', 'map-pod-workflow', 'dynamic-pod-workflow'];
const seed = (name: string): WorkflowDoc => parseWorkflowOrThrow(readFileSync(join(repoRoot, 'examples/seed', `${name}.podflow.yaml`), 'utf8'));
const features = parseWorkflowOrThrow(readFileSync(new URL('./__fixtures__/flyte-features.podflow.yaml', import.meta.url), 'utf8'));
const FIXTURES: [string, WorkflowDoc][] = [...SEEDS.map((n): [string, WorkflowDoc] => [n, seed(n)]), ['flyte-features', features], ['diamond', diamond], ['reversed-chain', reversedChain], ['two-sources', twoSources], ['map-and-dynamic', { ...mapAndDynamic, metadata: { name: 'map-and-dynamic' } }]];

beforeAll(() => buildCli(), 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exportToFile(doc: WorkflowDoc): string {
  const r = toFlytekitModule(doc);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  const path = join(dir, `${doc.metadata.name.replace(/-/g, '_')}.py`);
  writeFileSync(path, r.module);
  return path;
}

/** Pod shapes by task name from flytekit's templates (a map's template is its task's pod, once per item). */
function flyteShapes(tasks: Record<string, FlyteTaskTemplate>) {
  return new Map(Object.values(tasks).map((t) => [templateTaskName(t), flytePodShape(t)]));
}

describe.skipIf(!flytePython)('export flyte, checked by flytekit', () => {
  for (const [name, doc] of FIXTURES) {
    it(`${name}: serialises under flytekit, with the pods podflow compile makes`, T, () => {
      const serialized = serializeModule(exportToFile(doc));
      expect(Object.keys(serialized.workflows)).toEqual([doc.metadata.name.replace(/-/g, '_')]);
      const theirs = flyteShapes(serialized.tasks);
      for (const compiled of compileWorkflow(doc)) {
        expect(theirs.get(compiled.task), `node ${compiled.nodeId}`).toEqual(podflowPodShape(compiled.pod));
      }
      for (const t of Object.values(serialized.tasks)) {
        const task = findTask(doc, templateTaskName(t))!;
        expect(t.metadata.retries?.retries ?? 0).toBeGreaterThanOrEqual(task.retries ?? 0);
        if (task.timeoutSeconds) expect(t.metadata.timeout).toBe(`${task.timeoutSeconds}s`);
        if (task.cache?.enabled) expect(t.metadata.discoveryVersion).toBe(task.cache.version);
      }
    });
  }

  const RUNS: [string, Record<string, unknown>][] = [['pod-workflow', {}], ['map-pod-workflow', { list_of_ints: [3, 1, 2] }], ['dynamic-pod-workflow', { val: 9 }], ['flyte-features', { n: 7, words: ['x', 'y'] }]];
  for (const [name, inputs] of RUNS) {
    it(`${name}: pyflyte run (flytekit's local execution) gives podflow run's outputs`, T, () => {
      const doc = name === 'flyte-features' ? features : seed(name);
      const file = exportToFile(doc);
      const ours = podflow(['run', name === 'flyte-features' ? join(repoRoot, 'apps/server/src/flyte/__fixtures__/flyte-features.podflow.yaml') : join(repoRoot, 'examples/seed', `${name}.podflow.yaml`), '--json', '--data-dir', join(dir, 'data'), ...Object.entries(inputs).flatMap(([k, v]) => ['--input', `${k}=${JSON.stringify(v)}`])]);
      const outputs = JSON.parse(ours.stdout).outputs as Record<string, unknown>;
      const printed = pyflyteRun(dir, file, doc.metadata.name.replace(/-/g, '_'), inputs);
      if (name === 'flyte-features') {
        // A NamedTuple result prints as its fields.
        expect(printed).toContain(`total=${String(outputs.total)}`);
        expect(printed).toContain(`labels=${JSON.stringify(outputs.labels).replace(/"/g, "'").replace(/,/g, ', ')}`);
      } else {
        expect(printed).toBe(String(outputs.o0));
      }
    });
  }

  it('round trip: import(export(doc)) is equivalent to doc', T, async () => {
    for (const [name, doc] of FIXTURES) {
      const r = await importFlyteModule(exportToFile(doc), { python: flytePython! });
      if (!r.ok) throw new Error(r.message);
      expect(r.diagnostics, name).toEqual([]);
      if (doc.spec.podTemplate) {
        // Flyte has no workflow-level pod template: the export merges it into each task's pod, so the document
        // changes shape but compiles to the same pods.
        expect(compiledPods(r.workflows[0]!.doc), name).toEqual(compiledPods(doc));
        const { podTemplate: _t, ...spec } = doc.spec;
        const bare = (d: WorkflowDoc) => ({ ...(equivalentForm({ ...d, spec: { ...d.spec, podTemplate: undefined } }) as object), tasks: undefined });
        expect(bare(r.workflows[0]!.doc), name).toEqual(bare({ ...doc, spec }));
      } else {
        expect(r.workflows.map((w) => equivalentForm(w.doc)), name).toEqual([equivalentForm(doc)]);
      }
    }
  });

  it('round trip with Python packages: export writes an ImageSpec, import reads the image and packages back', T, async () => {
    const withPackages = parseWorkflowOrThrow({
      apiVersion: 'podflow/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'with-packages' },
      spec: {
        inputs: [{ name: 'x', type: 'int' }],
        outputs: [{ name: 'y', type: 'int', from: { node: 'crunch', output: 'o0' } }],
        tasks: [
          { name: 'fetch', type: 'python', image: 'python:3.12-slim', requirements: ['requests==2.32.3', 'pyyaml>=6'], code: 'def fetch(x: int) -> int:\n    return x\n' },
          { name: 'crunch', type: 'python', requirements: ['numpy'], code: 'def crunch(x: int) -> int:\n    return x\n' },
        ],
        nodes: [
          { id: 'fetch', task: 'fetch', inputs: { x: { input: 'x' } } },
          { id: 'crunch', task: 'crunch', inputs: { x: { node: 'fetch', output: 'o0' } } },
        ],
      },
    });
    const file = exportToFile(withPackages);
    expect(readFileSync(file, 'utf8')).toContain('ImageSpec(base_image="python:3.12-slim"');
    const r = await importFlyteModule(file, { python: flytePython! });
    if (!r.ok) throw new Error(r.message);
    expect(r.diagnostics).toEqual([]);
    const back = r.workflows[0]!.doc;
    expect((back.spec.tasks ?? []).map((t) => [t.name, t.requirements])).toEqual([['fetch', ['requests==2.32.3', 'pyyaml>=6']], ['crunch', ['numpy']]]);
    expect(compiledPods(back)).toEqual(compiledPods(withPackages));
  });

  it('round trip: import(export(doc)) is equivalent to doc for generated workflows (fast-check, flytekit in the loop)', { timeout: 600_000 }, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(arbFlyteWorkflow, async (doc) => {
        const file = join(dir, `generated_${n++}.py`);
        const exported = toFlytekitModule(doc);
        expect(exported.ok && exported.diagnostics).toEqual([]);
        writeFileSync(file, (exported as { module: string }).module);
        const r = await importFlyteModule(file, { python: flytePython! });
        if (!r.ok) throw new Error(r.message);
        expect(r.diagnostics).toEqual([]);
        expect(equivalentForm(r.workflows[0]!.doc)).toEqual(equivalentForm(doc));
      }),
      { numRuns: 12, seed: 15, endOnFailure: true }, // no shrinking: each run is a flytekit process
    );
  });

  it('round trip: export(import(module)) serialises to the same pods as the module', T, async () => {
    const original = serializeModule(SEED_MODULE);
    const imported = await importFlyteModule(SEED_MODULE, { python: flytePython! });
    if (!imported.ok) throw new Error(imported.message);
    const want = flyteShapes(original.tasks);
    for (const w of imported.workflows) {
      const got = flyteShapes(serializeModule(exportToFile(w.doc)).tasks);
      for (const [task, shape] of got) expect(shape, `${w.function}: ${task}`).toEqual(want.get(task));
    }
  });

  it('the CLI prints the module; a refused workflow exits 1 naming the task and field', T, () => {
    const r = podflow(['export', 'flyte', join(repoRoot, 'examples/seed/map-pod-workflow.podflow.yaml')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe((toFlytekitModule(seed('map-pod-workflow')) as { module: string }).module);
    const bad = join(dir, 'bad.podflow.yaml');
    writeFileSync(bad, readFileSync(join(repoRoot, 'examples/seed/pod-workflow.podflow.yaml'), 'utf8').replace('memory: 1G', 'hugepages-2Mi: 1Gi'));
    const refused = podflow(['export', 'flyte', bad]);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('error[flyte-export-resource] (task pod_task, spec.tasks[0].resources.requests.hugepages-2Mi)');
    expect(podflow(['export', 'yaml', bad]).status).toBe(2);
  });
});

/** The compiled pods with the content-hashed ConfigMap names masked. */
function compiledPods(doc: WorkflowDoc): unknown {
  return JSON.parse(JSON.stringify(quantitiesAsStrings(compileWorkflow(doc).map((c) => c.pod))).replace(/podflow-task-[0-9a-z-]+/g, 'podflow-task-HASH'));
}
