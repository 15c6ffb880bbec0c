import { describe, expect, it } from 'vitest';
import { NODE_ID_PATTERN } from '../document/ids';
import { diamond, empty } from '../__fixtures__/small-docs';
import { addNode } from './add-node';

describe('addNode', () => {
  it("takes the task's name, then _2, _3", () => {
    const first = addNode(empty, { task: 'square' });
    expect(first.id).toBe('square');
    const second = addNode(first.doc, { task: 'square' });
    expect(second.id).toBe('square_2');
    const third = addNode(second.doc, { task: 'square' });
    expect(third.id).toBe('square_3');
    expect(third.doc.spec.nodes).toEqual([{ id: 'square', task: 'square' }, { id: 'square_2', task: 'square' }, { id: 'square_3', task: 'square' }]);
  });

  it('uses a preferred id, made valid and unique', () => {
    expect(addNode(diamond, { task: 'step', id: 'a' }).id).toBe('a_2');
    expect(addNode(diamond, { task: 'step', id: '9 lives!' }).id).toBe('_9_lives_');
    const long = addNode(diamond, { task: 'x'.repeat(80) });
    expect(long.id).toMatch(NODE_ID_PATTERN);
    expect(addNode(long.doc, { task: 'x'.repeat(80) }).id).toBe(`${'x'.repeat(61)}_2`);
  });

  it('places the node and sets map settings, sharing the rest', () => {
    const { doc, id } = addNode(diamond, { task: 'step', position: { x: 5, y: 6 }, map: { concurrency: 2 } });
    expect(doc.spec.nodes!.at(-1)).toEqual({ id, task: 'step', map: { concurrency: 2 } });
    expect(doc.spec.layout![id]).toEqual({ x: 5, y: 6 });
    expect(doc.spec.tasks).toBe(diamond.spec.tasks);
    expect(doc.spec.nodes![0]).toBe(diamond.spec.nodes![0]);
  });

  it('keeps spec fields in schema order when it creates them', () => {
    const { doc } = addNode(empty, { task: 't', position: { x: 0, y: 0 } });
    expect(Object.keys(doc.spec)).toEqual(['nodes', 'layout']);
  });
});
