import { syntheticWorkflow } from '../packages/core/src/__fixtures__/synthetic';
import type { Page } from '@playwright/test';
import { createWorkflow, expect, test } from './fixtures';

/** From the next page load on, `window.__maxNodes` holds the most task nodes ever in the DOM at once. */
async function countNodesInDom(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __maxNodes: number };
    w.__maxNodes = 0;
    new MutationObserver(() => {
      w.__maxNodes = Math.max(w.__maxNodes, document.querySelectorAll('.react-flow__node').length);
    }).observe(document, { childList: true, subtree: true });
  });
}

/**
 * A large workflow opens drawing only the nodes on screen (each node's size and ports are estimated until it is
 * drawn), and its edges still end on the ports of the nodes drawn, whether the other end is drawn or not.
 */
test('a 2,000-node workflow draws only what is on screen, with edges on their ports', async ({ app: page, api }) => {
  test.setTimeout(150_000); // zoomed out to all 2,000 nodes, a busy 2-core machine draws slowly
  const doc = syntheticWorkflow('lattice', 2000);
  const { id } = await createWorkflow(api, doc as unknown as Record<string, unknown>);
  // The most nodes ever in the DOM at once while the editor opens.
  await countNodesInDom(page);
  await page.goto(`/w/${id}`);
  // Framed (data-ready) once its first nodes are measured; a busy 2-core machine may take a while for 2,000 nodes.
  await expect(page.locator('[data-testid="canvas"][data-ready="true"]')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  const drawn = await page.locator('.react-flow__node').count();
  const most = await page.evaluate(() => (window as unknown as { __maxNodes: number }).__maxNodes);
  expect(drawn).toBeGreaterThan(10);
  expect(drawn).toBeLessThan(400);
  expect(most).toBeLessThan(400); // never all 2,002 at once, not even to measure them

  // Zoomed out this far, task nodes are drawn compact (title and ports); zoomed in, in full.
  await expect(page.locator('[data-compact="true"]').first()).toBeVisible();
  await expect(page.getByTestId('port-type')).toHaveCount(0);

  // Every edge drawn starts on its source handle and ends on its target handle, where those nodes are drawn.
  const misses = await edgeEndMisses(page);
  expect(misses.checked).toBeGreaterThan(10);
  expect(misses.out).toEqual([]);

  // Panning brings more nodes into view; they are drawn then, and what left the view is dropped.
  const pane = (await page.getByTestId('canvas').boundingBox())!;
  const first = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  const cx = pane.x + pane.width / 2;
  const cy = pane.y + pane.height / 2;
  for (let stroke = 0; stroke < 2; stroke++) {
    await page.mouse.move(cx + 300, cy + 200);
    await page.mouse.down({ button: 'middle' });
    await page.mouse.move(cx - 300, cy - 200, { steps: 12 });
    await page.mouse.up({ button: 'middle' });
  }
  await expect.poll(async () => (await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).some((n) => !first.includes(n))).toBe(true);
  expect(await page.locator('.react-flow__node').count()).toBeLessThan(400);

  // The minimap shows the whole workflow; pressing on its centre brings the middle of the lattice on screen.
  const minimap = (await page.getByTestId('minimap').locator('canvas').boundingBox())!;
  // Only the primary button: a middle-button drag that starts over the minimap does not move the view.
  const viewport = () => page.locator('.react-flow__viewport').getAttribute('style');
  const before = await viewport();
  await page.mouse.move(minimap.x + minimap.width / 2, minimap.y + minimap.height / 2);
  await page.mouse.down({ button: 'middle' });
  await page.mouse.move(minimap.x + 10, minimap.y + 10, { steps: 4 });
  await page.mouse.up({ button: 'middle' });
  expect(await viewport()).toBe(before);
  await page.mouse.click(minimap.x + minimap.width / 2, minimap.y + minimap.height / 2);
  const middle = async () =>
    (await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => Number(/^n(\d+)$/.exec(e.getAttribute('data-id') ?? '')?.[1] ?? -1)))).some((k) => k > 800 && k < 1200);
  await expect.poll(middle).toBe(true);

  // Zoomed out to the whole workflow (under 20 %), task nodes are boxes without text, and edges still end on the
  // ports; zooming back in, the compact nodes' ports are where the boxes' were.
  await page.getByTestId('zoom-to-fit').click();
  await expect(page.getByTestId('zoom-level')).toHaveText(/^1?\d%$/);
  await expect(page.locator('[data-lod="box"]').first()).toBeVisible();
  await expect(page.locator('.react-flow__node-task, .react-flow__node-map, .react-flow__node-dynamic').getByTestId('node-header')).toHaveCount(0);
  expect(await page.locator('.react-flow__node').count()).toBeGreaterThan(1000);
  const far = await edgeEndMisses(page);
  expect(far.checked).toBeGreaterThan(10);
  expect(far.out).toEqual([]);
  // A part never seen before (first drawn as boxes), zoomed in past 50 %: nodes in full again, edges on their ports.
  await page.mouse.click(minimap.x + minimap.width * 0.5, minimap.y + minimap.height * 0.78);
  await page.mouse.move(cx, cy);
  await page.keyboard.down('Control');
  for (let i = 0; i < 3; i++) await page.mouse.wheel(0, -600); // ×2.3 each
  await page.keyboard.up('Control');
  await expect(page.getByTestId('zoom-level')).toHaveText(/^([5-9]\d|1\d\d)%$/);
  await expect(page.getByTestId('port-type').first()).toBeVisible();
  await expect(page.locator('[data-compact="true"], [data-lod="box"]')).toHaveCount(0);
  await expect.poll(async () => (await edgeEndMisses(page)).checked).toBeGreaterThan(3);
  expect((await edgeEndMisses(page)).out).toEqual([]);
});

/**
 * At 5,000 nodes React Flow is given only a window around the view (canvas/view-culler.ts) and draws what is on
 * screen: the DOM holds a few hundred nodes at most, the minimap still shows the whole workflow, panning to the far
 * corner draws that corner's nodes, and a node selected before it was scrolled off screen is still selected (and
 * still the inspector's) when it comes back.
 */
test('a 5,000-node workflow keeps only what is near the view, and the selection across pans', async ({ app: page, api }) => {
  test.setTimeout(150_000);
  const { id } = await createWorkflow(api, syntheticWorkflow('lattice', 5000) as unknown as Record<string, unknown>);
  await countNodesInDom(page);
  await page.goto(`/w/${id}`);
  await expect(page.locator('[data-testid="canvas"][data-ready="true"]')).toBeVisible({ timeout: 60_000 });
  const numbers = async () =>
    (await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? '')))
      .map((n) => Number(/^n(\d+)$/.exec(n)?.[1] ?? -1))
      .filter((k) => k >= 0);

  // Select n1 (second in the first column): drawn, and the inspector shows it.
  const n1 = page.locator('.react-flow__node[data-id="n1"]');
  await n1.getByTestId('node-header').click();
  await expect(n1).toHaveClass(/selected/);
  await expect(page.getByTestId('inspector-panel')).toContainText('n1');

  // The minimap maps all 5,000 nodes: its far corner brings the lattice's last nodes on screen.
  // On the minimap (the lattice is wider than tall, so it is drawn across the minimap's width, centred in height):
  // near its bottom-right corner, and near its top-left corner (n1 on screen).
  const minimap = (await page.getByTestId('minimap').locator('canvas').boundingBox())!;
  const toFarCorner = () => page.mouse.click(minimap.x + minimap.width * 0.92, minimap.y + minimap.height * 0.85);
  const toStart = () => page.mouse.click(minimap.x + minimap.width * 0.06, minimap.y + minimap.height * 0.14);
  await toFarCorner();
  await expect.poll(async () => Math.max(...(await numbers()))).toBeGreaterThan(4900);
  await expect(n1).toHaveCount(0); // scrolled away: not drawn
  expect(await page.locator('.react-flow__node').count()).toBeLessThan(400);
  // Every edge drawn ends on its target's port, where that node is drawn.
  const misses = await edgeEndMisses(page);
  expect(misses.checked).toBeGreaterThan(10);
  expect(misses.out).toEqual([]);

  // Back to the start: n1 is drawn again, still selected, still the inspector's.
  await toStart();
  await expect(n1).toBeVisible();
  await expect(n1).toHaveClass(/selected/);
  await expect(page.getByTestId('inspector-panel')).toContainText('n1');
  // Selecting a node in the far corner deselects n1 while it is not drawn (React Flow knows it all along).
  await toFarCorner();
  await expect(n1).toHaveCount(0);
  const pane = (await page.getByTestId('canvas').boundingBox())!;
  const far = await page.locator('.react-flow__node').evaluateAll(
    (els, pane) =>
      els
        .filter((e) => /^n\d+$/.test(e.getAttribute('data-id') ?? ''))
        .find((e) => {
          const r = e.getBoundingClientRect();
          return r.left > pane.x + 40 && r.top > pane.y + 40 && r.right < pane.x + pane.width - 200 && r.bottom < pane.y + pane.height - 150;
        })
        ?.getAttribute('data-id'),
    pane,
  );
  expect(far).toBeTruthy();
  const farNode = page.locator(`.react-flow__node[data-id="${far}"]`);
  await farNode.getByTestId('node-header').click();
  await expect(farNode).toHaveClass(/selected/);
  await toStart();
  await expect(n1).toBeVisible();
  await expect(n1).not.toHaveClass(/selected/);
  expect(await page.evaluate(() => (window as unknown as { __maxNodes: number }).__maxNodes)).toBeLessThan(400);
});

/**
 * Nodes that come on screen while the view moves are drawn first as stand-ins (nodes/body-upgrades.ts: the compact
 * look, plain ports); once the view is still, every node on screen has its real body again, at the zoom's level of
 * detail — compact zoomed out, in full zoomed in — with React Flow's handles, and edges end on their ports.
 */
test('at 5,000 nodes, nodes drawn during a pan get their real body once it stops', async ({ app: page, api }) => {
  test.setTimeout(150_000);
  const { id } = await createWorkflow(api, syntheticWorkflow('lattice', 5000) as unknown as Record<string, unknown>);
  // The most stand-ins ever in the DOM at once.
  await page.addInitScript(() => {
    const w = window as unknown as { __maxStandIns: number };
    w.__maxStandIns = 0;
    new MutationObserver(() => {
      w.__maxStandIns = Math.max(w.__maxStandIns, document.querySelectorAll('[data-stand-in]').length);
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`/w/${id}`);
  await expect(page.locator('[data-testid="canvas"][data-ready="true"]')).toBeVisible({ timeout: 60_000 });
  const pane = (await page.getByTestId('canvas').boundingBox())!;
  const cx = pane.x + pane.width / 2;
  const cy = pane.y + pane.height / 2;
  const pan = async () => {
    for (let stroke = 0; stroke < 3; stroke++) {
      await page.mouse.move(cx + 300, cy + 150);
      await page.mouse.down({ button: 'middle' });
      await page.mouse.move(cx - 300, cy - 150, { steps: 20 });
      await page.mouse.up({ button: 'middle' });
    }
  };
  const taskNodes = page.locator('.react-flow__node-task');
  /** Task nodes wholly on screen whose body is not the real one for `lod`, with what they show instead. */
  const wrongBodies = (lod: 'compact' | 'full') =>
    taskNodes.evaluateAll(
      (els, { lod, pane }) =>
        els.flatMap((el) => {
          const r = el.getBoundingClientRect();
          if (r.left < pane.x || r.top < pane.y || r.right > pane.x + pane.width || r.bottom > pane.y + pane.height) return [];
          const body = el.firstElementChild as HTMLElement | null;
          const handles = [...el.querySelectorAll('.react-flow__handle')];
          const real = handles.length > 0 && handles.every((h) => h.classList.contains('connectable'));
          const ok = !body?.dataset.standIn && real && (lod === 'compact' ? body?.dataset.compact === 'true' : !body?.dataset.compact && !!el.querySelector('[data-testid="port-type"]'));
          return ok ? [] : [`${el.dataset.id}: ${body?.dataset.standIn ? 'stand-in' : body?.dataset.compact ? 'compact' : 'full'}, ${real ? 'real' : 'plain'} ports`];
        }),
      { lod, pane },
    );

  // Zoomed out (45 %): the nodes the pan brings are stand-ins while it lasts, then compact nodes with real handles.
  await expect(page.getByTestId('zoom-level')).toHaveText('45%');
  const before = await taskNodes.evaluateAll((els) => els.map((e) => e.dataset.id));
  const outline = () => page.getByTestId('minimap-view').evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
  const outlineBefore = await outline();
  await pan();
  expect(await page.evaluate(() => (window as unknown as { __maxStandIns: number }).__maxStandIns)).toBeGreaterThan(10);
  // The minimap's outline of the view followed the pan (right and down, like the view).
  const outlineAfter = await outline();
  expect(outlineAfter.x).toBeGreaterThan(outlineBefore.x);
  expect(outlineAfter.y).toBeGreaterThan(outlineBefore.y);
  expect(outlineAfter.width).toBeCloseTo(outlineBefore.width, 1);
  await expect(page.locator('[data-stand-in]')).toHaveCount(0);
  const after = await taskNodes.evaluateAll((els) => els.map((e) => e.dataset.id));
  expect(after.filter((n) => !before.includes(n)).length).toBeGreaterThan(20); // the pan drew other nodes
  expect(await wrongBodies('compact')).toEqual([]);
  let misses = await edgeEndMisses(page);
  expect(misses.checked).toBeGreaterThan(10);
  expect(misses.out).toEqual([]);

  // Zoomed in past 50 % and panned again: every node on screen in full, and edges on the full bodies' ports.
  await page.getByRole('button', { name: /zoom in/i }).click();
  await expect(page.getByTestId('zoom-level')).toHaveText(/^([5-9]\d|1\d\d)%$/);
  await pan();
  await expect(page.locator('[data-stand-in]')).toHaveCount(0);
  await expect.poll(() => wrongBodies('full')).toEqual([]);
  expect(await taskNodes.count()).toBeGreaterThan(5);
  misses = await edgeEndMisses(page);
  expect(misses.checked).toBeGreaterThan(3);
  expect(misses.out).toEqual([]);
});

/**
 * A pan or a zoom step re-renders no node already drawn (the viewport is React Flow's transform, never node props or
 * state): every node body counts its renders (nodes/render-probe.ts), and a node on screen before and after the
 * gesture must have the same count — drawn compact (zoomed out) and in full.
 */
test('panning and zooming re-render no node already on screen', async ({ app: page, api }) => {
  const { id } = await createWorkflow(api, syntheticWorkflow('lattice', 2000) as unknown as Record<string, unknown>);
  await page.addInitScript(() => {
    (window as unknown as { __podflowRenders: Map<string, number> }).__podflowRenders = new Map();
  });
  await page.goto(`/w/${id}`);
  await expect(page.locator('[data-testid="canvas"][data-ready="true"]')).toBeVisible({ timeout: 60_000 });
  const pane = (await page.getByTestId('canvas').boundingBox())!;
  const cx = pane.x + pane.width / 2;
  const cy = pane.y + pane.height / 2;
  /** Render counts of the nodes in the DOM, once nothing has rendered for a moment. */
  const settled = async () => {
    let last = '';
    for (let i = 0; i < 40; i++) {
      const now = await page.evaluate(() => {
        const counts = (window as unknown as { __podflowRenders: Map<string, number> }).__podflowRenders;
        const out: Record<string, number> = {};
        for (const el of document.querySelectorAll('.react-flow__node')) {
          const nodeId = el.getAttribute('data-id')!;
          out[nodeId] = counts.get(nodeId) ?? 0;
        }
        return JSON.stringify(out);
      });
      if (now === last) return JSON.parse(now) as Record<string, number>;
      last = now;
      await page.waitForTimeout(250);
    }
    throw new Error('the canvas kept rendering');
  };
  const rerendered = (before: Record<string, number>, after: Record<string, number>) => {
    const both = Object.keys(before).filter((k) => k in after);
    return { kept: both.length, rerendered: both.filter((k) => after[k] !== before[k]).map((k) => `${k}: ${before[k]} → ${after[k]}`) };
  };
  const panBy = async (dx: number, dy: number) => {
    await page.mouse.move(cx, cy);
    await page.mouse.down({ button: 'middle' });
    await page.mouse.move(cx + dx, cy + dy, { steps: 10 });
    await page.mouse.up({ button: 'middle' });
  };

  // Zoomed out: compact nodes.
  await expect(page.locator('[data-compact="true"]').first()).toBeVisible();
  let before = await settled();
  await panBy(-120, -60);
  let r = rerendered(before, await settled());
  expect(r.kept).toBeGreaterThan(20);
  expect(r.rerendered).toEqual([]);

  // Zoomed in past 50 %: full nodes; another zoom step and a pan re-render none of them.
  await page.getByRole('button', { name: /zoom in/i }).click();
  await expect(page.getByTestId('port-type').first()).toBeVisible();
  before = await settled();
  await page.getByRole('button', { name: /zoom in/i }).click();
  r = rerendered(before, await settled());
  expect(r.kept).toBeGreaterThan(5);
  expect(r.rerendered).toEqual([]);
  before = await settled();
  await panBy(-100, -50);
  r = rerendered(before, await settled());
  expect(r.kept).toBeGreaterThan(5);
  expect(r.rerendered).toEqual([]);
});

/** Edges drawn whose end is not on their target handle (inside its box, give or take 2 px), and how many were checked. */
async function edgeEndMisses(page: Page): Promise<{ checked: number; out: string[] }> {
  return page.evaluate(() => {
    const out: string[] = [];
    const port = (nodeId: string, handleId: string, type: string) => {
      const node = document.querySelector(`.react-flow__node[data-id="${CSS.escape(nodeId)}"]`);
      // A port as React Flow finds it when it measures a node: a real handle, or a stand-in's unpainted port.
      const h = node?.querySelector<HTMLElement>(`.${type}[data-handleid="${CSS.escape(handleId)}"]`);
      if (!h) return undefined;
      return h.getBoundingClientRect();
    };
    let checked = 0;
    for (const edge of document.querySelectorAll<SVGGElement>('.react-flow__edge')) {
      const id = edge.dataset.id ?? edge.getAttribute('data-id') ?? '';
      const m = /^b:([^:]+):(.+)$/.exec(id);
      const path = edge.querySelector<SVGPathElement>('path.react-flow__edge-path');
      if (!m || !path) continue;
      const len = path.getTotalLength();
      const ctm = path.getScreenCTM()!;
      const at = (l: number) => {
        const p = path.getPointAtLength(l);
        return { x: p.x * ctm.a + ctm.e, y: p.y * ctm.d + ctm.f };
      };
      const target = port(m[1]!, m[2]!, 'target');
      if (target) {
        checked++;
        const end = at(len);
        const on = end.x >= target.left - 2 && end.x <= target.right + 2 && end.y >= target.top - 2 && end.y <= target.bottom + 2;
        if (!on) out.push(`${id} ends ${Math.round(end.x)},${Math.round(end.y)}, port at ${Math.round(target.left)}–${Math.round(target.right)},${Math.round(target.top)}–${Math.round(target.bottom)}`);
      }
    }
    return { checked, out };
  });
}
