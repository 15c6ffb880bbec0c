import { describe, expect, it } from 'vitest';
import { SEED_EXAMPLES, seedDoc } from '../__fixtures__/seed-examples';
import { parseWorkflowOrThrow } from '../document/parse-workflow';
import type { WorkflowDoc } from '../document/workflow-schema';
import { nodeId } from '../document/ids';
import { toFlytekitModule } from './flyte-module';

// The flytekit module export, as text. That flytekit reads it back to the same pods is tested with real flytekit in
// apps/server/src/flyte/export-flyte-module.test.ts; here: what a person reads, and what is refused.
const withTasks = (doc: WorkflowDoc, tasks: NonNullable<WorkflowDoc['spec']['tasks']>, nodes = doc.spec.nodes): WorkflowDoc => ({ ...doc, spec: { ...doc.spec, tasks, nodes } });

describe('toFlytekitModule', () => {
  for (const name of SEED_EXAMPLES) {
    it(`${name}: a readable module (golden file)`, async () => {
      const r = toFlytekitModule(seedDoc(name));
      expect(r.ok && r.diagnostics).toEqual([]);
      await expect(r.ok ? r.module : '').toMatchFileSnapshot(`__golden__/${name.replace(/-/g, '_')}.py`);
    });
  }

  it('names nodes whose id is not their task name with with_overrides(name=...)', () => {
    const doc = seedDoc('pod-workflow');
    const renamed: WorkflowDoc = { ...doc, spec: { ...doc.spec, nodes: [{ id: nodeId('hello'), task: 'pod_task' }], outputs: [{ name: 'o0', from: { node: nodeId('hello'), output: 'o0' } }] } };
    const r = toFlytekitModule(renamed);
    expect(r.ok && r.module).toContain('    hello = pod_task().with_overrides(name="hello")\n    return hello\n');
  });

  it('refuses task modules that bind one name two ways, naming both tasks', () => {
    const doc = parseWorkflowOrThrow(`apiVersion: podflow/v1alpha1
kind: Workflow
metadata: { name: clash }
spec:
  tasks:
    - { name: a, type: python, code: "LIMIT = 1\\n\\ndef a() -> int:\\n    return LIMIT\\n" }
    - { name: b, type: python, code: "LIMIT = 2\\n\\ndef b() -> int:\\n    return LIMIT\\n" }
  nodes: [{ id: a, task: a }, { id: b, task: b }]
`);
    const r = toFlytekitModule(doc);
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'flyte-export-name-clash', task: 'b', path: 'spec.tasks[1].code', message: expect.stringContaining('binds LIMIT at module level, which task a binds differently') })]);
  });

  it('shares identical imports and helpers once', () => {
    const doc = parseWorkflowOrThrow(`apiVersion: podflow/v1alpha1
kind: Workflow
metadata: { name: shared }
spec:
  tasks:
    - { name: a, type: python, code: "import math\\n\\nLIMIT = 1\\n\\ndef a() -> int:\\n    return math.floor(LIMIT)\\n" }
    - { name: b, type: python, code: "import math\\n\\nLIMIT = 1\\n\\ndef b() -> int:\\n    return math.ceil(LIMIT)\\n" }
  nodes: [{ id: a, task: a }, { id: b, task: b }]
`);
    const r = toFlytekitModule(doc);
    expect(r.ok).toBe(true);
    const text = r.ok ? r.module : '';
    expect(text.match(/import math/g)).toHaveLength(1);
    expect(text.match(/LIMIT = 1/g)).toHaveLength(1);
  });

  it('refuses what flytekit cannot express, naming the task and field', () => {
    const doc = seedDoc('pod-workflow');
    const task = doc.spec.tasks![0]!;
    const r = toFlytekitModule(withTasks(doc, [{ ...task, resources: { requests: { 'hugepages-2Mi': '1Gi' } }, pod: { spec: { containers: [], resourceClaims: [{ name: 'c', source: { resourceClaimName: 'x' } }] } as never } }]));
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['flyte-export-pod-field', 'spec.tasks[0].pod.spec.resourceClaims[0].source'],
      ['flyte-export-resource', 'spec.tasks[0].resources.requests.hugepages-2Mi'],
    ]);
  });

  it('refuses an invalid workflow with its diagnostics, and a name that is no Python identifier', () => {
    const doc = seedDoc('pod-workflow');
    expect(toFlytekitModule({ ...doc, spec: { ...doc.spec, nodes: [{ id: nodeId('x'), task: 'missing' }] } }).diagnostics[0]?.severity).toBe('error');
    const r = toFlytekitModule({ ...doc, metadata: { name: '1st' } });
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ code: 'flyte-export-name', path: 'metadata.name' });
  });

  it('keeps Python literals exact: strings with quotes and unicode, None, booleans, nested values', () => {
    const doc = parseWorkflowOrThrow(`apiVersion: podflow/v1alpha1
kind: Workflow
metadata: { name: literals }
spec:
  inputs:
    - { name: x, type: dict, default: { "say \\"hi\\"": [null, true, false, 1.5, "日本\\n"] } }
  tasks:
    - { name: t, type: python, code: "def t(x: dict, y: str) -> dict:\\n    return x\\n" }
  nodes: [{ id: t, task: t, inputs: { x: { input: x }, y: { value: "it's" } } }]
  outputs: [{ name: o0, from: { node: t, output: o0 } }]
`);
    const r = toFlytekitModule(doc);
    expect(r.ok && r.module).toContain('def literals(x: Any = {"say \\"hi\\"": [None, True, False, 1.5, "日本\\n"]}) -> Any:');
    expect(r.ok && r.module).toContain('t(x=x, y="it\'s")');
  });
});
