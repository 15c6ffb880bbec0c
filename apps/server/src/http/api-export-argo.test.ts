import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { serverPerSuite } from './__fixtures__/server-per-suite';

const seed = (name: string) => parseYaml(readFileSync(new URL(`../../../../examples/seed/${name}.podflow.yaml`, import.meta.url), 'utf8'));

describe('GET /api/workflows/:id/export.yaml?format=argo (real server process)', () => {
  const { http } = serverPerSuite();

  it('answers the ConfigMaps and an Argo Workflow; the default answer is unchanged', async () => {
    const { id } = (await http.post('/api/workflows', { document: seed('map-pod-workflow') })).json();
    const argo = await http.get(`/api/workflows/${id}/export.yaml?format=argo`);
    expect(argo.status).toBe(200);
    expect(argo.headers['content-type']).toMatch(/yaml/);
    expect(argo.headers['content-disposition']).toBe('attachment; filename="map-pod-workflow.argo.yaml"');
    const docs = parseAllDocuments(argo.text).map((d) => d.toJS());
    expect(docs.map((d) => d.kind)).toEqual(['ConfigMap', 'ConfigMap', 'ConfigMap', 'Workflow']);
    expect(docs[3]).toMatchObject({ apiVersion: 'argoproj.io/v1alpha1', metadata: { name: 'map-pod-workflow' }, spec: { entrypoint: 'main' } });

    const named = parseAllDocuments((await http.get(`/api/workflows/${id}/export.yaml?format=argo&generateName=true`)).text).map((d) => d.toJS());
    expect(named[3].metadata.generateName).toBe('map-pod-workflow-');
    const template = parseAllDocuments((await http.get(`/api/workflows/${id}/export.yaml?format=argo&template=1`)).text).map((d) => d.toJS());
    expect(template[3].kind).toBe('WorkflowTemplate');

    const plain = await http.get(`/api/workflows/${id}/export.yaml`);
    expect(plain.headers['content-disposition']).toBe('attachment; filename="map-pod-workflow.podflow.yaml"');
    expect(parseYaml(plain.text)).toMatchObject({ apiVersion: 'podflow/v1alpha1', kind: 'Workflow' });
    expect((await http.get(`/api/workflows/${id}/export.yaml?format=podflow`)).text).toBe(plain.text);
  });

  it('refuses what Argo cannot express with 422 and diagnostics naming the node; a bad format is 400', async () => {
    const { id } = (await http.post('/api/workflows', { document: seed('dynamic-pod-workflow') })).json();
    const refused = await http.get(`/api/workflows/${id}/export.yaml?format=argo`);
    expect(refused.status).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'not-exportable', issues: [expect.objectContaining({ code: 'argo-dynamic-task', nodeId: 'dynamic_pod_task' })] });
    expect(refused.json().error.message).toContain('builds its sub-DAG at run time');
    const bad = await http.get(`/api/workflows/${id}/export.yaml?format=helm`);
    expect(bad.status).toBe(400);
    expect(bad.json().error.field).toMatch(/format/);
    expect((await http.get(`/api/workflows/${id}/export.yaml?format=argo&generateName=maybe`)).status).toBe(400);
    expect((await http.get('/api/workflows/wf_00000000000000000000/export.yaml?format=argo')).status).toBe(404);
  });
});
