import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { buildCli, podflow, repoRoot } from './cli-harness';

const seed = (name: string) => `${repoRoot}examples/seed/${name}.podflow.yaml`;
let dir: string;
beforeAll(() => {
  buildCli();
  dir = mkdtempSync(join(tmpdir(), 'podflow-export-argo-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('podflow export argo (the bundled CLI)', () => {
  it('prints the code ConfigMaps, then the Workflow; --input sets spec.arguments (a str may be bare)', () => {
    const r = podflow(['export', 'argo', seed('map-pod-workflow'), '--input', 'list_of_ints=[4,5]']);
    expect(r.status, r.stderr).toBe(0);
    const docs = parseAllDocuments(r.stdout).map((d) => d.toJS());
    expect(docs.map((d) => d.kind)).toEqual(['ConfigMap', 'ConfigMap', 'ConfigMap', 'Workflow']);
    expect(docs[3].spec.arguments.parameters).toEqual([{ name: 'list_of_ints', value: '[4,5]' }]);
  });

  it('--generate-name, --template and --format json', () => {
    const named = parseAllDocuments(podflow(['export', 'argo', seed('pod-workflow'), '--generate-name']).stdout).map((d) => d.toJS());
    expect(named.at(-1).metadata).toMatchObject({ generateName: 'pod-workflow-' });
    const json = podflow(['export', 'argo', seed('pod-workflow'), '--template', '--format', 'json']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout).at(-1)).toMatchObject({ kind: 'WorkflowTemplate', metadata: { name: 'pod-workflow' } });
  });

  it('refuses a dynamic task with exit 1 and a diagnostic naming the node, and nothing on stdout', () => {
    const r = podflow(['export', 'argo', seed('dynamic-pod-workflow')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error[argo-dynamic-task] (node dynamic_pod_task, spec.nodes[0].task)');
    expect(r.stderr).toContain('not exported to Argo');
    expect(r.stderr).not.toMatch(/\bat \w+ \(/); // no stack trace
  });

  it('usage errors exit 2: unknown format, unknown input, bad JSON, --template with --generate-name, no FILE', () => {
    const cases: [string[], RegExp][] = [
      [['export', 'helm', seed('pod-workflow')], /unknown format "helm": podflow export argo\|flyte FILE/],
      [['export', 'argo', seed('map-pod-workflow'), '--input', 'nope=1'], /--input nope: the workflow has no input "nope"/],
      [['export', 'argo', seed('map-pod-workflow'), '--input', 'list_of_ints=[1,'], /is not valid JSON/],
      [['export', 'argo', seed('pod-workflow'), '--template', '--generate-name'], /--generate-name is for a Workflow/],
      [['export', 'argo'], /missing FILE/],
    ];
    for (const [args, message] of cases) {
      const r = podflow(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('an invalid workflow exits 1 naming the problem', () => {
    const file = join(dir, 'broken.podflow.yaml');
    writeFileSync(file, 'apiVersion: podflow/v1alpha1\nkind: Workflow\nmetadata: { name: broken }\nspec:\n  tasks:\n    - name: t\n      type: python\n      code: "def t(:\\n"\n  nodes:\n    - { id: t, task: t }\n');
    const r = podflow(['export', 'argo', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error\[.*\].*task t|node t/);
    expect(r.stderr).toContain('not exported, the workflow has errors');
  });

  it('submit: a usage error without a target, and a clear error without a cluster', () => {
    expect(podflow(['submit', seed('pod-workflow')]).stderr).toMatch(/unknown target/);
    const r = podflow(['submit', 'argo', seed('pod-workflow')], { env: { KUBECONFIG: join(dir, 'none.yaml'), HOME: dir } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/kubeconfig|cluster/);
  });
});
