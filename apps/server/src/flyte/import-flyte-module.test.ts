import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileWorkflow, parseWorkflowOrThrow, type WorkflowDoc } from '@podflow/core';
import { buildCli, podflow, repoRoot } from '../cli/cli-harness';
import { flytePython, SEED_MODULE } from './__fixtures__/flyte-env';
import { importFlyteModule } from './import-flyte-module';
import { equivalentForm } from './__fixtures__/equivalent-form';

// Import with real flytekit (issue #15): the seed's own Python becomes the four workflows of examples/seed/.
const T = { timeout: 180_000 };
const dir = mkdtempSync(join(tmpdir(), 'podflow-flyte-import-'));
const SEEDS = ['pod-workflow', 'multiple-containers-pod-workflow', 'map-pod-workflow', 'dynamic-pod-workflow'];
const example = (name: string): WorkflowDoc => parseWorkflowOrThrow(readFileSync(join(repoRoot, 'examples/seed', `${name}.podflow.yaml`), 'utf8'));
const env = { PODFLOW_FLYTE_PYTHON: flytePython };

beforeAll(() => buildCli(), 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a module into the temp dir. */
function moduleFile(name: string, code: string): string {
  const path = join(dir, name);
  writeFileSync(path, code);
  return path;
}

describe.skipIf(!flytePython)('import flyte: the seed module (acceptance)', () => {
  let imported: Map<string, WorkflowDoc>;
  beforeAll(async () => {
    const r = await importFlyteModule(SEED_MODULE, { python: flytePython! });
    if (!r.ok) throw new Error(r.message);
    expect(r.diagnostics).toEqual([]);
    imported = new Map(r.workflows.map((w) => [w.doc.metadata.name, w.doc]));
  }, 120_000);

  it('gives exactly the four workflows, named after the functions', () => {
    expect([...imported.keys()]).toEqual(SEEDS);
  });

  for (const name of SEEDS) {
    it(`${name}: the same tasks, nodes, bindings, inputs and outputs as examples/seed`, () => {
      const want = example(name);
      if (name === 'map-pod-workflow') {
        // The one difference in the seed itself: its map_pod_workflow has no default for list_of_ints (calling it
        // bare raises TypeError, flyte-pod-semantics §5); the example gives it [1, 2, 3] so that it runs as is.
        delete want.spec.inputs![0]!.default;
      }
      expect(equivalentForm(imported.get(name)!)).toEqual(equivalentForm(want));
    });
    it(`${name}: compiles to the same objects as examples/seed`, () => {
      const want = example(name);
      if (name === 'map-pod-workflow') delete want.spec.inputs![0]!.default;
      expect(compileWorkflow(imported.get(name)!).map((c) => [c.configMaps, c.pod])).toEqual(compileWorkflow(want).map((c) => [c.configMaps, c.pod]));
    });
  }

  it('the CLI writes one NAME.podflow.yaml per workflow and prints the paths; the files run like the examples', T, () => {
    const out = join(dir, 'seed-out');
    const r = podflow(['import', 'flyte', SEED_MODULE, '--out', out], { env });
    // Nothing to warn about: the seed's one note (its task resources replace the container's, as in Flyte) is
    // information, not a problem, so the CLI does not print it.
    expect(r.stderr.trim()).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(SEEDS.map((n) => join(out, `${n}.podflow.yaml`)));
    const runs: Record<string, [string[], string[]]> = {
      'pod-workflow': [[], []],
      'map-pod-workflow': [['--input', 'list_of_ints=[4,5,6]'], ['--input', 'list_of_ints=[4,5,6]']],
      'dynamic-pod-workflow': [[], []],
      'multiple-containers-pod-workflow': [[], []],
    };
    for (const [name, [a, b]] of Object.entries(runs)) {
      const mine = podflow(['run', join(out, `${name}.podflow.yaml`), '--json', '--data-dir', join(dir, 'data'), ...a]);
      const theirs = podflow(['run', join(repoRoot, 'examples/seed', `${name}.podflow.yaml`), '--json', '--data-dir', join(dir, 'data'), ...b]);
      expect(JSON.parse(mine.stdout).status, `${name}: ${mine.stderr}`).toBe('succeeded');
      expect(JSON.parse(mine.stdout).outputs).toEqual(JSON.parse(theirs.stdout).outputs);
    }
  });

  it('--workflow picks one (by function name or document name)', T, () => {
    const out = join(dir, 'one');
    const r = podflow(['import', 'flyte', SEED_MODULE, '--workflow', 'map-pod-workflow', '--out', out], { env });
    expect(r.stdout.trim()).toBe(join(out, 'map-pod-workflow.podflow.yaml'));
    const missing = podflow(['import', 'flyte', SEED_MODULE, '--workflow', 'nope', '--out', out], { env });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no @workflow nope in pod_example.py (workflows: pod_workflow, multiple_containers_pod_workflow, map_pod_workflow, dynamic_pod_workflow)');
  });
});

describe.skipIf(!flytePython)('import flyte: ImageSpec, as Podflow\'s own export writes it', () => {
  const module = [
    'from flytekit import ImageSpec, task, workflow',
    '',
    '@task(container_image=ImageSpec(base_image="python:3.12-slim", packages=["requests==2.32.3", "pyyaml>=6"]))',
    'def fetch(x: int) -> int:',
    '    return x',
    '',
    '@task(container_image=ImageSpec(packages=["numpy"]))',
    'def crunch(x: int) -> int:',
    '    return x',
    '',
    '@workflow',
    'def wf(x: int) -> int:',
    '    return crunch(x=fetch(x=x))',
    '',
  ].join('\n');

  it('its base image is the task\'s image and its packages the task\'s Python packages', T, async () => {
    const r = await importFlyteModule(moduleFile('image_spec.py', module), { python: flytePython! });
    if (!r.ok) throw new Error(r.message);
    expect(r.diagnostics).toEqual([]);
    const tasks = r.workflows[0]!.doc.spec.tasks ?? [];
    expect(tasks.find((t) => t.name === 'fetch')).toMatchObject({ image: 'python:3.12-slim', requirements: ['requests==2.32.3', 'pyyaml>=6'] });
    const crunch = tasks.find((t) => t.name === 'crunch')!;
    expect(crunch.requirements).toEqual(['numpy']);
    expect(crunch.image).toBeUndefined(); // no base image: the workflow's default
  });
});

describe.skipIf(!flytePython)('import flyte: what Podflow refuses, naming file, line and construct', () => {
  const HEAD = 'from typing import List\nfrom flytekit import task, workflow, conditional, dynamic, map_task, LaunchPlan, reference_task, Resources\nfrom flytekit.types.file import FlyteFile\n\n@task\ndef plus_one(x: int) -> int:\n    return x + 1\n\n';
  const cases: [string, string, string, number, string][] = [
    ['conditional', '@workflow\ndef wf(x: int) -> int:\n    return (\n        conditional("c").if_(x > 1).then(plus_one(x=x)).else_().then(plus_one(x=x))\n    )\n', 'flyte-import-conditional', 12, 'conditional'],
    ['FlyteFile', '@task\ndef read(f: FlyteFile) -> str:\n    return ""\n\n@workflow\ndef wf(f: FlyteFile) -> str:\n    return read(f=f)\n', 'flyte-import-type', 10, 'task read, input f'],
    ['launch plan', 'lp_wf_src = None\n@workflow\ndef inner(x: int) -> int:\n    return plus_one(x=x)\n\nlp = LaunchPlan.get_or_create(inner, name="lp")\n\n@workflow\ndef wf(x: int) -> int:\n    return lp(x=x)\n', 'flyte-import-launch-plan', 18, 'launch plan'],
    ['sub-workflow', '@workflow\ndef inner(x: int) -> int:\n    return plus_one(x=x)\n\n@workflow\ndef wf(x: int) -> int:\n    return inner(x=x)\n', 'flyte-import-subworkflow', 15, 'sub-workflow'],
    ['reference task', '@reference_task(project="p", domain="d", name="t", version="1")\ndef remote(x: int) -> int:\n    ...\n\n@workflow\ndef wf(x: int) -> int:\n    return remote(x=x)\n', 'flyte-import-reference', 15, 'reference'],
    ['node overrides', '@workflow\ndef wf(x: int) -> int:\n    return plus_one(x=x).with_overrides(requests=Resources(cpu="2"))\n', 'flyte-import-overrides', 11, 'node plus_one'],
    ['ImageSpec with apt packages', 'from flytekit import ImageSpec\n\n@task(container_image=ImageSpec(base_image="python:3.12-slim", apt_packages=["git"]))\ndef fetch(x: int) -> int:\n    return x\n\n@workflow\ndef wf(x: int) -> int:\n    return fetch(x=x)\n', 'flyte-import-image', 12, 'task fetch'],
  ];
  for (const [what, body, code, line, construct] of cases) {
    it(what, T, () => {
      const file = moduleFile(`refuse_${what.replace(/\W/g, '_')}.py`, HEAD + body);
      const r = podflow(['import', 'flyte', file, '--workflow', 'wf', '--out', join(dir, 'refused')], { env });
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`${file.split('/').pop()}:${line}: error[${code}]`);
      expect(r.stderr).toContain(construct);
    });
  }

  it('an imperative workflow', T, () => {
    const file = moduleFile('imperative.py', `${HEAD}from flytekit import Workflow\nimp = Workflow(name="imp")\nimp.add_workflow_input("x", int)\nnode = imp.add_entity(plus_one, x=imp.inputs["x"])\nimp.add_workflow_output("o0", node.outputs["o0"])\n`);
    const r = podflow(['import', 'flyte', file, '--out', join(dir, 'refused')], { env });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('imperative.py:10: error[flyte-import-imperative] imperative workflow imp');
  });

  it('a module that fails to import: its line and the exception; a syntax error: its line', T, () => {
    const broken = moduleFile('broken.py', 'import os\n\nraise RuntimeError("no config")\n');
    const r = podflow(['import', 'flyte', broken], { env });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('broken.py:3: importing the module failed: RuntimeError: no config');
    const syntax = podflow(['import', 'flyte', moduleFile('syntax.py', 'def f(:\n')], { env });
    expect(syntax.stderr).toContain('syntax.py:1: syntax error');
  });

  it('a Python without flytekit: the exact pip line', T, () => {
    const r = podflow(['import', 'flyte', SEED_MODULE, '--python', 'python3'], { env: { PODFLOW_FLYTE_PYTHON: '' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('-m pip install flytekit==1.16.31 flytekitplugins-pod==1.16.31');
    const none = podflow(['import', 'flyte', SEED_MODULE, '--python', '/nonexistent/python']);
    expect(none.stderr).toContain('cannot run /nonexistent/python');
  });

  it('usage errors', () => {
    expect(podflow(['import', 'argo', 'x.py']).status).toBe(2);
    expect(podflow(['import', 'flyte']).stderr).toContain('missing MODULE.py');
  });
});
