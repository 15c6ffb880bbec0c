import { describe, expect, it } from 'vitest';
import { validatePodSpec } from '@podflow/core';
import { readDraft } from './yaml-draft';

const rules = { validate: validatePodSpec, what: 'a pod spec' };
const good = `containers:
  - name: primary
  - name: secondary
    image: alpine
priorityClassName: high
`;

describe('readDraft (what the YAML tab may apply)', () => {
  it('applies a clean pod spec, unknown-to-the-form fields included', () => {
    const r = readDraft(good, rules);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject({ priorityClassName: 'high' });
  });

  it('refuses a value outside an enum, with its line', () => {
    const r = readDraft(good.replace('image: alpine', 'image: alpine\n    imagePullPolicy: Sometimes'), rules);
    expect(r).toMatchObject({ ok: false, problems: [{ kind: 'schema', startLine: 5, message: expect.stringMatching(/imagePullPolicy: must be one of "Always"/) }] });
  });

  it('refuses an unknown field', () => {
    const r = readDraft(`${good}bogusField: 1\n`, rules);
    expect(r).toMatchObject({ ok: false, problems: [{ kind: 'schema', startLine: 6, message: 'bogusField: unknown field "bogusField"' }] });
  });

  it('refuses a bad quantity', () => {
    const r = readDraft('containers:\n  - name: a\n    resources:\n      limits:\n        memory: 1 GB\n', rules);
    expect(r).toMatchObject({ ok: false, problems: [{ kind: 'schema', startLine: 5 }] });
  });

  it('refuses broken indentation and other syntax errors', () => {
    const r = readDraft('containers:\n  - name: a\n   image: b\n', rules);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.kind).toBe('syntax');
    expect(readDraft('containers: [\n', rules).ok).toBe(false);
    expect(readDraft('- a\n', rules).ok).toBe(false);
  });

  it('lets a sub-editor clear its field with empty text', () => {
    expect(readDraft('  \n', { allowEmpty: true })).toEqual({ ok: true, value: undefined });
    expect(readDraft('', rules).ok).toBe(false);
  });
});
