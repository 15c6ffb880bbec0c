import { describe, expect, it } from 'vitest';
import { expectOk, expectRefused } from '../__fixtures__/expect-ok';
import { diamond } from '../__fixtures__/small-docs';
import { updateTask } from './update-task';

describe('updateTask', () => {
  it('sets fields in schema order and removes fields given as undefined', () => {
    const doc = expectOk(updateTask(diamond, 'step', { retries: 2, description: 'adds' }));
    const step = doc.spec.tasks![1]!;
    expect(Object.keys(step)).toEqual(['name', 'type', 'description', 'code', 'retries']);
    expect(doc.spec.tasks![0]).toBe(diamond.spec.tasks![0]);
    const cleared = expectOk(updateTask(doc, 'step', { retries: undefined }));
    expect(Object.keys(cleared.spec.tasks![1]!)).toEqual(['name', 'type', 'description', 'code']);
  });

  it('returns the same document when nothing changes', () => {
    expect(expectOk(updateTask(diamond, 'step', { image: undefined }))).toBe(diamond);
  });

  it('refuses a missing task and a malformed result; never renames', () => {
    expect(expectRefused(updateTask(diamond, 'nope', { retries: 1 }))).toMatch(/no task named "nope"/);
    expect(expectRefused(updateTask(diamond, 'step', { timeoutSeconds: 0 }))).toMatch(/timeoutSeconds/);
    expect(expectRefused(updateTask(diamond, 'step', { code: undefined }))).toMatch(/code/);
    const renamed = expectOk(updateTask(diamond, 'step', { name: 'other', retries: 1 } as never));
    expect(renamed.spec.tasks![1]!.name).toBe('step');
  });
});
