import { describe, expect, it } from 'vitest';
import { parseWorkflowOrThrow } from '@podflow/core';
import { anchorPositions, layoutGraph } from './layout-graph';

const doc = parseWorkflowOrThrow({
  apiVersion: 'podflow/v1alpha1',
  kind: 'Workflow',
  metadata: { name: 'w' },
  spec: {
    inputs: [{ name: 'n', type: 'int' }],
    outputs: [{ name: 'o0', from: { node: 'b', output: 'o0' } }],
    tasks: [{ name: 't', type: 'python', code: 'def t(x: int) -> int:\n    return x\n' }],
    nodes: [
      { id: 'a', task: 't', inputs: { x: { input: 'n' } } },
      { id: 'b', task: 't', inputs: { x: { node: 'a', output: 'o0' } } },
    ],
  },
});

describe('layoutGraph', () => {
  it('lists inputs, nodes and outputs with edges between their canvas ids', () => {
    const g = layoutGraph(doc, (id) => (id === 'a' ? { width: 10, height: 20 } : undefined));
    expect(g.nodes.map((n) => n.id)).toEqual(['input:n', 'a', 'b', 'output:o0']);
    expect(g.nodes[1]).toEqual({ id: 'a', width: 10, height: 20 });
    expect(g.edges.map((e) => `${e.source}->${e.target}`)).toEqual(['input:n->a', 'a->b', 'b->output:o0']);
  });

  it('keeps the graph where it was', () => {
    const laid = new Map([
      ['a', { x: 0, y: 0 }],
      ['b', { x: 100, y: 10 }],
    ]);
    const out = anchorPositions(laid, (id) => (id === 'a' ? { x: 500, y: 300 } : { x: 900, y: 900 }));
    expect(out).toEqual({ a: { x: 500, y: 300 }, b: { x: 600, y: 310 } });
  });
});
