import { describe, expect, it } from 'vitest';
import { moveNodes, nodeId, removeNodes } from '@podflow/core';
import { mapPod } from '../__fixtures__/docs';
import { syntheticWorkflow } from '../../../../packages/core/src/__fixtures__/synthetic';
import { EdgeDeriver } from './derive-edges';
import { NodeDeriver, type ViewOverrides } from './derive-nodes';
import { deleteCanvasItems } from '../commands/delete-selection';

const view = (over: Partial<ViewOverrides> = {}): ViewOverrides => ({ selected: new Set(), dragging: new Map(), measured: new Map(), ...over });

describe('NodeDeriver', () => {
  it('derives inputs, task nodes (with kinds, ports and containers) and outputs', () => {
    const nodes = new NodeDeriver().derive(mapPod(), [], view());
    expect(nodes.map((n) => `${n.type}:${n.id}`)).toEqual(['input:input:list_of_ints', 'map:map_pod_task', 'task:coalesce', 'task:square', 'output:output:o0']);
    const map = nodes[1]!;
    expect(map.data).toMatchObject({
      kind: 'map',
      inputs: [{ name: 'int_val', typeText: 'list[int]', mapped: true, binding: { kind: 'edge' } }],
      outputs: [{ name: 'o0', typeText: 'list[str]' }],
      containers: [
        { name: 'primary', role: 'primary' },
        { name: 'init', role: 'init' },
      ],
      resources: 'cpu .5 · mem 500Mi',
    });
  });

  it('keeps the same objects for nodes that did not change', () => {
    const deriver = new NodeDeriver();
    const doc = mapPod();
    const first = deriver.derive(doc, [], view());
    const moved = moveNodes(doc, { square: { x: 1, y: 2 } });
    const second = deriver.derive(moved, [], view());
    expect(second[1]).toBe(first[1]);
    expect(second[2]).toBe(first[2]);
    expect(second[3]).not.toBe(first[3]);
    expect(second[3]!.position).toEqual({ x: 1, y: 2 });
    const selected = deriver.derive(moved, [], view({ selected: new Set(['coalesce']) }));
    expect(selected[2]).not.toBe(second[2]);
    expect(selected[2]!.selected).toBe(true);
    expect(selected[1]).toBe(second[1]);
  });

  it('gives a node not yet drawn an estimated size and a handle per port, every edge end included; a measured node its measured size only', () => {
    const deriver = new NodeDeriver();
    const doc = mapPod();
    const nodes = deriver.derive(doc, [], view());
    const handlesOf = (n: (typeof nodes)[number]) => (n.handles ?? []).map((h) => `${h.type}:${h.id}`).sort();
    for (const n of nodes) {
      expect(n.initialWidth).toBeGreaterThan(100);
      expect(n.initialHeight).toBeGreaterThan(40);
      // Whole pixels, as React Flow measures: a node drawn at its estimate is not measured twice.
      expect(Number.isInteger(n.initialWidth)).toBe(true);
      expect(Number.isInteger(n.initialHeight)).toBe(true);
      for (const h of n.handles ?? []) {
        expect(h.x).toBeGreaterThanOrEqual(-6);
        expect(h.x).toBeLessThanOrEqual(n.initialWidth!);
        expect(h.y).toBeGreaterThan(0);
        expect(h.y).toBeLessThan(n.initialHeight!);
      }
    }
    // Every edge leaves and enters a handle the estimate has, so React Flow can draw edges to nodes it has not drawn.
    const byId = new Map(nodes.map((n) => [n.id, n]));
    for (const e of new EdgeDeriver().derive(doc, new Set())) {
      expect(handlesOf(byId.get(e.source)!)).toContain(`source:${e.sourceHandle}`);
      expect(handlesOf(byId.get(e.target)!)).toContain(`target:${e.targetHandle}`);
    }
    const square = byId.get('square')!;
    expect(square.handles?.find((h) => h.type === 'target')?.x).toBeLessThan(0); // inputs on the left border
    expect(square.handles?.find((h) => h.type === 'source')?.x).toBeGreaterThan(square.initialWidth! - 12); // outputs on the right

    // The canvas fills one map as nodes are drawn: a measurement alone makes no new object (React Flow holds it).
    const sizes = new Map<string, { width: number; height: number }>();
    const canvasDeriver = new NodeDeriver();
    const before = canvasDeriver.derive(doc, [], view({ measured: sizes })).find((n) => n.id === 'square')!;
    sizes.set('square', { width: 250, height: 130 });
    expect(canvasDeriver.derive(doc, [], view({ measured: sizes })).find((n) => n.id === 'square')).toBe(before);
    // A node object made after it was measured carries the measured size only (React Flow keeps its measured handles).
    const moved = canvasDeriver.derive(moveNodes(doc, { square: { x: 40, y: 40 } }), [], view({ measured: sizes }));
    const drawn = moved.find((n) => n.id === 'square')!;
    expect(drawn).not.toBe(before);
    expect(drawn.measured).toEqual({ width: 250, height: 130 });
    expect(drawn.handles).toBeUndefined();
    expect(drawn.initialWidth).toBeUndefined();
    // A caller passing a new map per measurement (the read-only canvases) gets that node made again, with its size.
    const remeasured = deriver.derive(doc, [], view({ measured: new Map([['square', { width: 260, height: 140 }]]) })).find((n) => n.id === 'square')!;
    expect(remeasured).not.toBe(square);
    expect(remeasured.measured).toEqual({ width: 260, height: 140 });
  });

  describe('at 5,000 nodes, a change costs what changed', () => {
    // Counts the sizes looked up: a walk over the document reads every node's; a change of view state only those it makes.
    class CountingMap<K, V> extends Map<K, V> {
      gets = 0;
      override get(key: K): V | undefined {
        this.gets++;
        return super.get(key);
      }
    }
    // Counts selection look-ups: a walk over every node asks for each of them.
    class CountingSet<T> extends Set<T> {
      asks = 0;
      override has(value: T): boolean {
        this.asks++;
        return super.has(value);
      }
    }
    const lattice = () => syntheticWorkflow('lattice', 5000);
    const changedObjects = (a: readonly unknown[], b: readonly unknown[]) => a.filter((n, i) => n !== b[i]).length;

    it('a move of one node makes one new node object', () => {
      const deriver = new NodeDeriver();
      const doc = lattice();
      const sizes = new CountingMap<string, { width: number; height: number }>();
      const first = deriver.derive(doc, [], view({ measured: sizes }));
      expect(first).toHaveLength(5002);
      expect(sizes.gets).toBe(5002);
      sizes.gets = 0;
      const second = deriver.derive(moveNodes(doc, { n2500: { x: 7, y: 9 } }), [], view({ measured: sizes }));
      expect(changedObjects(second, first)).toBe(1);
      expect(second.find((n) => n.id === 'n2500')!.position).toEqual({ x: 7, y: 9 });
    });

    it('a drag frame or a selection change makes new objects for those nodes only, without walking the rest', () => {
      const deriver = new NodeDeriver();
      const doc = lattice();
      const sizes = new CountingMap<string, { width: number; height: number }>();
      const selected = new CountingSet<string>();
      const first = deriver.derive(doc, [], view({ measured: sizes, selected }));
      expect(selected.asks).toBe(5002);
      sizes.gets = 0;
      selected.asks = 0;
      // Frames of a drag of n10: each frame makes n10 again and nothing else.
      let prev = first;
      for (let frame = 1; frame <= 3; frame++) {
        const dragging = new Map([['n10', { x: frame * 10, y: 0 }]]);
        const next = deriver.derive(doc, [], view({ measured: sizes, selected, dragging }));
        expect(changedObjects(next, prev)).toBe(1);
        expect(next.find((n) => n.id === 'n10')).toMatchObject({ position: { x: frame * 10, y: 0 }, dragging: true });
        prev = next;
      }
      expect(sizes.gets).toBe(3);
      expect(selected.asks).toBe(3);
      // The drag ends before the document moves: n10 is back where the document has it.
      const ended = deriver.derive(doc, [], view({ measured: sizes, selected }));
      expect(ended.find((n) => n.id === 'n10')).toMatchObject({ position: first.find((n) => n.id === 'n10')!.position, dragging: false });
      // Selecting two nodes makes those two again.
      sizes.gets = 0;
      const two = new CountingSet(['n1', 'n4999']);
      const picked = deriver.derive(doc, [], view({ measured: sizes, selected: two }));
      expect(changedObjects(picked, ended)).toBe(2);
      expect(picked.filter((n) => n.selected).map((n) => n.id)).toEqual(['n1', 'n4999']);
      expect(sizes.gets).toBe(2);
      expect(two.asks).toBeLessThanOrEqual(4);
      // Nothing changed: the very same array.
      expect(deriver.derive(doc, [], view({ measured: sizes, selected: new Set(['n1', 'n4999']) }))).toBe(picked);
    });
  });

  it('shows pending outputs until the document has them', () => {
    const nodes = new NodeDeriver().derive(mapPod(), [{ name: 'later', position: { x: 9, y: 9 } }], view());
    expect(nodes.at(-1)).toMatchObject({ id: 'output:later', type: 'output', data: { pending: true } });
  });
});

describe('EdgeDeriver', () => {
  it('draws bindings and outputs, and marks edges whose types do not fit', () => {
    const deriver = new EdgeDeriver();
    const edges = deriver.derive(mapPod(), new Set());
    expect(edges.map((e) => `${e.source}.${e.sourceHandle}->${e.target}.${e.targetHandle}`)).toEqual([
      'input:list_of_ints.value->map_pod_task.int_val',
      'map_pod_task.o0->coalesce.list_of_strings',
      'coalesce.o0->output:o0.value',
    ]);
    expect(edges.every((e) => e.data?.fit === 'yes')).toBe(true);
    const again = deriver.derive(mapPod(), new Set());
    expect(again.map((e) => e.id)).toEqual(edges.map((e) => e.id));
  });
});

describe('deleteCanvasItems', () => {
  it('removes nodes with their edges, inputs, outputs and single edges in one document', () => {
    const doc = mapPod();
    const a = deleteCanvasItems(doc, ['coalesce'], []);
    expect(a).toEqual(removeNodes(doc, [nodeId('coalesce')]));
    expect(a.spec.outputs).toEqual([]);
    const b = deleteCanvasItems(doc, ['input:list_of_ints'], ['b:coalesce:list_of_strings']);
    expect(b.spec.inputs).toEqual([]);
    expect(b.spec.nodes?.find((n) => n.id === 'map_pod_task')?.inputs).toEqual({});
    expect(b.spec.nodes?.find((n) => n.id === 'coalesce')?.inputs).toEqual({});
    const c = deleteCanvasItems(doc, [], ['o:o0']);
    expect(c.spec.outputs).toEqual([]);
  });
});
