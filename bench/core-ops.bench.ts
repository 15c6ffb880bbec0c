// `npx vitest bench bench/` — micro-benchmarks of core's graph queries and edit ops (measures, asserts nothing).
import { bench, describe } from 'vitest';
import { nodeId, addNode, connect, duplicateNodes, extractFragment, moveNodes, pasteFragment, removeNodes, renameNode, renameTask } from '@podflow/core';
import { syntheticWorkflow } from '../packages/core/src/__fixtures__/synthetic';

describe('ops, 10,000-node lattice', () => {
  const doc = syntheticWorkflow('lattice', 10_000);
  const some = Array.from({ length: 100 }, (_, i) => nodeId(`n${i * 97}`));
  bench('addNode', () => void addNode(doc, { task: 'step', position: { x: 0, y: 0 } }));
  bench('removeNodes (100)', () => void removeNodes(doc, some));
  bench('renameNode', () => void renameNode(doc, nodeId('n5000'), nodeId('middle')));
  bench('connect (with cycle check)', () => void connect(doc, { from: { node: nodeId('n0'), output: 'o0' }, to: { node: nodeId('n9999'), input: 'b' } }));
  bench('moveNodes (100)', () => void moveNodes(doc, Object.fromEntries(some.map((id) => [id, { x: 1, y: 1 }]))));
  bench('renameTask step', () => void renameTask(doc, 'step', 'add'));
  bench('duplicateNodes (100)', () => void duplicateNodes(doc, some, { x: 20, y: 20 }));
  bench('copy + paste (100)', () => void pasteFragment(doc, extractFragment(doc, some), { x: 0, y: 0 }));
});
