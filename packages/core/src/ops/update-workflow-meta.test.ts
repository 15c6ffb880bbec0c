import { describe, expect, it } from 'vitest';
import { expectOk, expectRefused } from '../__fixtures__/expect-ok';
import { diamond } from '../__fixtures__/small-docs';
import { updateWorkflowMeta } from './update-workflow-meta';

describe('updateWorkflowMeta', () => {
  it('sets metadata and spec settings in schema order', () => {
    const doc = expectOk(updateWorkflowMeta(diamond, { name: 'renamed', description: 'x', failurePolicy: 'continue', defaults: { image: 'python:3.13' } }));
    expect(doc.metadata).toEqual({ name: 'renamed', description: 'x' });
    expect(Object.keys(doc.spec).slice(0, 3)).toEqual(['defaults', 'failurePolicy', 'inputs']);
    expect(doc.spec.tasks).toBe(diamond.spec.tasks);
  });

  it('removes optional settings given as undefined, and returns the document itself for no change', () => {
    const set = expectOk(updateWorkflowMeta(diamond, { failurePolicy: 'continue', description: 'd' }));
    const cleared = expectOk(updateWorkflowMeta(set, { failurePolicy: undefined, description: undefined }));
    expect(cleared).toEqual(diamond);
    expect(expectOk(updateWorkflowMeta(diamond, { name: undefined }))).toBe(diamond);
  });

  it('refuses settings the schema refuses', () => {
    expect(expectRefused(updateWorkflowMeta(diamond, { failurePolicy: 'sometimes' as never }))).toMatch(/failurePolicy/);
    expect(expectRefused(updateWorkflowMeta(diamond, { defaults: { image: 'x', bogus: 1 } as never }))).toMatch(/defaults/);
  });
});
