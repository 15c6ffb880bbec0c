import { describe, expect, it } from 'vitest';
import { nodeId } from '../document/ids';
import { expectOk, expectRefused } from '../__fixtures__/expect-ok';
import { diamond } from '../__fixtures__/small-docs';
import { addWorkflowOutput } from './add-workflow-output';
import { removeWorkflowOutput } from './remove-workflow-output';
import { updateWorkflowOutput } from './update-workflow-output';

describe('workflow outputs', () => {
  it('addWorkflowOutput appends and refuses taken names and missing nodes', () => {
    const doc = expectOk(addWorkflowOutput(diamond, { name: 'mid', from: { node: nodeId('b'), output: 'o0' } }, { x: 0, y: 9 }));
    expect(doc.spec.outputs!.map((o) => o.name)).toEqual(['total', 'mid']);
    expect(doc.spec.layout!['output:mid']).toEqual({ x: 0, y: 9 });
    expect(expectRefused(addWorkflowOutput(diamond, { name: 'total', from: { node: nodeId('b'), output: 'o0' } }))).toMatch(/already exists/);
    expect(expectRefused(addWorkflowOutput(diamond, { name: 'x', from: { node: nodeId('zz'), output: 'o0' } }))).toMatch(/no node/);
  });

  it('updateWorkflowOutput renames (moving layout) and re-points', () => {
    const doc = expectOk(updateWorkflowOutput(diamond, 'total', { name: 'sum', from: { node: nodeId('c'), output: 'o0' } }));
    expect(doc.spec.outputs).toEqual([{ name: 'sum', type: 'int', from: { node: 'c', output: 'o0' } }]);
    expect(Object.keys(doc.spec.layout!).at(-1)).toBe('output:sum');
    expect(expectRefused(updateWorkflowOutput(diamond, 'total', { from: { node: nodeId('zz'), output: 'o0' } }))).toMatch(/no node/);
    expect(expectRefused(updateWorkflowOutput(diamond, 'nope', { type: 'int' }))).toMatch(/no workflow output/);
  });

  it('removeWorkflowOutput removes the output and its layout entry', () => {
    const doc = removeWorkflowOutput(diamond, 'total');
    expect(doc.spec.outputs).toEqual([]);
    expect(doc.spec.layout!['output:total']).toBeUndefined();
    expect(removeWorkflowOutput(diamond, 'nope')).toBe(diamond);
  });
});
