import { describe, expect, it } from 'vitest';
import { expectOk, expectRefused } from '../__fixtures__/expect-ok';
import { diamond, empty } from '../__fixtures__/small-docs';
import { addWorkflowInput } from './add-workflow-input';
import { removeWorkflowInput } from './remove-workflow-input';
import { renameWorkflowInput } from './rename-workflow-input';
import { updateWorkflowInput } from './update-workflow-input';

describe('workflow inputs', () => {
  it('addWorkflowInput appends with a position and refuses bad or taken names', () => {
    const doc = expectOk(addWorkflowInput(empty, { name: 'n', type: 'int' }, { x: 1, y: 2 }));
    expect(doc.spec).toEqual({ inputs: [{ name: 'n', type: 'int' }], layout: { 'input:n': { x: 1, y: 2 } } });
    expect(expectRefused(addWorkflowInput(diamond, { name: 'seed', type: 'int' }))).toMatch(/already exists/);
    expect(expectRefused(addWorkflowInput(diamond, { name: 'a b', type: 'int' }))).toMatch(/Python identifier/);
    expect(expectRefused(addWorkflowInput(diamond, { name: 'x', type: 'float', default: Number.POSITIVE_INFINITY }))).toMatch(/default/);
  });

  it('updateWorkflowInput changes and removes fields', () => {
    const doc = expectOk(updateWorkflowInput(diamond, 'seed', { type: 'float', default: undefined, description: 'd' }));
    expect(doc.spec.inputs).toEqual([{ name: 'seed', type: 'float', description: 'd' }]);
    expect(Object.keys(doc.spec.inputs![0]!)).toEqual(['name', 'type', 'description']);
    expect(expectRefused(updateWorkflowInput(diamond, 'nope', { type: 'int' }))).toMatch(/no workflow input/);
  });

  it('renameWorkflowInput follows bindings and layout', () => {
    const doc = expectOk(renameWorkflowInput(diamond, 'seed', 'start'));
    expect(doc.spec.inputs![0]!.name).toBe('start');
    expect(doc.spec.nodes![0]!.inputs).toEqual({ seed: { input: 'start' } });
    expect(Object.keys(doc.spec.layout!)[0]).toBe('input:start');
    expect(doc.spec.nodes![1]).toBe(diamond.spec.nodes![1]);
    expect(expectRefused(renameWorkflowInput(diamond, 'seed', 'no way'))).toMatch(/Python identifier/);
    expect(expectRefused(renameWorkflowInput(diamond, 'nope', 'x'))).toMatch(/no workflow input/);
  });

  it('removeWorkflowInput removes bindings and layout', () => {
    const doc = removeWorkflowInput(diamond, 'seed');
    expect(doc.spec.inputs).toEqual([]);
    expect(doc.spec.nodes![0]!.inputs).toEqual({});
    expect(doc.spec.layout!['input:seed']).toBeUndefined();
    expect(removeWorkflowInput(diamond, 'nope')).toBe(diamond);
  });
});
