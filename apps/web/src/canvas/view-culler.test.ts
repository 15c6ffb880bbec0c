import { describe, expect, it } from 'vitest';
import { moveNodes, type WorkflowDoc } from '@podflow/core';
import { syntheticWorkflow } from '../../../../packages/core/src/__fixtures__/synthetic';
import { EdgeDeriver } from './derive-edges';
import { NodeDeriver, type ViewOverrides } from './derive-nodes';
import { cullWindow, isWindowStep, ViewCuller, windowKey, type CullRequest } from './view-culler';
import type { Box } from './spatial-grid';

// A 10×10 lattice: column k at x = 220k, row j at y = 120j; task nodes 232 px wide (they touch their neighbours).
const LATTICE = syntheticWorkflow('lattice', 100);
const none: ReadonlySet<string> = new Set();

function derive(doc: WorkflowDoc, over: Partial<ViewOverrides> = {}) {
  const view: ViewOverrides = { selected: new Set(), dragging: new Map(), measured: new Map(), ...over };
  return { nodes: new NodeDeriver().derive(doc, [], view), edges: new EdgeDeriver().derive(doc, new Set()) };
}

const request = (window: Box, over: Partial<CullRequest> = {}): CullRequest => ({ window, selected: none, dragging: none, hasPorts: () => true, ...over });
const ids = (list: readonly { id: string }[]) => list.map((n) => n.id);

describe('ViewCuller', () => {
  it('gives only the nodes whose box meets the window, and those entering it as it moves', () => {
    const { nodes, edges } = derive(LATTICE);
    const culler = new ViewCuller();
    // Columns 0 and 1 (x 0–452), rows 0–1 (y 0–~220).
    const first = culler.cull(nodes, edges, request({ x: 0, y: 0, width: 400, height: 200 }));
    expect(ids(first.nodes)).toEqual(expect.arrayContaining(['n0', 'n1', 'n10', 'n11']));
    expect(ids(first.nodes)).not.toContain('n99');
    expect(first.nodes.length).toBeLessThan(20);
    // Far right and down: the last column's nodes come, the first ones go.
    const far = culler.cull(nodes, edges, request({ x: 2000, y: 1000, width: 400, height: 200 }));
    expect(ids(far.nodes)).toContain('n99');
    expect(ids(far.nodes)).not.toContain('n0');
    expect(ids(far.nodes)).not.toContain('n11');
  });

  it('keeps a dragged or a selected node off the window, and every node when nothing is off it', () => {
    const { nodes, edges } = derive(LATTICE, { selected: new Set(['n99']) });
    const culler = new ViewCuller();
    const window = { x: 0, y: 0, width: 300, height: 150 };
    expect(ids(culler.cull(nodes, edges, request(window)).nodes)).not.toContain('n99');
    expect(ids(culler.cull(nodes, edges, request(window, { selected: new Set(['n99']) })).nodes)).toContain('n99');
    expect(ids(culler.cull(nodes, edges, request(window, { dragging: new Set(['n55']) })).nodes)).toContain('n55');
    const all = culler.cull(nodes, edges, request({ x: -1e5, y: -1e5, width: 2e5, height: 2e5 }));
    expect(all.nodes).toHaveLength(nodes.length);
    expect(all.edges).toHaveLength(edges.length);
  });

  it('gives the whole workflow, the same arrays at every step, once the window holds most of it', () => {
    const { nodes, edges } = derive(LATTICE);
    const culler = new ViewCuller();
    // Columns 0–5 of 10 and all rows (y 0–~1200): more than half of the nodes.
    const most = culler.cull(nodes, edges, request({ x: 0, y: 0, width: 1200, height: 1200 }));
    expect(most.nodes).toEqual(nodes);
    expect(most.edges).toEqual(edges);
    expect(culler.cull(nodes, edges, request({ x: 100, y: 0, width: 1200, height: 1200 }))).toBe(most);
    // Columns 0–2: less than half, a window again.
    expect(culler.cull(nodes, edges, request({ x: 0, y: 0, width: 450, height: 1200 })).nodes.length).toBeLessThan(nodes.length / 2);
  });

  it('keeps the edges meeting the window with both their nodes, the far one of a long edge too', () => {
    const { nodes, edges } = derive(LATTICE);
    const culler = new ViewCuller();
    // Only column 1's top (n10): its inputs come from n0 and n1; the lattice's wrap-around edge from the bottom of
    // column 0 (n9) ends on n19 at the bottom of column 1, far below — not in the window.
    const culled = culler.cull(nodes, edges, request({ x: 230, y: 0, width: 10, height: 10 }));
    const edgeIds = ids(culled.edges);
    expect(edgeIds).toEqual(expect.arrayContaining(['b:n10:a', 'b:n10:b']));
    for (const e of culled.edges) {
      expect(ids(culled.nodes)).toContain(e.source);
      expect(ids(culled.nodes)).toContain(e.target);
    }
    // An edge whose box crosses the window brings its far node: n19's input b comes from n0 (top of column 0).
    const across = culler.cull(nodes, edges, request({ x: 225, y: 500, width: 5, height: 5 }));
    expect(ids(across.edges)).toContain('b:n19:b');
    expect(ids(across.nodes)).toEqual(expect.arrayContaining(['n0', 'n19']));
  });

  it('answers the very same arrays while nothing in them changed, and follows a moved node', () => {
    const { nodes, edges } = derive(LATTICE);
    const culler = new ViewCuller();
    const window = { x: 0, y: 0, width: 300, height: 150 };
    const a = culler.cull(nodes, edges, request(window));
    expect(culler.cull(nodes, edges, request({ ...window, width: 301 }))).toBe(a);
    // n99 moved into the window: given, at its new place.
    const deriver = new NodeDeriver();
    const view: ViewOverrides = { selected: new Set(), dragging: new Map(), measured: new Map() };
    deriver.derive(LATTICE, [], view);
    const moved = deriver.derive(moveNodes(LATTICE, { n99: { x: 40, y: 40 } }), [], view);
    const b = culler.cull(moved, edges, request(window));
    expect(b.nodes.find((n) => n.id === 'n99')?.position).toEqual({ x: 40, y: 40 });
  });

  it('gives a node React Flow holds no ports for its estimated ports (edges end on them before it is drawn)', () => {
    const measured = new Map(LATTICE.spec.nodes!.map((n) => [n.id as string, { width: 232, height: 124 }]));
    const { nodes, edges } = derive(LATTICE, { measured });
    expect(nodes.find((n) => n.id === 'n11')!.handles).toBeUndefined(); // measured: no estimate on it
    const culler = new ViewCuller();
    const window = { x: 200, y: 100, width: 50, height: 50 };
    const unknown = culler.cull(nodes, edges, request(window, { hasPorts: () => false })).nodes.find((n) => n.id === 'n11')!;
    expect(unknown.handles?.map((h) => `${h.type}:${h.id}`)).toEqual(['target:a', 'target:b', 'source:o0']);
    const known = culler.cull(nodes, edges, request(window)).nodes.find((n) => n.id === 'n11')!;
    expect(known).toBe(nodes.find((n) => n.id === 'n11'));
  });
});

describe('cullWindow', () => {
  it('grows the view by the margin and moves only in steps', () => {
    // A 1000×500 pane at zoom 0.5 shows 2000×1000 of the flow from (100, 200).
    const w = cullWindow([-50, -100, 0.5], 1000, 500, 1, 0.25)!;
    expect(w.x).toBeLessThanOrEqual(100 - 2000);
    expect(w.x + w.width).toBeGreaterThanOrEqual(100 + 2000 + 2000);
    expect(w.y).toBeLessThanOrEqual(200 - 1000);
    expect(cullWindow([-51, -101, 0.5], 1000, 500, 1, 0.25)).toEqual(w); // a pixel: the same window
    expect(cullWindow([-50 - 300, -100, 0.5], 1000, 500, 1, 0.25)).not.toEqual(w); // 600 of 2000 flow px
    expect(cullWindow([0, 0, 1], 0, 0, 1, 0.25)).toBeNull();
  });
});

describe('isWindowStep', () => {
  const at = (x: number, y: number, zoom = 0.45) => windowKey(cullWindow([-x * zoom, -y * zoom, zoom], 1000, 650, 0.5, 0.25));

  it('takes a pan of a step or two, and a zoom step, for steps (they may wait a frame)', () => {
    const from = at(0, 0);
    const step = (1000 / 0.45) * 0.25;
    expect(at(step, 0)).not.toBe(from); // the window moved
    expect(isWindowStep(from, at(step, 0))).toBe(true);
    expect(isWindowStep(from, at(2 * step, step))).toBe(true);
    expect(isWindowStep(from, at(0, 0, 0.4))).toBe(true); // zoomed out a little: a larger window around the same place
  });

  it('takes a jump (framing from the default view, the minimap far away) and no window for jumps (given at once)', () => {
    expect(isWindowStep(at(0, 0, 1), at(0, 0, 0.45))).toBe(false); // the editor framing a large workflow on open
    expect(isWindowStep(at(0, 0), at(20_000, 9_000))).toBe(false);
    expect(isWindowStep('', at(0, 0))).toBe(false);
    expect(isWindowStep(at(0, 0), '')).toBe(false);
  });
});
