import { describe, expect, it } from 'vitest';
import { syntheticWorkflow } from '../__fixtures__/synthetic';
import { findNode, findTask, nodeIndexOf, taskIndexOf } from './accessors';
import type { WorkflowNode } from './workflow-schema';

describe('findNode / findTask (indexed per list)', () => {
  it('find every node and task of a large workflow by id and name, and nothing else', () => {
    const doc = syntheticWorkflow('lattice', 2000);
    const nodes = doc.spec.nodes!;
    nodes.forEach((n, i) => {
      expect(findNode(doc, n.id)).toBe(n);
      expect(nodeIndexOf(doc, n.id)).toBe(i);
    });
    expect(findTask(doc, 'step')).toBe(doc.spec.tasks![1]);
    expect(taskIndexOf(doc, 'source')).toBe(0);
    expect(findNode(doc, 'n2000')).toBeUndefined();
    expect(nodeIndexOf(doc, 'nope')).toBe(-1);
    expect(findTask(doc, 'nope')).toBeUndefined();
  });

  it('the first of two nodes with one id wins, as a linear search would', () => {
    const doc = syntheticWorkflow('chain', 3);
    const dup: WorkflowNode = { ...doc.spec.nodes![2]!, id: doc.spec.nodes![0]!.id };
    doc.spec.nodes = [...doc.spec.nodes!, dup];
    expect(findNode(doc, dup.id)).toBe(doc.spec.nodes[0]);
  });

  it('a list changed in place (pushed to, or an item replaced) is looked up afresh', () => {
    const doc = syntheticWorkflow('chain', 3);
    const nodes = doc.spec.nodes!;
    expect(findNode(doc, 'n1')).toBe(nodes[1]);
    nodes.push({ id: 'late' as never, task: 'step' });
    expect(findNode(doc, 'late')).toBe(nodes[3]);
    const replaced: WorkflowNode = { id: 'swapped' as never, task: 'step' };
    nodes[1] = replaced;
    expect(findNode(doc, 'swapped')).toBe(replaced); // a key the index lacks
    expect(findNode(doc, 'n1')).toBeUndefined();
    nodes[2] = { id: 'n1' as never, task: 'step' };
    expect(findNode(doc, 'n1')).toBe(nodes[2]);
    expect(nodeIndexOf(doc, 'n1')).toBe(2);
  });
});
