import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { serverPerSuite } from './__fixtures__/server-per-suite';
import { sampleDoc } from '../store/__fixtures__/temp-db';

describe('workflows over HTTP (real server process)', () => {
  const { http } = serverPerSuite();

  it('creates, drafts with If-Match (409 when stale), versions, restores, renames, duplicates, exports and deletes', async () => {
    const created = await http.post('/api/workflows', { document: sampleDoc('first-flow') });
    expect(created.status).toBe(201);
    const { id, draft } = created.json();
    expect(id).toMatch(/^wf_[0-9a-f]{20}$/);
    expect(draft.revision).toBe(1);
    expect(draft.document.metadata.name).toBe('first-flow');

    // Save the draft against revision 1, then again with the stale revision: 409 carrying the current draft.
    const saved = await http.put(`/api/workflows/${id}/draft`, { document: sampleDoc('second-name') }, { headers: { 'if-match': '1' } });
    expect(saved.status).toBe(200);
    expect(saved.json()).toEqual({ revision: 2 });
    const stale = await http.put(`/api/workflows/${id}/draft`, { document: sampleDoc('lost-edit') }, { headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(409);
    expect(stale.json().error.code).toBe('draft-conflict');
    expect(stale.json().draft).toMatchObject({ revision: 2, document: { metadata: { name: 'second-name' } } });
    const missing = await http.put(`/api/workflows/${id}/draft`, { document: sampleDoc() });
    expect(missing.status).toBe(428);
    expect(missing.json().error.field).toBe('If-Match');

    const list = (await http.get('/api/workflows')).json();
    expect(list).toContainEqual(expect.objectContaining({ id, name: 'second-name', draftRevision: 2, latestVersion: null }));

    // Versions: snapshot, list, read.
    const v1 = await http.post(`/api/workflows/${id}/versions`, { message: 'first cut' });
    expect(v1.status).toBe(201);
    expect(v1.json()).toEqual({ version: 1 });
    await http.put(`/api/workflows/${id}/draft`, { document: sampleDoc('third-name') }, { headers: { 'if-match': '2' } });
    expect((await http.post(`/api/workflows/${id}/versions`)).json()).toEqual({ version: 2 });
    const versions = (await http.get(`/api/workflows/${id}/versions`)).json();
    expect(versions.map((v: { version: number; name: string; message: string }) => [v.version, v.name, v.message])).toEqual([
      [2, 'third-name', ''],
      [1, 'second-name', 'first cut'],
    ]);
    const version1 = (await http.get(`/api/workflows/${id}/versions/1`)).json();
    expect(version1).toMatchObject({ version: 1, message: 'first cut', document: { metadata: { name: 'second-name' } } });
    expect((await http.get(`/api/workflows/${id}/versions/9`)).status).toBe(404);

    // Restore version 1: the draft becomes it, as a new revision.
    const restored = await http.post(`/api/workflows/${id}/versions/1/restore`, {});
    expect(restored.json()).toEqual({ revision: 4 });
    expect((await http.get(`/api/workflows/${id}`)).json()).toMatchObject({ name: 'second-name', latestVersion: 2, draft: { revision: 4 } });

    // Export: the draft, or a version, as .podflow.yaml.
    const exported = await http.get(`/api/workflows/${id}/export.yaml?version=2`);
    expect(exported.headers['content-type']).toMatch(/yaml/);
    expect(exported.headers['content-disposition']).toBe('attachment; filename="third-name.podflow.yaml"');
    expect(parseYaml(exported.text).metadata.name).toBe('third-name');
    expect(exported.text).toContain('code: |');

    // Rename and duplicate.
    const renamed = await http.patch(`/api/workflows/${id}`, { name: 'renamed-flow' });
    expect(renamed.json()).toMatchObject({ id, name: 'renamed-flow', draft: { revision: 5, document: { metadata: { name: 'renamed-flow' } } } });
    const copy = await http.post(`/api/workflows/${id}/duplicate`, {});
    expect(copy.status).toBe(201);
    expect(copy.json()).toMatchObject({ name: 'renamed-flow-copy', draft: { revision: 1 } });
    expect(copy.json().id).not.toBe(id);
    const named = await http.post(`/api/workflows/${id}/duplicate`, { name: 'my-copy' });
    expect(named.json().name).toBe('my-copy');

    // Delete.
    expect((await http.del(`/api/workflows/${id}`)).status).toBe(204);
    expect((await http.get(`/api/workflows/${id}`)).status).toBe(404);
    expect((await http.get(`/api/workflows/${id}/versions`)).status).toBe(404);
    expect((await http.del(`/api/workflows/${id}`)).status).toBe(404);
  });

  it('creates a workflow from YAML text, and refuses a broken one naming the line and field', async () => {
    const yaml = `apiVersion: podflow/v1alpha1
kind: Workflow
metadata:
  name: from-yaml
spec:
  tasks:
    - name: t
      type: python
      code: |
        def t() -> int:
            return 1
`;
    const created = await http.post('/api/workflows', { yaml });
    expect(created.status).toBe(201);
    expect(created.json().draft.document.spec.tasks[0].code).toContain('return 1');

    const broken = await http.post('/api/workflows', { yaml: yaml.replace('type: python', 'type: java') });
    expect(broken.status).toBe(400);
    expect(broken.json().error).toMatchObject({ code: 'invalid-document', field: 'yaml' });
    expect(broken.json().error.issues[0]).toMatchObject({ path: 'spec.tasks[0].type', line: 8 });

    const badDoc = await http.post('/api/workflows', { document: { ...sampleDoc(), kind: 'Pipeline' } });
    expect(badDoc.status).toBe(400);
    expect(badDoc.json().error.field).toBe('document.kind');
    const both = await http.post('/api/workflows', { yaml, document: sampleDoc() });
    expect(both.status).toBe(400);
  });

  it('lists the seed examples and serves one with its YAML and document', async () => {
    const examples = (await http.get('/api/examples')).json();
    const names = examples.map((e: { name: string }) => e.name);
    expect(names).toEqual(expect.arrayContaining(['pod-workflow', 'multiple-containers-pod-workflow', 'map-pod-workflow', 'dynamic-pod-workflow']));
    expect(examples.find((e: { name: string }) => e.name === 'map-pod-workflow')).toMatchObject({ title: 'Map pod workflow' });
    const one = (await http.get('/api/examples/map-pod-workflow')).json();
    expect(one.yaml).toContain('map_pod_task');
    expect(one.document.metadata.name).toBe('map-pod-workflow');
    expect((await http.get('/api/examples/no-such-example')).status).toBe(404);
    expect((await http.get('/api/examples/..%2F..%2Fpackage.json')).status).toBe(400);
  });
});
