// Section "canvas-profile": where a pan's time goes on Podflow's canvas at 5,000 nodes. One run of the canvas
// section's 3 s pan under Chromium's performance trace (what the DevTools performance panel records) and V8's
// sampling profiler at once; the renderer main thread's time is summed by self time into the panel's categories
// (scripting, style, layout, paint, GC, other), and the JS samples by function; then the same for the bare React Flow
// page of the canvas section (same graph, same view). Rows: ms per category over the pan, beside the bare page.
// Writes the summary, with the top functions, to bench/results/canvas-profile.md. Function names are readable only
// in an unminified build (`npx vite build --minify false`); the figures do not depend on it. PODFLOW_PROFILE_TRACE=<file>
// also writes the raw trace (open it in DevTools' performance panel).
import { writeFileSync, mkdirSync } from 'node:fs';
import type { Browser, CDPSession, Page } from '@playwright/test';
import { syntheticWorkflow } from '../packages/core/src/__fixtures__/synthetic';
import type { Row } from './main';
import { CHROMIUM, createWorkflow, graphOf, pan, probe, readLayout, recordFrames, sleep, waitDrawn, withContext, type Frames, type Layout } from './canvas-bench';
import { buildBarePage } from './bare-page';
import { startServe, startStatic, type Serve } from './serve-process';
import { stat } from './stats';

export const PROFILE_NODES = Number(process.env.PODFLOW_PROFILE_NODES ?? 5000);

const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8',
  'v8.execute',
  'blink.user_timing',
];

export type Category = 'scripting' | 'style' | 'layout' | 'paint' | 'gc' | 'other';
const CATEGORIES: Category[] = ['scripting', 'style', 'layout', 'paint', 'gc', 'other'];

/** The DevTools performance panel's grouping of main-thread trace events (TimelineUIUtils), by event name. */
export function categoryOf(name: string): Category {
  if (/GC|Scavenge|Sweep|Mark|ThreadState|BlinkGC|CppGC/i.test(name)) return 'gc';
  if (/^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|ScheduleStyleRecalculation|StyleRecalcInvalidationTracking)$/.test(name)) return 'style';
  if (/^(Layout|InvalidateLayout|UpdateLayerTree|HitTest|IntersectionObserverController::computeIntersections|ComputeIntersections|ResizeObserverController::DeliverObservations|UpdateLayoutTreeAndLayout)$/.test(name)) return 'layout';
  if (/^(Paint|PrePaint|PaintImage|PaintSetup|Layerize|UpdateLayer|CompositeLayers|Commit|RasterTask|Decode Image|ScrollLayer|Animation)$/.test(name)) return 'paint';
  if (/^(FunctionCall|EvaluateScript|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks|V8\.Execute|v8\.callFunction|v8\.run|v8\.compile|v8\.compileModule|v8\.evaluateModule|V8\.CompileCode|V8\.ParseFunction|XHRReadyStateChange|XHRLoad|MessagePort|ProfileCall|RequestAnimationFrame|CancelAnimationFrame|TimerInstall|TimerRemove|ParseHTML|MajorMarkCompact)$/.test(name) || name.startsWith('v8.') || name.startsWith('V8.')) return 'scripting';
  return 'other';
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, where the trace has it: unlike wall time, not stretched when the machine is busy. */
  tts?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

/** CPU time per thread (by name, all processes) inside the window: root events only, so nothing counts twice. */
export function threadCpu(events: readonly TraceEvent[]): { thread: string; ms: number }[] {
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) names.set(`${e.pid}:${e.tid}`, e.args.name);
  const from = events.find((e) => e.name === PAN_START)?.ts ?? -Infinity;
  const to = events.find((e) => e.name === PAN_END)?.ts ?? Infinity;
  const byThread = new Map<string, { start: number; end: number; cpu: number }[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined || e.ts + e.dur <= from || e.ts >= to) continue;
    const key = `${e.pid}:${e.tid}`;
    (byThread.get(key) ?? byThread.set(key, []).get(key)!).push({ start: e.ts, end: e.ts + e.dur, cpu: e.tdur ?? e.dur });
  }
  const total = new Map<string, number>();
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    let end = -Infinity;
    let cpu = 0;
    for (const s of list) {
      if (s.start < end) continue; // nested in the last root event
      cpu += s.cpu;
      end = s.end;
    }
    const name = (names.get(key) ?? 'unnamed').replace(/\d+$/, '');
    total.set(name, (total.get(name) ?? 0) + cpu / 1000);
  }
  return [...total].map(([thread, ms]) => ({ thread, ms })).sort((a, b) => b.ms - a.ms);
}

export interface MainThreadSummary {
  /** The pan: from the page's start mark to its end mark. */
  windowMs: number;
  /** CPU time inside top-level tasks (the rest of the window the main thread was idle, or waiting for a core). */
  busyMs: number;
  totalMs: number;
  byCategory: Record<Category, number>;
  byEvent: { name: string; category: Category; selfMs: number; count: number }[];
}

export const PAN_START = 'podflow-pan-start';
export const PAN_END = 'podflow-pan-end';

/**
 * Self time per trace event on the busiest renderer main thread (complete events and begin/end pairs, properly
 * nested), counting only what falls between the PAN_START and PAN_END marks. Thread (CPU) time where the trace has
 * it, so that a busy machine stretches the pan's window but not the work counted.
 */
export function summariseTrace(events: readonly TraceEvent[]): MainThreadSummary {
  const markAt = (name: string) => events.find((e) => e.name === name)?.ts;
  const from = markAt(PAN_START) ?? -Infinity;
  const to = markAt(PAN_END) ?? Infinity;
  const mains = new Set<string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.add(`${e.pid}:${e.tid}`);
  type Span = { name: string; start: number; end: number; cpu: number };
  const spans = new Map<string, Span[]>();
  const open = new Map<string, { name: string; start: number; tts: number | undefined }[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key)) continue;
    const list = spans.get(key) ?? spans.set(key, []).get(key)!;
    if (e.ph === 'X' && e.dur !== undefined) list.push({ name: e.name, start: e.ts, end: e.ts + e.dur, cpu: e.tdur ?? e.dur });
    else if (e.ph === 'B') (open.get(key) ?? open.set(key, []).get(key)!).push({ name: e.name, start: e.ts, tts: e.tts });
    else if (e.ph === 'E') {
      const b = open.get(key)?.pop();
      if (b) list.push({ name: b.name, start: b.start, end: e.ts, cpu: b.tts !== undefined && e.tts !== undefined ? e.tts - b.tts : e.ts - b.start });
    }
  }
  // The page's renderer is the main thread with the most time in top-level tasks.
  let best: Span[] = [];
  let bestTotal = -1;
  for (const list of spans.values()) {
    const total = list.filter((s) => s.name === 'RunTask' || s.name === 'ThreadControllerImpl::RunTask').reduce((a, s) => a + (s.end - s.start), 0);
    if (total > bestTotal) {
      best = list;
      bestTotal = total;
    }
  }
  // Spans cut by the window keep the share of their CPU time that falls inside it.
  best = best
    .filter((s) => s.end > from && s.start < to)
    .map((s) => {
      const start = Math.max(s.start, from);
      const end = Math.min(s.end, to);
      return { name: s.name, start, end, cpu: s.end > s.start ? (s.cpu * (end - start)) / (s.end - s.start) : s.cpu };
    });
  best.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  let busyUs = 0;
  const self = new Map<string, { selfUs: number; count: number }>();
  const stack: { name: string; end: number; childUs: number; cpuUs: number }[] = [];
  const close = (until: number) => {
    while (stack.length && stack[stack.length - 1]!.end <= until) {
      const s = stack.pop()!;
      const entry = self.get(s.name) ?? self.set(s.name, { selfUs: 0, count: 0 }).get(s.name)!;
      entry.selfUs += Math.max(0, s.cpuUs - s.childUs);
      entry.count++;
      if (stack.length) stack[stack.length - 1]!.childUs += s.cpuUs;
    }
  };
  for (const s of best) {
    close(s.start);
    const parent = stack[stack.length - 1];
    const end = parent ? Math.min(s.end, parent.end) : s.end;
    if (!parent) busyUs += s.cpu;
    stack.push({ name: s.name, end, childUs: 0, cpuUs: s.cpu });
  }
  close(Infinity);
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const byEvent: MainThreadSummary['byEvent'] = [];
  let totalMs = 0;
  for (const [name, { selfUs, count }] of self) {
    const category = categoryOf(name);
    const ms = selfUs / 1000;
    byCategory[category] += ms;
    totalMs += ms;
    byEvent.push({ name, category, selfMs: ms, count });
  }
  byEvent.sort((a, b) => b.selfMs - a.selfMs);
  const windowMs = Number.isFinite(to - from) ? (to - from) / 1000 : totalMs;
  return { windowMs, busyMs: busyUs / 1000, totalMs, byCategory, byEvent };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per JS function from V8's sampling profile (program/idle/GC pseudo-frames included under their names). */
export function summariseProfile(profile: CpuProfile): { name: string; where: string; selfMs: number }[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, { name: string; where: string; selfUs: number }>();
  for (let i = 0; i < profile.samples.length; i++) {
    const frame = byNode.get(profile.samples[i]!);
    if (!frame) continue;
    const file = frame.url.replace(/^.*\//, '').replace(/\?.*$/, '');
    const where = file ? `${file}:${frame.lineNumber + 1}` : '';
    const name = frame.functionName || '(anonymous)';
    const key = `${name}@${where}`;
    const entry = self.get(key) ?? self.set(key, { name, where, selfUs: 0 }).get(key)!;
    entry.selfUs += profile.timeDeltas[i + 1] ?? 0;
  }
  return [...self.values()].map((e) => ({ name: e.name, where: e.where, selfMs: e.selfUs / 1000 })).sort((a, b) => b.selfMs - a.selfMs);
}

export interface PanProfile {
  nodes: number;
  frames: Frames;
  main: MainThreadSummary;
  functions: { name: string; where: string; selfMs: number }[];
  threads: { thread: string; ms: number }[];
  domNodes: number;
  renderedFlowNodes: number;
  layout: Layout;
}

/** Pans an opened page as the canvas section does, traced and sampled. */
async function tracePan(browser: Browser, page: Page, nodes: number, paneSelector: string): Promise<PanProfile> {
  await waitDrawn(page);
  const layout = await readLayout(page, paneSelector);
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await page.evaluate((name) => performance.mark(name), PAN_START);
  const frames = await recordFrames(page, () => pan(page, layout.pane));
  await page.evaluate((name) => performance.mark(name), PAN_END);
  const traced = await browser.stopTracing();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  if (process.env.PODFLOW_PROFILE_TRACE) writeFileSync(process.env.PODFLOW_PROFILE_TRACE, traced); // for DevTools' performance panel
  const trace = JSON.parse(traced.toString('utf8')) as { traceEvents: TraceEvent[] };
  const counts = await page.evaluate(() => ({ dom: document.getElementsByTagName('*').length, flow: document.querySelectorAll('.react-flow__node').length }));
  await sleep(100);
  return { nodes, frames, main: summariseTrace(trace.traceEvents), functions: summariseProfile(profile), threads: threadCpu(trace.traceEvents), domNodes: counts.dom, renderedFlowNodes: counts.flow, layout };
}

/** The workflow in Podflow's editor, then the bare React Flow page with the same graph and initial view. */
export async function profilePans(browser: Browser, serve: Serve, bareUrl: string, nodes: number): Promise<{ podflow: PanProfile; bare: PanProfile }> {
  const doc = syntheticWorkflow('lattice', nodes);
  const id = await createWorkflow(serve, doc);
  const podflow = await withContext(browser, async (context) => {
    await context.addCookies([{ name: 'podflow_token', value: serve.token, url: serve.baseUrl }]);
    await context.addInitScript({ content: probe('[data-testid="canvas"][data-ready="true"] .react-flow__node') });
    const page = await context.newPage();
    await page.goto(`${serve.baseUrl}/w/${encodeURIComponent(id)}`);
    return tracePan(browser, page, nodes, '[data-testid="canvas"]');
  });
  const bare = await withContext(browser, async (context) => {
    await context.addInitScript({ content: probe('.react-flow__node') });
    const page = await context.newPage();
    const { pane, viewport } = podflow.layout;
    const q = new URLSearchParams({ w: String(pane.width), h: String(pane.height), x: String(viewport.x), y: String(viewport.y), zoom: String(viewport.zoom), cull: '1' });
    await page.goto(`${bareUrl}/?${q}`);
    return tracePan(browser, page, nodes, '.react-flow');
  });
  return { podflow, bare };
}

export function profileMarkdown(p: PanProfile, bare: PanProfile, label: string): string {
  const ms = (n: number) => n.toFixed(0);
  const share = (x: PanProfile, c: Category) => `${((100 * x.main.byCategory[c]) / Math.max(1, x.main.totalMs)).toFixed(0)} %`;
  const framesLine = (x: PanProfile) => `${x.frames.count} frames, median gap ${x.frames.median.toFixed(1)} ms, p95 ${x.frames.p95.toFixed(1)} ms, max ${ms(x.frames.max)} ms, ${x.frames.long} over 50 ms; after the pan ${x.renderedFlowNodes} React Flow nodes and ${x.domNodes} elements in the DOM`;
  const functions = (x: PanProfile) => ['| function | where | ms |', '|---|---|---|', ...x.functions.slice(0, 30).map((f) => `| ${f.name} | ${f.where} | ${f.selfMs.toFixed(1)} |`)];
  return [
    `# Canvas pan profile: ${label}`,
    '',
    `Lattice of ${p.nodes} nodes, 3 s pan (four middle-button drags) in headless Chromium, traced (DevTools' performance panel categories) and sampled (V8).`,
    '',
    `- Podflow: ${framesLine(p)}.`,
    `- Bare React Flow, same graph and view: ${framesLine(bare)}.`,
    '',
    '## Renderer main thread, self CPU time by category during the pan',
    '',
    '| category | Podflow ms | share | bare React Flow ms | share |',
    '|---|---|---|---|---|',
    ...CATEGORIES.map((c) => `| ${c} | ${ms(p.main.byCategory[c])} | ${share(p, c)} | ${ms(bare.main.byCategory[c])} | ${share(bare, c)} |`),
    `| total CPU | ${ms(p.main.totalMs)} in ${ms(p.main.windowMs)} ms of pan | | ${ms(bare.main.totalMs)} in ${ms(bare.main.windowMs)} ms | |`,
    '',
    '## CPU time per thread during the pan (all processes; compositing and raster run beside the main thread)',
    '',
    '| thread | Podflow ms | bare React Flow ms |',
    '|---|---|---|',
    ...p.threads.slice(0, 8).map((t) => `| ${t.thread} | ${ms(t.ms)} | ${ms(bare.threads.find((b) => b.thread === t.thread)?.ms ?? 0)} |`),
    '',
    '## Podflow: top trace events by self time',
    '',
    '| event | category | ms | count |',
    '|---|---|---|---|',
    ...p.main.byEvent.slice(0, 15).map((e) => `| ${e.name} | ${e.category} | ${ms(e.selfMs)} | ${e.count} |`),
    '',
    '## Podflow: top JS functions by self time (V8 sampling profiler, from the start of tracing to its end)',
    '',
    ...functions(p),
    '',
    '## Bare React Flow: top JS functions',
    '',
    ...functions(bare).slice(0, 17),
    '',
  ].join('\n');
}

export async function runCanvasProfileSection(root: string): Promise<Row[]> {
  const bareDir = await buildBarePage(root);
  const files = new Map<string, string>([['/graph.json', JSON.stringify(graphOf(syntheticWorkflow('lattice', PROFILE_NODES)))]]);
  const bareServer = await startStatic(bareDir, files);
  const serve = await startServe(root);
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    const { podflow: p, bare } = await profilePans(browser, serve, bareServer.baseUrl, PROFILE_NODES);
    const label = process.env.PODFLOW_PROFILE_LABEL ?? new Date().toISOString();
    mkdirSync(`${root}bench/results`, { recursive: true });
    writeFileSync(`${root}bench/results/canvas-profile.md`, profileMarkdown(p, bare, label));
    process.stderr.write(`bench: canvas profile written to bench/results/canvas-profile.md\n`);
    const rows: Row[] = CATEGORIES.map((c) => ({
      section: 'canvas-profile',
      case: `lattice ${p.nodes} nodes, pan 3 s: main thread ${c}`,
      value: stat([p.main.byCategory[c]]),
      unit: ' ms',
      baseline: { name: 'bare React Flow', value: stat([bare.main.byCategory[c]]), unit: ' ms' },
      note: c === 'scripting' ? `top function: ${p.functions.find((f) => !f.name.startsWith('('))?.name ?? '?'}` : undefined,
    }));
    rows.push({
      section: 'canvas-profile',
      case: `lattice ${p.nodes} nodes, pan 3 s (profiled): p95 frame gap`,
      value: stat([p.frames.p95]),
      unit: ' ms',
      baseline: { name: 'bare React Flow', value: stat([bare.frames.p95]), unit: ' ms' },
      note: `${p.frames.long} frames > 50 ms (bare ${bare.frames.long}); profiling adds overhead`,
    });
    return rows;
  } finally {
    await browser.close();
    await serve.stop();
    await bareServer.close();
  }
}
