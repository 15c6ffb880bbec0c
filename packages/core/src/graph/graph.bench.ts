import { bench, describe } from 'vitest';
import { nodeId } from '../document/ids';
import { syntheticWorkflow } from '../__fixtures__/synthetic';
import { nodeEdges } from './node-edges';
import { topoSort } from './topo-sort';
import { upstream } from './upstream';
import { wouldCreateCycle } from './would-create-cycle';

for (const shape of ['chain', 'fanout', 'lattice'] as const) {
  describe(`graph, 10,000-node ${shape}`, () => {
    const doc = syntheticWorkflow(shape, 10_000);
    bench('nodeEdges', () => void nodeEdges(doc));
    bench('topoSort', () => void topoSort(doc));
    bench('upstream of the last node', () => void upstream(doc, nodeId('n9999')));
    bench('wouldCreateCycle last → first (worst case)', () => void wouldCreateCycle(doc, nodeId('n9999'), nodeId('n0')));
  });
}
