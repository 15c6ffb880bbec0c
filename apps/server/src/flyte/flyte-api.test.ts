import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toFlytekitModule, parseWorkflowOrThrow } from '@podflow/core';
import { serverPerSuite } from '../http/__fixtures__/server-per-suite';
import { repoRoot } from '../cli/cli-harness';
import { flytePython, SEED_MODULE } from './__fixtures__/flyte-env';

// The editor's side of issue #15 over HTTP, against the built server: POST /api/import/flyte reads a module with
// flytekit; GET /api/workflows/:id/export.yaml?format=flyte answers the module.
describe.skipIf(!flytePython)('flyte over HTTP (real server process)', () => {
  const { http } = serverPerSuite({ env: { PODFLOW_FLYTE_PYTHON: flytePython! } });
  const seed = (name: string) => parseWorkflowOrThrow(readFileSync(join(repoRoot, 'examples/seed', `${name}.podflow.yaml`), 'utf8'));

  it('imports a module: one document per @workflow, which creates as a workflow', async () => {
    const r = await http.post('/api/import/flyte', { filename: 'pod_example.py', source: readFileSync(SEED_MODULE, 'utf8') });
    expect(r.status).toBe(200);
    const { workflows, diagnostics } = r.json();
    expect(diagnostics).toEqual([]);
    expect(workflows.map((w: { function: string }) => w.function)).toEqual(['pod_workflow', 'multiple_containers_pod_workflow', 'map_pod_workflow', 'dynamic_pod_workflow']);
    const created = await http.post('/api/workflows', { document: workflows[2].document });
    expect(created.status).toBe(201);
  }, 60_000);

  it('a refused construct comes back as a diagnostic with file, line and construct; a broken module is a 422; a bad name a 400', async () => {
    const refused = await http.post('/api/import/flyte', { filename: 'cond.py', source: 'from flytekit import task, workflow, conditional\n\n@task\ndef t(x: int) -> int:\n    return x\n\n@workflow\ndef wf(x: int) -> int:\n    return conditional("c").if_(x > 1).then(t(x=x)).else_().then(t(x=x))\n' });
    expect(refused.status).toBe(200);
    expect(refused.json().workflows).toEqual([]);
    expect(refused.json().diagnostics[0]).toMatchObject({ severity: 'error', code: 'flyte-import-conditional', file: 'cond.py', line: 9, construct: 'workflow wf, conditional' });
    const broken = await http.post('/api/import/flyte', { filename: 'broken.py', source: 'import nonexistent_module_xyz\n' });
    expect(broken.status).toBe(422);
    expect(broken.json().error.message).toContain("broken.py:1: importing the module failed: ModuleNotFoundError: No module named 'nonexistent_module_xyz'");
    const bad = await http.post('/api/import/flyte', { filename: '../evil.py', source: '' });
    expect(bad.status).toBe(400);
    expect(bad.json().error.field).toBe('filename');
  }, 60_000);

  it('exports a workflow as a flytekit module, or 422 naming what flytekit cannot express', async () => {
    const doc = seed('map-pod-workflow');
    const { id } = (await http.post('/api/workflows', { document: doc })).json();
    const r = await http.get(`/api/workflows/${id}/export.yaml?format=flyte`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/x-python; charset=utf-8');
    expect(r.headers['content-disposition']).toBe('attachment; filename="map_pod_workflow.py"');
    expect(r.text).toBe((toFlytekitModule(doc) as { module: string }).module);
    const bad = seed('pod-workflow');
    bad.spec.tasks![0]!.resources = { requests: { 'hugepages-2Mi': '1Gi' } };
    const { id: badId } = (await http.post('/api/workflows', { document: bad })).json();
    const refused = await http.get(`/api/workflows/${badId}/export.yaml?format=flyte`);
    expect(refused.status).toBe(422);
    expect(refused.json().error.issues[0]).toMatchObject({ code: 'flyte-export-resource', task: 'pod_task', path: 'spec.tasks[0].resources.requests.hugepages-2Mi' });
    expect((await http.get(`/api/workflows/${id}/export.yaml?format=nope`)).status).toBe(400);
  });
});
