// Section "canvas": the Podflow editor's canvas in headless Chromium (Playwright's library API, Debian's Chromium)
// against a bare React Flow page (bench/canvas: default nodes, the same nodes, edges and positions, the same pane
// size and initial viewport, viewport culling like Podflow's canvas), measured in the same run, interleaved (Podflow, then the bare page, per run).
// For a lattice of 1,000 and 5,000 nodes: time from navigation to drawn (the first frame with visible nodes in the
// DOM, once the editor has framed the workflow), and requestAnimationFrame gaps during a scripted 3 s pan
// (middle-button drags on the pane) and a 3 s node drag: median and p95 gap, frames over 50 ms.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { WorkflowDoc } from '@podflow/core';
import { syntheticWorkflow } from '../packages/core/src/__fixtures__/synthetic';
import { buildBarePage } from './bare-page';
import type { Row } from './main';
import { startServe, startStatic, type Serve } from './serve-process';
import { stat } from './stats';

export const CANVAS_SIZES = [1000, 5000];
/** Runs of each page per size, interleaved: the open → drawn ratio swings with either page's own time by ±15 % between
 * runs on this machine, so a median of 5 rather than 3. */
export const CANVAS_REPEATS = 5;
export const VIEWPORT = { width: 1440, height: 900 };
const GESTURE_MS = 3000;
const LONG_FRAME_MS = 50;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Graph {
  nodes: { id: string; x: number; y: number }[];
  edges: { id: string; source: string; target: string }[];
}

/** The workflow as a plain graph: its nodes, workflow inputs and outputs at their layout positions; one edge per binding. */
export function graphOf(doc: WorkflowDoc): Graph {
  const layout = doc.spec.layout ?? {};
  const at = (id: string) => layout[id] ?? { x: 0, y: 0 };
  const nodes: Graph['nodes'] = [];
  const edges: Graph['edges'] = [];
  for (const i of doc.spec.inputs ?? []) nodes.push({ id: `input:${i.name}`, ...at(`input:${i.name}`) });
  for (const n of doc.spec.nodes ?? []) {
    nodes.push({ id: n.id, ...at(n.id) });
    for (const [port, b] of Object.entries(n.inputs ?? {})) {
      const source = 'node' in b ? String(b.node) : 'input' in b ? `input:${String(b.input)}` : undefined;
      if (source) edges.push({ id: `b:${n.id}:${port}`, source, target: n.id });
    }
  }
  for (const o of doc.spec.outputs ?? []) {
    nodes.push({ id: `output:${o.name}`, ...at(`output:${o.name}`) });
    edges.push({ id: `o:${o.name}`, source: String(o.from.node), target: `output:${o.name}` });
  }
  return { nodes, edges };
}

/** Injected before any page script: a rAF loop that notes the first frame with visible nodes and, when asked, every frame's timestamp. */
export const probe = (selector: string) => `(() => {
  const b = (window.__bench = { drawnAt: -1, drawnNodes: 0, frames: [], recording: false });
  const visible = () => {
    let n = 0;
    for (const el of document.querySelectorAll(${JSON.stringify(selector)})) if (getComputedStyle(el).visibility === 'visible') n++;
    return n;
  };
  const tick = (t) => {
    if (b.recording) b.frames.push(t);
    if (b.drawnAt < 0) {
      const n = visible();
      if (n > 0) { b.drawnAt = performance.now(); b.drawnNodes = n; }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

interface BenchWindow {
  __bench: { drawnAt: number; drawnNodes: number; frames: number[]; recording: boolean };
}

export interface Frames {
  median: number;
  p95: number;
  long: number;
  max: number;
  count: number;
}

interface PageRun {
  drawnMs: number;
  drawnNodes: number;
  pan: Frames;
  drag: Frames;
}

export interface Layout {
  pane: { x: number; y: number; width: number; height: number };
  viewport: { x: number; y: number; zoom: number };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function frameStats(frames: number[]): Frames {
  const gaps = frames.slice(1).map((t, i) => t - frames[i]!);
  if (gaps.length === 0) throw new Error('no animation frames were recorded');
  const s = stat(gaps);
  return { median: s.median, p95: s.p95 ?? s.max, long: gaps.filter((g) => g > LONG_FRAME_MS).length, max: s.max, count: gaps.length };
}

export async function recordFrames(page: Page, gesture: () => Promise<void>): Promise<Frames> {
  await page.evaluate(() => {
    const b = (window as unknown as BenchWindow).__bench;
    b.frames = [];
    b.recording = true;
  });
  await gesture();
  await sleep(250); // what the end of the gesture costs (a drop commits a move) counts too
  const frames = await page.evaluate(() => {
    const b = (window as unknown as BenchWindow).__bench;
    b.recording = false;
    return b.frames;
  });
  return frameStats(frames);
}

/** Calls `step(t)` for t in [0, 1] about every 16 ms for `ms` milliseconds (each step waits for Chromium to take the input). */
async function paced(ms: number, step: (t: number) => Promise<void>): Promise<void> {
  const start = performance.now();
  for (let i = 0; ; i++) {
    const wait = start + i * 16 - performance.now();
    if (wait > 0) await sleep(wait);
    const elapsed = performance.now() - start;
    if (elapsed >= ms) break;
    await step(elapsed / ms);
  }
  await step(1);
}

/** Four middle-button drags across the pane (right/below to left/above), each moving the view onto nodes not yet drawn. */
export async function pan(page: Page, pane: Layout['pane']): Promise<void> {
  const cx = pane.x + pane.width / 2;
  const cy = pane.y + pane.height / 2;
  const dx = Math.min(300, pane.width / 2 - 40);
  const dy = Math.min(150, pane.height / 2 - 40);
  const before = await viewportTransform(page);
  for (let stroke = 0; stroke < 4; stroke++) {
    await page.mouse.move(cx + dx, cy + dy);
    await page.mouse.down({ button: 'middle' });
    await paced(GESTURE_MS / 4, (t) => page.mouse.move(cx + dx - 2 * dx * t, cy + dy - 2 * dy * t));
    await page.mouse.up({ button: 'middle' });
  }
  if ((await viewportTransform(page)) === before) throw new Error('the pan did not move the view');
}

/** Presses on `at` and moves the mouse twice round a circle of 120 px, back to where it started, then releases. */
async function dragNode(page: Page, at: { id: string; x: number; y: number }): Promise<void> {
  const r = 120;
  const transform = () => page.locator(`.react-flow__node[data-id="${at.id}"]`).evaluate((el) => (el as HTMLElement).style.transform);
  const before = await transform();
  let during: string | undefined;
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await paced(GESTURE_MS, async (t) => {
    const a = t * 4 * Math.PI;
    await page.mouse.move(at.x + r * Math.cos(a) - r, at.y + r * Math.sin(a));
    if (during === undefined && t >= 0.25) during = await transform(); // half way round: 240 px to the left
  });
  await page.mouse.up();
  if (during === before) throw new Error(`the drag did not move node ${at.id}`);
}

async function viewportTransform(page: Page): Promise<string> {
  return page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
}

/** The task node nearest the pane's centre that is wholly inside it: its id and the point to press on. */
async function pickNode(page: Page, pane: Layout['pane'], grab: string): Promise<{ id: string; x: number; y: number }> {
  const found = await page.evaluate(
    ({ pane, grab }) => {
      let best: { id: string; x: number; y: number; d: number } | undefined;
      for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
        const id = el.dataset.id ?? '';
        if (!/^n\d+$/.test(id)) continue;
        const box = el.getBoundingClientRect();
        if (box.left < pane.x || box.top < pane.y || box.right > pane.x + pane.width || box.bottom > pane.y + pane.height) continue;
        const handle = (grab ? el.querySelector(grab) : el) ?? el;
        const h = handle.getBoundingClientRect();
        const x = h.left + h.width / 2;
        const y = h.top + h.height / 2;
        const d = Math.hypot(x - (pane.x + pane.width / 2), y - (pane.y + pane.height / 2));
        if (!best || d < best.d) best = { id, x, y, d };
      }
      return best;
    },
    { pane, grab },
  );
  if (!found) throw new Error('no task node wholly on screen to drag');
  return found;
}

export async function waitDrawn(page: Page): Promise<{ drawnMs: number; drawnNodes: number }> {
  await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.drawnAt >= 0, undefined, { timeout: 120_000, polling: 100 });
  const r = await page.evaluate(() => {
    const b = (window as unknown as BenchWindow).__bench;
    return { drawnMs: b.drawnAt, drawnNodes: b.drawnNodes };
  });
  await sleep(1000); // let what loads after the first drawing (panels, lazy chunks) settle before the gestures
  return r;
}

export async function readLayout(page: Page, paneSelector: string): Promise<Layout> {
  return page.evaluate((paneSelector) => {
    const pane = document.querySelector(paneSelector)!.getBoundingClientRect();
    const transform = (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform;
    const m = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(transform);
    if (!m) throw new Error(`unexpected viewport transform ${transform}`);
    return { pane: { x: pane.x, y: pane.y, width: pane.width, height: pane.height }, viewport: { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) } };
  }, paneSelector);
}

export async function withContext<T>(browser: Browser, f: (context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    return await f(context);
  } finally {
    await context.close();
  }
}

export async function createWorkflow(serve: Serve, doc: WorkflowDoc): Promise<string> {
  const r = await fetch(`${serve.baseUrl}/api/workflows`, {
    method: 'POST',
    headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ document: doc }),
  });
  if (r.status !== 201) throw new Error(`POST /api/workflows answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
  return ((await r.json()) as { id: string }).id;
}

/** Podflow's editor on a fresh copy of the workflow; answers its measurements and the layout the bare page must copy. */
async function runPodflow(browser: Browser, serve: Serve, doc: WorkflowDoc): Promise<PageRun & Layout> {
  const id = await createWorkflow(serve, doc);
  return withContext(browser, async (context) => {
    await context.addCookies([{ name: 'podflow_token', value: serve.token, url: serve.baseUrl }]);
    await context.addInitScript({ content: probe('[data-testid="canvas"][data-ready="true"] .react-flow__node') });
    const page = await context.newPage();
    await page.goto(`${serve.baseUrl}/w/${encodeURIComponent(id)}`);
    const drawn = await waitDrawn(page);
    const layout = await readLayout(page, '[data-testid="canvas"]');
    const panFrames = await recordFrames(page, () => pan(page, layout.pane));
    await sleep(300);
    const target = await pickNode(page, layout.pane, '.node-header');
    const dragFrames = await recordFrames(page, () => dragNode(page, target));
    return { ...drawn, ...layout, pan: panFrames, drag: dragFrames };
  });
}

/** The bare page with the same pane size, initial viewport and graph, and the same gestures. */
async function runBare(browser: Browser, bareUrl: string, layout: Layout): Promise<PageRun> {
  return withContext(browser, async (context) => {
    await context.addInitScript({ content: probe('.react-flow__node') });
    const page = await context.newPage();
    const q = new URLSearchParams({ w: String(layout.pane.width), h: String(layout.pane.height), x: String(layout.viewport.x), y: String(layout.viewport.y), zoom: String(layout.viewport.zoom), cull: '1' });
    await page.goto(`${bareUrl}/?${q}`);
    const drawn = await waitDrawn(page);
    const own = await readLayout(page, '.react-flow');
    const panFrames = await recordFrames(page, () => pan(page, own.pane));
    await sleep(300);
    const target = await pickNode(page, own.pane, '');
    const dragFrames = await recordFrames(page, () => dragNode(page, target));
    return { ...drawn, pan: panFrames, drag: dragFrames };
  });
}

export async function runCanvasSection(root: string): Promise<Row[]> {
  const bareDir = await buildBarePage(root);
  const files = new Map<string, string>();
  const bare = await startStatic(bareDir, files);
  const serve = await startServe(root);
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  const rows: Row[] = [];
  try {
    for (const size of CANVAS_SIZES) {
      const doc = syntheticWorkflow('lattice', size);
      files.set('/graph.json', JSON.stringify(graphOf(doc)));
      const podflow: PageRun[] = [];
      const baseline: PageRun[] = [];
      for (let rep = 0; rep < CANVAS_REPEATS; rep++) {
        process.stderr.write(`bench: canvas ${size} nodes, run ${rep + 1}/${CANVAS_REPEATS}\n`);
        const p = await runPodflow(browser, serve, doc);
        podflow.push(p);
        baseline.push(await runBare(browser, bare.baseUrl, p));
      }
      rows.push(...canvasRows(size, podflow, baseline));
    }
  } finally {
    await browser.close();
    await serve.stop();
    await bare.close();
  }
  return rows;
}

function canvasRows(size: number, podflow: PageRun[], baseline: PageRun[]): Row[] {
  const base = (name: string, values: number[], unit: string) => ({ name, value: stat(values), unit });
  const nodes = (runs: PageRun[]) => stat(runs.map((r) => r.drawnNodes)).median;
  const label = `lattice ${size} nodes`;
  const bareName = 'bare React Flow';
  const runs = `${podflow.length} runs each, interleaved`;
  const rows: Row[] = [
    {
      section: 'canvas',
      case: `${label}: open → drawn`,
      value: stat(podflow.map((r) => r.drawnMs)),
      unit: ' ms',
      baseline: base(bareName, baseline.map((r) => r.drawnMs), ' ms'),
      note: `navigation start → first frame with visible nodes (${nodes(podflow)} Podflow / ${nodes(baseline)} bare on screen); ${runs}`,
    },
  ];
  for (const [gesture, pick] of [
    ['pan 3 s', (r: PageRun) => r.pan],
    ['node drag 3 s', (r: PageRun) => r.drag],
  ] as const) {
    rows.push(
      {
        section: 'canvas',
        case: `${label}: ${gesture}, median frame gap`,
        value: stat(podflow.map((r) => pick(r).median)),
        unit: ' ms',
        baseline: base(bareName, baseline.map((r) => pick(r).median), ' ms'),
        note: `${Math.round(stat(podflow.map((r) => pick(r).count)).median)} frames (bare ${Math.round(stat(baseline.map((r) => pick(r).count)).median)}); ${runs}`,
      },
      {
        section: 'canvas',
        case: `${label}: ${gesture}, p95 frame gap`,
        value: stat(podflow.map((r) => pick(r).p95)),
        unit: ' ms',
        baseline: base(bareName, baseline.map((r) => pick(r).p95), ' ms'),
        note: `worst gap ${Math.round(stat(podflow.map((r) => pick(r).max)).max)} ms (bare ${Math.round(stat(baseline.map((r) => pick(r).max)).max)} ms)`,
      },
      {
        section: 'canvas',
        case: `${label}: ${gesture}, frames > ${LONG_FRAME_MS} ms`,
        value: stat(podflow.map((r) => pick(r).long)),
        unit: '',
        baseline: base(bareName, baseline.map((r) => pick(r).long), ''),
      },
    );
  }
  return rows;
}
