import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, jsonTextTooDeep, valueTooDeep } from './nesting-depth';
import { parseWorkflow } from './parse-workflow';
import { nameProblem } from './workflow-name';

const HEAD = 'apiVersion: podflow/v1alpha1\nkind: Workflow\nmetadata:\n  name: deep\nspec:\n  tasks: []\n  nodes: []\n  layout: ';
const nestedLists = (n: number): string => '['.repeat(n) + ']'.repeat(n);
const message = (input: unknown): string => {
  const r = parseWorkflow(input);
  if (r.ok) throw new Error('expected the document to be refused');
  return r.issues.map((i) => i.message).join('; ');
};
const limitMessage = new RegExp(`more than ${MAX_NESTING_DEPTH} levels deep \\(the limit is ${MAX_NESTING_DEPTH}\\)`);

describe('the nesting limit of documents', () => {
  it('refuses JSON text, YAML flow text, YAML block text and data nested past the limit, naming the limit', () => {
    const jsonDoc = (inner: string) => `{"apiVersion":"podflow/v1alpha1","kind":"Workflow","metadata":{"name":"deep"},"spec":{"tasks":[],"layout":${inner}}}`;
    for (const depth of [MAX_NESTING_DEPTH + 1, 10_000, 50_000]) {
      expect(message(jsonDoc(nestedLists(depth))), `JSON ${depth}`).toMatch(limitMessage);
      expect(message(HEAD + nestedLists(depth) + '\n'), `YAML flow ${depth}`).toMatch(limitMessage);
    }
    let block = HEAD + '\n';
    for (let i = 1; i <= 600; i++) block += `${' '.repeat(2 * i)}k:\n`;
    expect(message(block)).toMatch(limitMessage);
    let data: unknown = 1;
    for (let i = 0; i < 50_000; i++) data = [data];
    expect(message({ apiVersion: 'podflow/v1alpha1', kind: 'Workflow', metadata: { name: 'deep' }, spec: { tasks: [], layout: data } })).toMatch(limitMessage);
  });

  it('counts only real nesting: brackets inside strings, and depths at the limit, are fine', () => {
    expect(jsonTextTooDeep(`{"a":"${'['.repeat(1000)}\\"{{{"}`)).toBe(false);
    expect(jsonTextTooDeep(nestedLists(MAX_NESTING_DEPTH))).toBe(false);
    expect(jsonTextTooDeep(nestedLists(MAX_NESTING_DEPTH + 1))).toBe(true);
    expect(valueTooDeep(JSON.parse(nestedLists(MAX_NESTING_DEPTH)))).toBe(false);
    expect(valueTooDeep(JSON.parse(nestedLists(MAX_NESTING_DEPTH + 1)))).toBe(true);
    const r = parseWorkflow(`{"apiVersion":"podflow/v1alpha1","kind":"Workflow","metadata":{"name":"x","description":"${'{'.repeat(5000)}"},"spec":{"tasks":[]}}`);
    expect(r.ok).toBe(true);
  });
});

describe('nameProblem', () => {
  it('refuses control characters, slashes and overlong names; takes ordinary ones', () => {
    for (const bad of ['a\u0000b', 'line\nbreak', 'tab\there', 'del\u007f', 'c1\u0085', 'a/b', 'a\\b', 'x'.repeat(254)]) {
      expect(nameProblem(bad), JSON.stringify(bad)).toBeDefined();
    }
    for (const good of ['hello-flow', 'Mein Ablauf (2)', 'naïve – ünïcode ✓', '']) expect(nameProblem(good), good).toBeUndefined();
  });
});
