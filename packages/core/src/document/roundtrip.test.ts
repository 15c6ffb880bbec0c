import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryWorkflow } from '../__fixtures__/arbitrary-workflow';
import { diamond, mapAndDynamic } from '../__fixtures__/small-docs';
import { syntheticWorkflow } from '../__fixtures__/synthetic';
import { parseWorkflow } from './parse-workflow';
import { serializeWorkflow } from './serialize-workflow';
import type { WorkflowDoc } from './workflow-schema';

function reparsed(input: unknown): WorkflowDoc {
  const result = parseWorkflow(input);
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return result.doc;
}

describe('document round trip', () => {
  it('parse(serialize(doc)) equals doc', () => {
    fc.assert(fc.property(arbitraryWorkflow(), (doc) => {
      expect(reparsed(serializeWorkflow(doc))).toEqual(doc);
    }));
  });

  it('parse(JSON text) equals doc', () => {
    fc.assert(fc.property(arbitraryWorkflow(), (doc) => {
      expect(reparsed(JSON.stringify(doc))).toEqual(doc);
    }));
  });

  it('parse(JSON data) equals doc', () => {
    fc.assert(fc.property(arbitraryWorkflow(), (doc) => {
      expect(reparsed(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
    }));
  });

  it('serializing a parsed document gives the same text (documents in schema key order)', () => {
    fc.assert(fc.property(arbitraryWorkflow(), (doc) => {
      const text = serializeWorkflow(doc);
      expect(serializeWorkflow(reparsed(text))).toBe(text);
    }));
  });

  it.each([['diamond', diamond], ['map and dynamic', mapAndDynamic]])('keeps %s exactly, with code as a literal block', (_name, doc) => {
    const text = serializeWorkflow(doc);
    expect(reparsed(text)).toEqual(doc);
    expect(text).toContain('code: |');
  });

  it('round-trips a 1,000-node document', () => {
    const doc = syntheticWorkflow('lattice', 1_000);
    expect(reparsed(serializeWorkflow(doc))).toEqual(doc);
  });

  // A key "__proto__" (a valid-looking node id, env name or input name) cannot be kept in plain JavaScript objects
  // (zod's records drop it, and for layout it would set the prototype): it is refused with its path, never lost.
  it('refuses a record key "__proto__" with its path instead of dropping it', () => {
    const text = serializeWorkflow({ ...diamond, spec: { ...diamond.spec, tasks: [{ ...diamond.spec.tasks![0]!, env: JSON.parse('{"__proto__":"x"}') }] } });
    const result = parseWorkflow(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ path: 'spec.tasks[0].env.__proto__' });
    // Deeper, past a list and its earlier items: the path names the item the key is in.
    const json = JSON.stringify(diamond);
    const at = json.lastIndexOf('"inputs":{') + '"inputs":{'.length;
    const nested = parseWorkflow(`${json.slice(0, at)}"__proto__":{"value":1},${json.slice(at)}`);
    const last = diamond.spec.nodes!.map((n) => n.inputs !== undefined).lastIndexOf(true);
    expect(nested.ok).toBe(false);
    if (!nested.ok) expect(nested.issues[0]).toMatchObject({ path: `spec.nodes[${last}].inputs.__proto__` });
  });
});
