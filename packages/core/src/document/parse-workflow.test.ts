import { describe, expect, it } from 'vitest';
import { seedText } from '../__fixtures__/seed-examples';
import { MAX_DOCUMENT_BYTES, parseWorkflow } from './parse-workflow';

const issues = (input: unknown) => {
  const r = parseWorkflow(input);
  if (r.ok) throw new Error('expected the document to be refused');
  return r.issues;
};

describe('parseWorkflow', () => {
  it('reads the seed examples from YAML and the same document from JSON', () => {
    const r = parseWorkflow(seedText('map-pod-workflow'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.spec.nodes?.map((n) => n.id)).toEqual(['map_pod_task', 'coalesce']);
    expect(parseWorkflow(JSON.stringify(r.doc))).toEqual(r);
    expect(parseWorkflow(r.doc)).toEqual(r);
  });

  it('reports malformed YAML with its line and column', () => {
    const [issue] = issues('apiVersion: podflow/v1alpha1\nkind: Workflow\nmetadata:\n  name: x\n   bad: indent\n');
    expect(issue!.line).toBeGreaterThanOrEqual(4);
    expect(issue!.col).toBeGreaterThanOrEqual(1);
    expect(issue!.message.length).toBeGreaterThan(5);
  });

  it('reports a wrong field with its path and line', () => {
    const text = seedText('map-pod-workflow').replace('int_val: { input: list_of_ints }', 'int_val: { inptu: list_of_ints }');
    const [issue] = issues(text);
    expect(issue!.path).toBe('spec.nodes[0].inputs.int_val');
    expect(issue!.line).toBe(text.split('\n').findIndex((l) => l.includes('inptu')) + 1);
    expect(issue!.message).toContain('{ node, output }');
  });

  it('names unknown fields and missing required ones', () => {
    const unknown = issues({ apiVersion: 'podflow/v1alpha1', kind: 'Workflow', metadata: { name: 'a', colour: 'red' }, spec: {} });
    expect(unknown[0]).toMatchObject({ path: 'metadata', message: 'unknown field "colour"' });
    const missing = issues({ apiVersion: 'podflow/v1alpha1', kind: 'Workflow', spec: {} });
    expect(missing[0]).toMatchObject({ path: 'metadata' });
    expect(missing[0]!.message).toContain('missing');
  });

  it('refuses an unknown apiVersion, naming the one it reads', () => {
    expect(issues('apiVersion: podflow/v9\nkind: Workflow\nmetadata: {name: a}\nspec: {}\n')[0]!.message).toContain('podflow/v1alpha1');
  });

  it('refuses a YAML alias bomb quickly instead of expanding it', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]`);
    const [issue] = issues(lines.join('\n'));
    expect(issue!.message).toMatch(/alias/i);
  });

  it('refuses a 10 MB document with its size and the limit', () => {
    const big = `apiVersion: podflow/v1alpha1\nkind: Workflow\nmetadata: {name: a, description: "${'x'.repeat(10 * 1024 * 1024)}"}\nspec: {}\n`;
    const [issue] = issues(big);
    expect(issue!.message).toContain('over the');
    expect(big.length).toBeGreaterThan(MAX_DOCUMENT_BYTES);
  });

  it('refuses an empty document and duplicate keys', () => {
    expect(issues('')[0]!.message).toContain('empty');
    expect(issues('apiVersion: a\napiVersion: b\n')[0]).toMatchObject({ line: 2 });
  });
});

describe('parseWorkflow: wrong types', () => {
  it('says what was expected and what was found', () => {
    const r = parseWorkflow({ apiVersion: 'podflow/v1alpha1', kind: 'Workflow', metadata: { name: 'a' }, spec: { tasks: 'x' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ path: 'spec.tasks', message: 'expected array, got string "x"' });
  });
});
