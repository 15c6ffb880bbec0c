import { execFile } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ApiextensionsV1Api, CoreV1Api, CustomObjectsApi, type KubeConfig, type V1CustomResourceDefinition } from '@kubernetes/client-node';
import fc from 'fast-check';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWorkflowOrThrow, toArgoWorkflow, toArgoYaml, type ArgoWorkflow, type WorkflowDoc } from '@podflow/core';
import { argoRequired, argoValidator } from '../../../../scripts/argo/argo-validator.mjs';
import { richDoc, richText } from '../../../../packages/core/src/export/argo/__fixtures__/argo-docs';
import { arbExportableWorkflow } from '../../../../packages/core/src/export/argo/__fixtures__/arbitrary-exportable';
import { syntheticWorkflow } from '../../../../packages/core/src/__fixtures__/synthetic';
import { freshNamespace, testKubeConfig } from '../executors/kubernetes/testing/k8s-test-env';
import { api, type Target } from '../http/__fixtures__/http-client';
import { startServerProcess, tempDataDir } from '../http/__fixtures__/server-process';

/**
 * The Workflow CRD's schema, through the real kube-apiserver of the Kubernetes suite with Argo's FULL CRDs installed
 * (the minimal ones accept any field): every export is created with a server-side dry run and strict field
 * validation; a broken one is refused. `podflow submit argo` (the bundled CLI) creates exactly the exported objects.
 */
const exec = promisify(execFile);
const root = new URL('../../../../', import.meta.url);
const cli = new URL('apps/server/bin/podflow.mjs', root).pathname;
const validator = argoValidator();
let kc: KubeConfig;
let namespace: string;
let custom: CustomObjectsApi;
let core: CoreV1Api;
const work = mkdtempSync(join(tmpdir(), 'podflow-argo-k8s-'));

/** POSTs a CRD as it is: the typed client would drop `x-kubernetes-int-or-string`, which it spells differently. */
async function postRaw(path: string, body: string): Promise<number> {
  const url = new URL(`${kc.getCurrentCluster()!.server}${path}`);
  const options: https.RequestOptions = { method: 'POST', headers: { 'Content-Type': 'application/yaml' } };
  await kc.applyToHTTPSOptions(options);
  const request = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(url, options, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => (res.statusCode === 201 || res.statusCode === 409 ? resolve(res.statusCode) : reject(new Error(`${res.statusCode}: ${text.slice(0, 2000)}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function installCrds(paths: readonly string[]): Promise<void> {
  const api = kc.makeApiClient(ApiextensionsV1Api);
  for (const path of paths) {
    const text = readFileSync(path, 'utf8');
    const crd = parseYaml(text) as V1CustomResourceDefinition;
    await postRaw('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', text);
    for (let i = 0; ; i++) {
      const got = await api.readCustomResourceDefinition({ name: crd.metadata!.name! });
      if (got.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) break;
      if (i > 300) throw new Error(`CRD ${crd.metadata!.name} not established`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const plural = (w: ArgoWorkflow) => (w.kind === 'Workflow' ? 'workflows' : 'workflowtemplates');
let checked = 0;

async function dryRun(workflow: ArgoWorkflow): Promise<void> {
  await custom.createNamespacedCustomObject({ group: 'argoproj.io', version: 'v1alpha1', namespace, plural: plural(workflow), body: { ...workflow, metadata: { ...workflow.metadata, namespace } }, dryRun: 'All', fieldValidation: 'Strict' });
}

async function accept(doc: WorkflowDoc, options: { template?: boolean; generateName?: boolean } = {}): Promise<void> {
  const e = toArgoWorkflow(doc, options);
  if (!e.ok) throw new Error(`${doc.metadata.name}: refused: ${JSON.stringify(e.diagnostics)}`);
  // Through the YAML a person applies, not the in-memory objects.
  const objects = parseAllDocuments(toArgoYaml(e)).map((d) => d.toJS() as { kind: string; metadata: { namespace?: string } });
  for (const cm of objects.filter((o) => o.kind === 'ConfigMap')) {
    await core.createNamespacedConfigMap({ namespace, body: { ...cm, metadata: { ...cm.metadata, namespace } } as never, dryRun: 'All', fieldValidation: 'Strict' });
  }
  await dryRun(objects.find((o) => o.kind !== 'ConfigMap') as unknown as ArgoWorkflow);
  checked++;
}

describe.skipIf(validator.missing && !argoRequired)(`Argo's full CRDs on a real API server accept every export${validator.missing ? ` (SKIPPED: ${validator.missing})` : ''}`, () => {
  beforeAll(async () => {
    expect(validator.missing).toBeUndefined();
    kc = testKubeConfig();
    custom = kc.makeApiClient(CustomObjectsApi);
    core = kc.makeApiClient(CoreV1Api);
    await installCrds(validator.crds!);
    namespace = await freshNamespace(kc, 'pf-argo');
  }, 300_000);
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    if (checked) console.log(`full Argo CRDs: ${checked} exported workflows accepted by the API server`);
  });

  it('the examples, the fixtures, and generated workflows (dry run, strict field validation)', async () => {
    const dir = new URL('examples/', root);
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && f.name.endsWith('.podflow.yaml'));
    for (const f of files) {
      const doc = parseWorkflowOrThrow(readFileSync(join(f.parentPath, f.name), 'utf8'));
      if (!toArgoWorkflow(doc).ok) continue;
      await accept(doc);
      await accept(doc, { template: true });
    }
    await accept(richDoc());
    await accept(richDoc(), { template: true });
    for (const shape of ['chain', 'fanout', 'lattice'] as const) await accept(syntheticWorkflow(shape, 40));
    for (const doc of fc.sample(arbExportableWorkflow, { numRuns: 25, seed: 14 })) await accept(doc, { generateName: true });
    expect(checked).toBeGreaterThan(30);
  });

  it('a deliberately broken export is refused: an unknown field, a wrong type', async () => {
    const e = toArgoWorkflow(richDoc());
    if (!e.ok) throw new Error('refused');
    const unknown = structuredClone(e.workflow) as unknown as { spec: { templates: Record<string, unknown>[] } };
    unknown.spec.templates[1]!.imagee = 'nope';
    // Strict field validation answers 400 naming the field.
    await expect(dryRun(unknown as unknown as ArgoWorkflow)).rejects.toMatchObject({ code: 400, body: expect.stringContaining('unknown field \\"spec.templates[1].imagee\\"') });
    const wrongType = structuredClone(e.workflow) as unknown as { spec: { templates: Record<string, unknown>[] } };
    wrongType.spec.templates.find((t) => t.name === 'double-map')!.parallelism = 'two';
    await expect(dryRun(wrongType as unknown as ArgoWorkflow)).rejects.toMatchObject({ code: 422, body: expect.stringContaining('parallelism') });
    await dryRun(e.workflow); // and the unbroken one passes
  });

  it('podflow submit argo (the bundled CLI) creates exactly the exported objects', async () => {
    const file = join(work, 'rich.podflow.yaml');
    writeFileSync(file, richText);
    const env = { ...process.env };
    const { stdout } = await exec(process.execPath, [cli, 'submit', 'argo', file, '--namespace', namespace, '--input', 'greeting=hello'], { env });
    const name = /^workflow\.argoproj\.io\/(\S+) created in namespace (\S+)$/m.exec(stdout);
    expect(name?.[2]).toBe(namespace);
    expect(stdout).toContain(`follow it: kubectl get wf ${name![1]} -n ${namespace} -w`);
    const exported = await exec(process.execPath, [cli, 'export', 'argo', file, '--generate-name', '--input', 'greeting=hello', '--format', 'json'], { env });
    const objects = JSON.parse(exported.stdout) as { kind: string; metadata: { name?: string; generateName?: string }; spec?: unknown; data?: unknown }[];
    const wf = objects.find((o) => o.kind === 'Workflow')!;
    const got = (await custom.getNamespacedCustomObject({ group: 'argoproj.io', version: 'v1alpha1', namespace, plural: 'workflows', name: name![1]! })) as { metadata: { generateName?: string; labels?: unknown }; spec: unknown };
    expect(got.spec).toEqual(wf.spec);
    expect(got.metadata.generateName).toBe(wf.metadata.generateName);
    for (const cm of objects.filter((o) => o.kind === 'ConfigMap')) {
      const there = await core.readNamespacedConfigMap({ namespace, name: cm.metadata.name! });
      expect(there.data).toEqual(cm.data);
    }
    // Submitting again makes a second Workflow and reuses the ConfigMaps.
    const again = await exec(process.execPath, [cli, 'submit', 'argo', file, '--namespace', namespace, '--input', 'greeting=hello'], { env });
    expect(again.stderr).toMatch(/configmap\/podflow-runtime-\w+ unchanged/);
    expect(/workflow\.argoproj\.io\/(\S+)/.exec(again.stdout)?.[1]).not.toBe(name![1]);
  });

  it('submit to a namespace that does not exist fails with a message naming it', async () => {
    const file = join(work, 'rich2.podflow.yaml');
    writeFileSync(file, richText);
    const r = await exec(process.execPath, [cli, 'submit', 'argo', file, '--namespace', 'no-such-ns-x1', '--input', 'greeting=x']).catch((e: { code: number; stderr: string }) => e);
    expect((r as { code: number }).code).toBe(1);
    expect((r as { stderr: string }).stderr).toContain('namespace no-such-ns-x1');
  });

  it("the editor's Submit to Argo (POST /api/workflows/:id/submit-argo on a real server process) creates the draft's objects", async () => {
    const tmp = tempDataDir();
    const server = await startServerProcess({ dataDir: tmp.dir, env: { KUBECONFIG: process.env.KUBECONFIG! } });
    try {
      const http = api(server as Target);
      const { id } = (await http.post('/api/workflows', { document: parseYaml(richText) })).json();
      const submitted = await http.post(`/api/workflows/${id}/submit-argo`, { namespace });
      expect(submitted.status).toBe(201); // greeting has no default, but a Workflow may leave it to `argo submit -p`
      const created = submitted.json();
      expect(created).toMatchObject({ kind: 'Workflow', namespace, follow: `kubectl get wf ${created.name} -n ${namespace} -w` });
      const got = (await custom.getNamespacedCustomObject({ group: 'argoproj.io', version: 'v1alpha1', namespace, plural: 'workflows', name: created.name })) as { spec: unknown };
      const expected = toArgoWorkflow(richDoc(), { generateName: true });
      if (!expected.ok) throw new Error('refused');
      expect(got.spec).toEqual(JSON.parse(JSON.stringify(expected.workflow.spec)));
      const badNs = await http.post(`/api/workflows/${id}/submit-argo`, { namespace: 'no-such-ns-y2' });
      expect(badNs.status).toBe(502);
      expect(badNs.json().error.message).toContain('namespace no-such-ns-y2');
      expect((await http.post(`/api/workflows/${id}/submit-argo`, { namespace: 'Not_A_Namespace' })).status).toBe(400);
    } finally {
      await server.stop();
      tmp.cleanup();
    }
  });
});
