// A quick look at one pan, for working on the canvas (not a bench section, and not timed by any test): opens the
// lattice in Podflow's editor (and/or the bare React Flow page) as the canvas section does, pans once with the
// section's gesture, and prints the frame gaps with what happened in the long ones: React Flow nodes added to /
// removed from the DOM in that frame (and how many bodies are stand-ins), Chromium's long-animation-frame entries,
// the CPU time of each Chromium thread during the pan (from /proc: main, raster and compositor threads; untraced, so
// the figure to compare builds by on a quiet machine), and with PROBE_TRACE=1 the main thread's CPU by category in each long frame, the raster threads' CPU, and the JS
// functions by self and inclusive time (readable in an unminified build: `npx vite build --minify false`).
//   npx esbuild bench/canvas-pan-probe.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=bench/.build/pan-probe.mjs && node bench/.build/pan-probe.mjs [nodes=5000] [podflow|bare|both] [repeats=1] [screenshot-dir]
// Options (environment): PROBE_TRACE=1 (trace and profile the pan), PROBE_CALLS=1 (JS tasks of each long frame),
// PROBE_UNDER=fn1,fn2 (inclusive times within stacks through each function), PROBE_TRACE_OUT=<prefix> (write the raw
// trace to <prefix>-<label>.json), PROBE_PAINTS=1 (what was painted), PROBE_AFTER=1 (trace the 800 ms after the pan),
// PROBE_ZOOM_IN=1 (pan zoomed in, nodes in full), PROBE_CENSUS=<file.js> (evaluate it in the page first), PROBE_INIT=<file.js> (an init script), PROBE_REPORT=<file.js> (evaluated after the pan), PROBE_CSS="css1||css2" (variants: a style sheet added to the editor, compared interleaved),
// PROBE_ROOTS="/a/,/b/" (builds to compare: each a copy of the repository's apps/server and apps/web/dist, served by
// its own `podflow serve`, interleaved).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { syntheticWorkflow } from '../packages/core/src/__fixtures__/synthetic';
import { buildBarePage } from './bare-page';
import { CHROMIUM, createWorkflow, graphOf, pan, probe, readLayout, recordFrames, sleep, waitDrawn, withContext, type Frames } from './canvas-bench';
import { startServe, startStatic } from './serve-process';
import { PAN_END, PAN_START, summariseProfile, summariseTrace, threadCpu } from './canvas-profile';

const TRACE = process.env.PROBE_TRACE === '1';
const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'v8', 'v8.execute', 'blink.user_timing'];
interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string } }

/** Injected before page scripts: node additions/removals per animation frame, and long-animation-frame entries. */
const watch = `(() => {
  const w = (window.__watch = { mutations: [], loafs: [], marks: [] });
  const observe = () => {
    const host = document.querySelector('.react-flow__nodes');
    if (!host) return setTimeout(observe, 50);
    new MutationObserver((records) => {
      let added = 0, removed = 0;
      for (const r of records) { added += r.addedNodes.length; removed += r.removedNodes.length; }
      w.mutations.push({ t: performance.now(), added, removed, dom: host.childElementCount, standIns: host.querySelectorAll('[data-stand-in]').length });
    }).observe(host, { childList: true });
  };
  observe();
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.loafs.push({ start: e.startTime, duration: e.duration, blocking: e.blockingDuration,
        renderStart: e.renderStart, styleStart: e.styleAndLayoutStart,
        scripts: e.scripts.map((s) => ({ invoker: s.invoker, fn: s.sourceFunctionName, src: (s.sourceURL || '').replace(/^.*\\//, ''), d: Math.round(s.duration), fl: Math.round(s.forcedStyleAndLayoutDuration) })) });
    }).observe({ type: 'long-animation-frame', buffered: false });
  } catch {}
})();`;

interface Watch {
  mutations: { t: number; added: number; removed: number; dom: number; standIns: number }[];
  loafs: { start: number; duration: number; blocking: number; renderStart: number; styleStart: number; scripts: { invoker: string; fn: string; src: string; d: number; fl: number }[] }[];
}

interface Profile { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[]; samples: number[]; timeDeltas: number[] }
/** Inclusive time per function (name@file:line), each counted once per stack; `under`: only stacks through that function. */
function inclusive(p: Profile, under?: string): [string, number][] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const total = new Map<string, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const seen = new Set<string>();
    if (under) {
      let through = false;
      for (let id: number | undefined = p.samples[i]; id !== undefined && !through; id = parent.get(id)) through = byId.get(id)!.callFrame.functionName === under;
      if (!through) continue;
    }
    for (let id: number | undefined = p.samples[i]; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      const key = `${f.functionName || '(anon)'}@${f.url.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, '')}:${f.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + dt);
    }
  }
  return [...total].sort((a, b) => b[1] - a[1]);
}

/**
 * CPU time (ms, from /proc: 10 ms ticks) of every thread of this process's Chromium descendants, by process type and
 * thread name ("renderer/CrRendererMain", "gpu-process/VizCompositorTh"): what a pan costs in all, without a tracer.
 */
function chromiumCpu(): Map<string, number> {
  const parentOf = new Map<number, number>();
  const pids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parentOf.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      pids.push(Number(d));
    } catch {
      // gone
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p)) if (p === process.pid) return true;
    return false;
  };
  const out = new Map<string, number>();
  for (const pid of pids) {
    if (!ours(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chrom')) continue;
      const type = /--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser';
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/:\d+$/, '');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const key = `${type}/${name}`;
        out.set(key, (out.get(key) ?? 0) + (Number(f[11]) + Number(f[12])) * 10);
      }
    } catch {
      // gone
    }
  }
  return out;
}

function cpuDelta(before: Map<string, number>, after: Map<string, number>): { total: number; main: number; raster: number; viz: number; text: string } {
  const d = [...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  const sum = (re: RegExp) => d.filter(([k]) => re.test(k)).reduce((a, [, v]) => a + v, 0);
  return { total: d.reduce((a, [, v]) => a + v, 0), main: sum(/^renderer\/(CrRendererMain|chromium)$/), raster: sum(/^renderer\/(ThreadPool|CompositorTile|Compositor$)/), viz: sum(/^gpu-process\//), text: d.filter(([, v]) => v >= 20).map(([k, v]) => `${k} ${v}`).join(', ') };
}

const VARIANTS = (process.env.PROBE_CSS ?? '').split('||');
const summary: string[] = [];

async function report(page: Page, label: string, shots?: string): Promise<Frames> {
  const layout = await readLayout(page, label.startsWith('podflow') ? '[data-testid="canvas"]' : '.react-flow');
  await page.evaluate(() => {
    const w = (window as unknown as { __watch: Watch }).__watch;
    w.mutations = [];
    w.loafs = [];
  });
  const standInsBefore = await page.evaluate(() => document.querySelectorAll('[data-stand-in]').length);
  const cdp = TRACE ? await page.context().newCDPSession(page) : undefined;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  if (TRACE) await page.context().browser()!.startTracing(page, { categories: TRACE_CATEGORIES });
  const sync = TRACE ? await page.evaluate(() => (performance.mark('probe-sync'), performance.now())) : 0;
  const cpuBefore = chromiumCpu();
  const stats = await recordFrames(page, async () => {
    const shot = shots ? sleep(1700).then(() => page.screenshot({ path: `${shots}/${label}-during.png` })) : Promise.resolve();
    await pan(page, layout.pane);
    await shot;
  });
  const cpu = cpuDelta(cpuBefore, chromiumCpu());
  console.log(`   Chromium CPU during the pan: ${cpu.total} ms (${cpu.text})`);
  const frames = await page.evaluate(() => (window as unknown as { __bench: { frames: number[] } }).__bench.frames);
  let breakdown: ((from: number, to: number) => string) | undefined;
  if (TRACE) {
    const raw = (await page.context().browser()!.stopTracing()).toString('utf8');
    if (process.env.PROBE_TRACE_OUT) writeFileSync(`${process.env.PROBE_TRACE_OUT}-${label}.json`, raw);
    const events = (JSON.parse(raw) as { traceEvents: TraceEvent[] }).traceEvents;
    const { profile } = (await cdp!.send('Profiler.stop')) as unknown as { profile: Parameters<typeof summariseProfile>[0] };
    console.log(`   top functions: ${summariseProfile(profile).slice(0, 40).map((f) => `${f.name}@${f.where} ${f.selfMs.toFixed(0)}`).join(', ')}`);
    const inc = inclusive(profile as unknown as Profile);
    if (process.env.PROBE_INCLUSIVE) console.log(`   inclusive: ${inc.slice(0, 70).map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(', ')}`);
    for (const under of (process.env.PROBE_UNDER ?? '').split(',').filter(Boolean)) {
      console.log(`   under ${under}: ${inclusive(profile as unknown as Profile, under).slice(0, 60).map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(', ')}`);
    }
    const KEY = ['performSyncWorkOnRoot', 'flushPassiveEffects', 'updateNodeInternals', 'setNodes', 'setEdges', 'checkIfSnapshotChanged', 'mousemoved', '(garbage collector)'];
    const keyFns = KEY.map((k) => `${k.replace(/[a-z]+/g, (w) => w.slice(0, 3))} ${(inc.find(([n]) => n.startsWith(`${k}@`))?.[1] ?? 0).toFixed(0)}`).join(' ');
    const syncTs = events.find((e) => e.name === 'probe-sync')!.ts;
    if (process.env.PROBE_PAINTS) {
      const paints = events.filter((e) => e.name === 'Paint' && e.ts > syncTs);
      const by = new Map<string, number>();
      for (const e of paints) { const d = (e.args as { data?: Record<string, unknown> })?.data ?? {}; const k = `node ${String(d.nodeId)} ${String(d.nodeName ?? '').slice(0, 90)}`; by.set(k, (by.get(k) ?? 0) + 1); }
      console.log(`   paints: ${[...by].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, n]) => `${k} x${n}`).join('\n     ')}`);
      console.log('   sample paint', JSON.stringify(paints[100]?.args));
    }
    const at = (t: number) => syncTs + (t - sync) * 1000;
    breakdown = (from, to) => {
      const s = summariseTrace([{ name: PAN_START, ph: 'R', ts: at(from), pid: 0, tid: 0 }, { name: PAN_END, ph: 'R', ts: at(to), pid: 0, tid: 0 }, ...events]);
      const cats = Object.entries(s.byCategory).filter(([, ms]) => ms >= 1).map(([c, ms]) => `${c} ${ms.toFixed(0)}`).join(', ');
      const top = s.byEvent.filter((e) => e.selfMs >= 1.5).slice(0, 6).map((e) => `${e.name} ${e.selfMs.toFixed(1)}${e.count > 1 ? `x${e.count}` : ''}`).join(', ');
      const calls = process.env.PROBE_CALLS
        ? ' calls: ' + events.filter((e) => e.name === 'FunctionCall' && e.ts >= at(from) && e.ts < at(to) && (e.tdur ?? e.dur ?? 0) > 300).map((e) => { const d = (e.args as { data?: { functionName?: string; url?: string; lineNumber?: number } }).data ?? {}; return `${d.functionName || '?'}@${(d.url ?? '').replace(/^.*\//, '').slice(0, 14)}:${d.lineNumber ?? ''} ${((e.tdur ?? e.dur ?? 0) / 1000).toFixed(1)}`; }).join(', ')
        : '';
      return `cpu ${s.totalMs.toFixed(0)} [${cats}] ${top}${calls}`;
    };
    const all = summariseTrace([{ name: PAN_START, ph: 'R', ts: at(frames[0]!), pid: 0, tid: 0 }, { name: PAN_END, ph: 'R', ts: at(frames.at(-1)!), pid: 0, tid: 0 }, ...events]);
    const withMarks = [{ name: PAN_START, ph: 'R', ts: at(frames[0]!), pid: 0, tid: 0 }, { name: PAN_END, ph: 'R', ts: at(frames.at(-1)!), pid: 0, tid: 0 }, ...events];
    const raster = threadCpu(withMarks).find((t) => t.thread === 'ThreadPoolForegroundWorker')?.ms ?? 0;
    summary.push(`${label}: p95 ${stats.p95.toFixed(1)} gaps ${stats.count} long ${stats.long} raster ${raster.toFixed(0)} cpu ${all.totalMs.toFixed(0)} (${Object.entries(all.byCategory).map(([c, ms]) => `${c.slice(0, 4)} ${ms.toFixed(0)}`).join(', ')}) ${keyFns}`);
    console.log(`   whole pan: ${Object.entries(all.byCategory).map(([c, ms]) => `${c} ${ms.toFixed(0)}`).join(', ')}; top: ${all.byEvent.slice(0, 12).map((e) => `${e.name} ${e.selfMs.toFixed(0)}x${e.count}`).join(', ')}`);
  }
  const w = await page.evaluate(() => (window as unknown as { __watch: Watch }).__watch);
  if (shots) {
    await sleep(1500);
    await page.screenshot({ path: `${shots}/${label}-after.png` });
  }
  if (process.env.PROBE_AFTER) {
    await page.context().browser()!.startTracing(page, { categories: TRACE_CATEGORIES });
    await sleep(800);
    const ev = (JSON.parse((await page.context().browser()!.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
    const s = summariseTrace(ev);
    const calls = new Map<string, number>();
    for (const e of ev) if (e.name === 'FunctionCall') { const d = (e.args as { data?: { functionName?: string; url?: string; lineNumber?: number } }).data ?? {}; const k = `${d.functionName || '?'}@${(d.url ?? '').replace(/^.*\//, '').slice(0, 14)}:${d.lineNumber ?? ''}`; calls.set(k, (calls.get(k) ?? 0) + 1); }
    console.log(`   800 ms after the pan: ${s.byEvent.slice(0, 8).map((e) => `${e.name} ${e.selfMs.toFixed(0)}x${e.count}`).join(', ')}; calls: ${[...calls].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, n]) => `${k} x${n}`).join(', ')}`);
  } else await sleep(600);
  if (process.env.PROBE_REPORT) console.log(`   ${await page.evaluate(readFileSync(process.env.PROBE_REPORT, 'utf8'))}`);
  console.log(`   stand-ins 600 ms after the pan: ${await page.evaluate(() => document.querySelectorAll('[data-stand-in]').length)}; before it: ${standInsBefore}`);
  console.log(`   after: ${JSON.stringify(await page.evaluate(() => Object.fromEntries(['.react-flow__node', '.react-flow__edge', '.react-flow__handle', '.react-flow__nodes *', '.react-flow__edges *', '*'].map((q) => [q, document.querySelectorAll(q).length]))))}`);
  const gaps = frames.slice(1).map((t, i) => ({ from: frames[i]!, to: t, gap: t - frames[i]! }));
  const long = gaps.filter((g) => g.gap > 20);
  const t0 = frames[0] ?? 0;
  console.log(`\n== ${label}: ${stats.count} gaps, median ${stats.median.toFixed(1)}, p95 ${stats.p95.toFixed(1)}, max ${stats.max.toFixed(0)}, >50: ${stats.long}; gaps > 20 ms: ${long.length}`);
  const mutationsTotal = w.mutations.reduce((a, m) => a + m.added, 0);
  console.log(`   node mounts during the pan: ${mutationsTotal} in ${w.mutations.length} batches (stand-ins at most ${Math.max(0, ...w.mutations.map((m) => m.standIns))}, at the end ${w.mutations.at(-1)?.standIns}); long animation frames: ${w.loafs.length}`);
  if (breakdown) for (const g of gaps.filter((x) => x.gap < 20).slice(40, 44)) console.log(`  short @${(g.from - t0).toFixed(0)} gap ${g.gap.toFixed(1)} ${breakdown(g.from, g.to)}`);
  for (const g of long) {
    const muts = w.mutations.filter((m) => m.t > g.from && m.t <= g.to);
    const loafs = w.loafs.filter((l) => l.start < g.to && l.start + l.duration > g.from);
    const m = muts.length ? ` mounts +${muts.reduce((a, x) => a + x.added, 0)}/-${muts.reduce((a, x) => a + x.removed, 0)} (dom ${muts.at(-1)!.dom})` : '';
    const lf = loafs
      .map((l) => {
        const script = l.scripts.map((s) => `${s.invoker}${s.fn ? ` ${s.fn}` : ''} ${s.d}ms${s.fl ? ` (forced layout ${s.fl})` : ''}`).join('; ');
        const render = l.renderStart ? Math.round(l.start + l.duration - l.renderStart) : 0;
        const style = l.styleStart ? Math.round(l.start + l.duration - l.styleStart) : 0;
        return `loaf ${Math.round(l.duration)}ms [render ${render}, style+layout ${style}] ${script}`;
      })
      .join(' | ');
    console.log(`  @${(g.from - t0).toFixed(0).padStart(5)} gap ${g.gap.toFixed(1).padStart(5)}${m} ${breakdown ? breakdown(g.from, g.to) : ''} ${lf}`);
  }
  if (!TRACE) summary.push(`${label}: p95 ${stats.p95.toFixed(1)} gaps ${stats.count} long ${stats.long} >20: ${long.length} cpu ${cpu.total} (main ${cpu.main}, raster ${cpu.raster}, viz ${cpu.viz})`);
  return stats;
}

/** The bare page unminified, so that its profile names functions (bench/.build/canvas-unminified). */
async function buildBareUnminified(root: string): Promise<string> {
  const outDir = `${root}bench/.build/canvas-unminified`;
  const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
  await build({ configFile: false, root: `${root}bench/canvas`, base: './', logLevel: 'warn', plugins: [react()], build: { outDir, emptyOutDir: true, minify: false } });
  return outDir;
}

async function main(): Promise<void> {
  const root = process.cwd().replace(/\/?$/, '/');
  const size = Number(process.argv[2] ?? 5000);
  const which = process.argv[3] ?? 'podflow';
  const repeats = Number(process.argv[4] ?? 1);
  const shots = process.argv[5];
  const doc = syntheticWorkflow('lattice', size);
  const files = new Map([['/graph.json', JSON.stringify(graphOf(doc))]]);
  const bare = which === 'podflow' ? undefined : await startStatic(TRACE ? await buildBareUnminified(root) : await buildBarePage(root), files);
  // PROBE_ROOTS="/tmp/pfv-a/,/tmp/pfv-b/": builds to compare, each served by its own `podflow serve`, interleaved.
  const roots = (process.env.PROBE_ROOTS ?? root).split(',');
  const serves = await Promise.all(roots.map((r) => startServe(r)));
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    for (let rep = 0; rep < repeats; rep++) {
      let layout: Awaited<ReturnType<typeof readLayout>> | undefined;
      for (const [vi, [css, serve]] of VARIANTS.flatMap((c) => serves.map((sv) => [c, sv] as const)).entries()) if (which !== 'bare') {
        const id = await createWorkflow(serve, doc);
        layout = await withContext(browser, async (context) => {
          await context.addCookies([{ name: 'podflow_token', value: serve.token, url: serve.baseUrl }]);
          await context.addInitScript({ content: probe('[data-testid="canvas"][data-ready="true"] .react-flow__node') });
          await context.addInitScript({ content: watch });
          if (process.env.PROBE_INIT) await context.addInitScript({ content: readFileSync(process.env.PROBE_INIT, 'utf8') });
          if (css) await context.addInitScript({ content: `document.addEventListener('DOMContentLoaded', () => { const s = document.createElement('style'); s.textContent = ${JSON.stringify(css)}; document.head.append(s); });` });
          const page = await context.newPage();
          await page.goto(`${serve.baseUrl}/w/${encodeURIComponent(id)}`);
          const drawn = await waitDrawn(page);
          if (process.env.PROBE_ZOOM_IN) {
            await page.getByRole('button', { name: /zoom in/i }).click(); // past 50 %: nodes in full
            await sleep(1000);
          }
          const l = await readLayout(page, '[data-testid="canvas"]');
          if (css) console.log(`viewport will-change: ${await page.evaluate(() => getComputedStyle(document.querySelector('.react-flow__viewport')!).willChange)}`);
          console.log(`podflow drawn at ${drawn.drawnMs.toFixed(0)} ms, ${drawn.drawnNodes} nodes; zoom ${l.viewport.zoom}`);
          if (process.env.PROBE_CENSUS) console.log(await page.evaluate(readFileSync(process.env.PROBE_CENSUS, 'utf8')));
          await report(page, `podflow${VARIANTS.length * serves.length > 1 ? `#${vi}` : ''}`, shots);
          return l;
        });
      }
      if (bare) {
        await withContext(browser, async (context) => {
          await context.addInitScript({ content: probe('.react-flow__node') });
          await context.addInitScript({ content: watch });
          const page = await context.newPage();
          const q = new URLSearchParams({ w: String(layout?.pane.width ?? 1100), h: String(layout?.pane.height ?? 800), x: String(layout?.viewport.x ?? 32), y: String(layout?.viewport.y ?? 32), zoom: String(layout?.viewport.zoom ?? 0.45), cull: '1' });
          await page.goto(`${bare.baseUrl}/?${q}`);
          const drawn = await waitDrawn(page);
          console.log(`bare drawn at ${drawn.drawnMs.toFixed(0)} ms, ${drawn.drawnNodes} nodes`);
          await report(page, 'bare', shots);
        });
      }
    }
  } finally {
    await browser.close();
    for (const sv of serves) await sv.stop();
    await bare?.close();
  }
  console.log(`\nsummary:\n${summary.sort().join('\n')}`);
}

await main();
