// Section "bundle": what the browser downloads to open the editor (apps/web/dist, built by scripts/bench.mjs before
// the run): the initial JS and CSS — index.html's script, modulepreload and stylesheet tags and the chunks they
// import statically — raw and gzip (zlib, level 6, what a server would send), without Monaco; then Monaco's
// main-thread chunks and its workers, found by name in dist/assets. Baseline, same run: the bare React Flow page of
// the canvas section (React, React DOM, @xyflow/react and its stylesheet), built with Vite into bench/.build/canvas.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildBarePage } from './bare-page';
import type { Row } from './main';
import { stat } from './stats';

/** Monaco's main-thread files: the editor API, Podflow's editor chunk, its stylesheets and icon font, language chunks. */
const MONACO_MAIN = /^(editor\.api|MonacoEditor|editor|jsonMode|python|yaml|codicon)-[\w-]{8}\.(js|css|ttf)$/;
/** Monaco's workers (the editor's own and the JSON and YAML language services'). */
const MONACO_WORKER = /^(editor|json|yaml)\.worker-[\w-]{8}\.js$/;

interface Size {
  file: string;
  raw: number;
  gzip: number;
}

const kib = (bytes: number) => bytes / 1024;
const sizeOf = (dir: string, file: string): Size => {
  const data = readFileSync(join(dir, file));
  return { file, raw: data.length, gzip: gzipSync(data, { level: 6 }).length };
};
const total = (sizes: Size[], key: 'raw' | 'gzip') => sizes.reduce((a, s) => a + s[key], 0);
const list = (sizes: Size[]) => sizes.map((s) => `${s.file.replace(/^assets\//, '').replace(/-[\w-]{8}\./, '.')} ${kib(s.gzip).toFixed(0)}`).join(', ');

/** The files a page loads before any dynamic import: its tags in index.html and their static imports, transitively. */
export function initialFiles(dist: string): { js: string[]; css: string[] } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const js = new Set<string>();
  const css = new Set<string>();
  const local = (href: string) => href.replace(/^\.?\//, '');
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) js.add(local(m[1]!));
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(m[0])?.[1];
    if (!href) continue;
    if (/\brel="stylesheet"/.test(m[0])) css.add(local(href));
    else if (/\brel="modulepreload"/.test(m[0])) js.add(local(href));
  }
  const queue = [...js];
  while (queue.length > 0) {
    const file = queue.pop()!;
    const code = readFileSync(join(dist, file), 'utf8');
    // Static `import … from "./x.js"`, `import "./x.js"` and `export … from "./x.js"`; not `import("./x.js")`.
    for (const m of code.matchAll(/\b(?:import|export)\s*(?:[^"'`();]*?\bfrom\s*)?["'](\.\/[^"']+)["']/g)) {
      const next = join(file, '..', m[1]!);
      if (!js.has(next) && next.endsWith('.js')) {
        js.add(next);
        queue.push(next);
      }
    }
  }
  return { js: [...js], css: [...css] };
}

export async function runBundleSection(root: string): Promise<Row[]> {
  const dist = `${root}apps/web/dist`;
  if (!existsSync(`${dist}/index.html`)) throw new Error('apps/web/dist is not built (node scripts/build.mjs)');
  const app = initialFiles(dist);
  const bare = initialFiles(await buildBarePage(root));
  const bareDir = `${root}bench/.build/canvas`;
  const appJs = app.js.map((f) => sizeOf(dist, f));
  const appCss = app.css.map((f) => sizeOf(dist, f));
  const bareJs = bare.js.map((f) => sizeOf(bareDir, f));
  const bareCss = bare.css.map((f) => sizeOf(bareDir, f));

  const assets = readdirSync(`${dist}/assets`);
  const monacoMain = assets.filter((f) => MONACO_MAIN.test(f)).map((f) => sizeOf(dist, `assets/${f}`));
  const monacoWorkers = assets.filter((f) => MONACO_WORKER.test(f)).map((f) => sizeOf(dist, `assets/${f}`));
  if (!monacoMain.some((s) => s.file.includes('editor.api-'))) throw new Error('no Monaco editor.api-*.js chunk in apps/web/dist/assets (renamed?)');
  const initial = new Set([...app.js, ...app.css]);
  const monacoInInitial = [...monacoMain, ...monacoWorkers].filter((s) => initial.has(s.file));
  const known = new Set([...initial, ...monacoMain.map((s) => s.file), ...monacoWorkers.map((s) => s.file)]);
  const otherLazy = assets
    .filter((f) => /\.js$/.test(f) && !known.has(`assets/${f}`))
    .map((f) => sizeOf(dist, `assets/${f}`));

  const one = (bytes: number) => stat([kib(bytes)]);
  const deterministic = 'sizes are deterministic: one measurement';
  return [
    {
      section: 'bundle',
      case: 'initial JS (gzip), without Monaco',
      value: one(total(appJs, 'gzip')),
      unit: ' KiB',
      baseline: { name: 'bare React Flow page', value: one(total(bareJs, 'gzip')), unit: ' KiB' },
      note: `${appJs.length} file(s), ${kib(total(appJs, 'raw')).toFixed(0)} KiB raw (bare ${kib(total(bareJs, 'raw')).toFixed(0)} KiB)${monacoInInitial.length ? `; WARNING: Monaco in the initial load: ${list(monacoInInitial)}` : '; no Monaco chunk in it'}; ${deterministic}`,
    },
    {
      section: 'bundle',
      case: 'initial CSS (gzip)',
      value: one(total(appCss, 'gzip')),
      unit: ' KiB',
      baseline: { name: 'bare React Flow page', value: one(total(bareCss, 'gzip')), unit: ' KiB' },
      note: `${appCss.length} file(s), ${kib(total(appCss, 'raw')).toFixed(0)} KiB raw; fonts not counted`,
    },
    {
      section: 'bundle',
      case: 'Monaco main thread, lazy (gzip)',
      value: one(total(monacoMain, 'gzip')),
      unit: ' KiB',
      note: `${kib(total(monacoMain, 'raw')).toFixed(0)} KiB raw; gzip KiB: ${list(monacoMain)}`,
    },
    {
      section: 'bundle',
      case: 'Monaco workers (gzip)',
      value: one(total(monacoWorkers, 'gzip')),
      unit: ' KiB',
      note: `${kib(total(monacoWorkers, 'raw')).toFixed(0)} KiB raw; gzip KiB: ${list(monacoWorkers)}`,
    },
    {
      section: 'bundle',
      case: 'other lazy JS (gzip)',
      value: one(total(otherLazy, 'gzip')),
      unit: ' KiB',
      note: `${kib(total(otherLazy, 'raw')).toFixed(0)} KiB raw; gzip KiB: ${list(otherLazy)}`,
    },
  ];
}
