import { describe, expect, it } from 'vitest';
import { dangling, diamond, empty } from '../__fixtures__/small-docs';
import { nodeEdges } from './node-edges';

describe('nodeEdges', () => {
  it('lists node, workflow-input and workflow-output edges in document order', () => {
    expect(nodeEdges(diamond)).toEqual([
      { kind: 'workflow-input', from: 'seed', to: 'a', input: 'seed' },
      { kind: 'node', from: 'a', output: 'o0', to: 'b', input: 'a' },
      { kind: 'node', from: 'a', output: 'o0', to: 'c', input: 'a' },
      { kind: 'node', from: 'b', output: 'o0', to: 'd', input: 'a' },
      { kind: 'node', from: 'c', output: 'o0', to: 'd', input: 'b' },
      { kind: 'workflow-output', from: 'd', output: 'o0', to: 'total' },
    ]);
  });

  it('leaves out dangling references instead of failing', () => {
    expect(nodeEdges(dangling)).toEqual([
      { kind: 'node', from: 'real', output: 'o0', to: 'after', input: 'a' },
      { kind: 'workflow-output', from: 'real', output: 'o0', to: 'kept' },
    ]);
  });

  it('is empty for a document without nodes', () => {
    expect(nodeEdges(empty)).toEqual([]);
  });
});
