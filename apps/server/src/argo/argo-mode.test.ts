import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Pod, PodSpec } from 'kubernetes-types/core/v1';
import { parseWorkflowOrThrow, toArgoWorkflow, type ArgoTemplate, type CompiledPod, type WorkflowDoc } from '@podflow/core';
import { richText } from '../../../../packages/core/src/export/argo/__fixtures__/argo-docs';
import { RecordingSink } from '../executors/contract/contract-pods';
import { LocalExecutor } from '../executors/local/local-executor';

/**
 * No Argo controller can run here, so the entrypoint's Argo mode is tested directly: a template of the export is
 * rendered with concrete parameter values the way Argo substitutes them, run as a pod through the local executor,
 * and the file that the template's `valueFrom.path` names is read. The container's own /tmp/podflow-outputs is backed
 * by a hostPath into a test directory (on a cluster it is the container's file system, which Argo's executor reads),
 * bind-mounted in the pod's own mount namespace; the empty mount point is made on the host first, as the local
 * executor never creates directories in the host's /tmp.
 */
const T = { timeout: 120_000 };
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** Argo's substitution: `{{inputs.parameters.X}}`, `{{workflow.name}}`, `{{retries}}` replaced inside string fields. */
function render(template: ArgoTemplate, parameters: Record<string, string>): ArgoTemplate {
  let text = JSON.stringify(template);
  const vars: Record<string, string> = { 'workflow.name': 'argo-test-run', retries: '0', ...Object.fromEntries(Object.entries(parameters).map(([k, v]) => [`inputs.parameters.${k}`, v])) };
  text = text.replace(/\{\{([^{}]+)\}\}/g, (whole, name: string) => {
    if (!(name in vars)) throw new Error(`render: ${whole} has no value`);
    return JSON.stringify(vars[name]).slice(1, -1);
  });
  return JSON.parse(text) as ArgoTemplate;
}

/** The pod Argo makes of a template (main container + sidecars, the template's pod fields and podSpecPatch). */
function podOf(t: ArgoTemplate, outputsDir: string): Pod {
  const spec: PodSpec = {
    ...(t.podSpecPatch ? (JSON.parse(t.podSpecPatch) as PodSpec) : {}),
    containers: [{ ...t.container!, volumeMounts: [...(t.container!.volumeMounts ?? []), { name: 'argo-outputs', mountPath: '/tmp/podflow-outputs' }] }, ...(t.sidecars ?? [])],
    ...(t.initContainers ? { initContainers: t.initContainers } : {}),
    volumes: [...(t.volumes ?? []), { name: 'argo-outputs', hostPath: { path: outputsDir } }],
    restartPolicy: 'Never',
  };
  for (const f of ['nodeSelector', 'tolerations', 'affinity', 'securityContext', 'serviceAccountName'] as const) if (t[f] !== undefined) Object.assign(spec, { [f]: t[f] });
  delete spec.hostNetwork; // the local executor shares the host network anyway
  delete spec.dnsPolicy;
  const annotations = { ...(t.metadata?.annotations ?? {}), 'podflow/primary-container': t.container!.name };
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: `argo-${t.name}`, namespace: 'default', labels: t.metadata?.labels ?? {}, annotations }, spec };
}

async function runTemplate(doc: WorkflowDoc, name: string, parameters: Record<string, string>) {
  const exported = toArgoWorkflow(doc);
  if (!exported.ok) throw new Error(JSON.stringify(exported.diagnostics));
  const template = exported.workflow.spec.templates.find((t) => t.name === name)!;
  const outputsDir = mkdtempSync(join(tmpdir(), 'podflow-argo-outputs-'));
  mkdirSync('/tmp/podflow-outputs', { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'podflow-argo-local-'));
  const executor = new LocalExecutor({ dataDir });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }), () => rmSync(outputsDir, { recursive: true, force: true }), () => executor.close());
  const pod = podOf(render(template, parameters), outputsDir);
  const compiled: CompiledPod = { executionId: name, nodeId: name, task: name, configMaps: exported.configMaps, pod, inputs: {}, diagnostics: [] };
  const sink = new RecordingSink();
  const result = await executor.runAttempt({ compiled, runId: 'argo-test-run', executionId: name, attempt: 0 }, sink, new AbortController().signal);
  const file = (output: string) => {
    const path = template.outputs!.parameters.find((p) => p.name === output)!.valueFrom!.path!;
    expect(path).toBe(`/tmp/podflow-outputs/${output}`);
    return readFileSync(join(outputsDir, output), 'utf8');
  };
  return { result, file, sink };
}

const doc = () => parseWorkflowOrThrow(richText);

describe("the entrypoint's Argo mode, run through the local executor", () => {
  it('a str parameter as Argo substitutes it (bare), an int as JSON: the output file holds JSON', T, async () => {
    const { result, file } = await runTemplate(doc(), 'shout-once-pod', { word: 'hello', times: '3' });
    expect(result).toEqual({ ok: true, outputs: { o0: 'HELLO!HELLO!HELLO!' } });
    expect(file('o0')).toBe('"HELLO!HELLO!HELLO!"');
  });

  it('one item of a map with a sidecar and an init container: {{item}} in, the file out', T, async () => {
    const { result, file } = await runTemplate(doc(), 'double-item', { n: '21', scale: '2' });
    expect(result).toEqual({ ok: true, outputs: { o0: 42 } });
    expect(file('o0')).toBe('42');
  });

  it("the gather step turns Argo's aggregate into the list, and the next task reads it", T, async () => {
    const gathered = await runTemplate(doc(), 'double-gather', { 'podflow-items': '[1,2,3]', o0: '["2","4","6"]' });
    expect(gathered.result).toEqual({ ok: true, outputs: { o0: [2, 4, 6] } });
    const shouted = await runTemplate(doc(), 'shout-gather', { 'podflow-items': '["a","b","c"]', o0: '["\\"A!\\"","\\"C!\\""]' });
    expect(JSON.parse(shouted.file('o0'))).toEqual(['A!', 'C!', null]);
    const summed = await runTemplate(doc(), 'sum-up-pod', { values: gathered.file('o0'), words: shouted.file('o0') });
    expect(summed.result).toEqual({ ok: true, outputs: { o0: 15 } });
    expect(summed.file('o0')).toBe('15');
  });

  it('a bad parameter fails the pod with a reason naming the input, and writes no file', T, async () => {
    const { result, file } = await runTemplate(doc(), 'shout-once-pod', { word: 'x', times: 'three' });
    expect(() => file('o0')).toThrow(/ENOENT/);
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining("input 'times' (env PODFLOW_INPUT_times) is not valid JSON") });
  });
});
