// `npx vitest bench bench/` — micro-benchmarks of core's graph queries and edit ops (measures, asserts nothing).
import { bench, describe } from 'vitest';
import { nodeId, nodeEdges, topoSort, upstream, wouldCreateCycle } from '@podflow/core';
import { syntheticWorkflow } from '../packages/core/src/__fixtures__/synthetic';

for (const shape of ['chain', 'fanout', 'lattice'] as const) {
  describe(`graph, 10,000-node ${shape}`, () => {
    const doc = syntheticWorkflow(shape, 10_000);
    bench('nodeEdges', () => void nodeEdges(doc));
    bench('topoSort', () => void topoSort(doc));
    bench('upstream of the last node', () => void upstream(doc, nodeId('n9999')));
    bench('wouldCreateCycle last → first (worst case)', () => void wouldCreateCycle(doc, nodeId('n9999'), nodeId('n0')));
  });
}
