#!/usr/bin/env node
// `npm run bench`: bundles bench/main.ts (with @podflow/core from source) and runs it. Arguments select sections.
import { build } from 'esbuild';
import { log, root, run } from '/work/wt/canvas3/scripts/setup.mjs';


// Built inside the repository so that its external imports resolve from node_modules.
const outfile = `${root}bench/.build/bench.mjs`;
await build({
  entryPoints: [`${root}bench/main.ts`],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  logLevel: 'warning',
  plugins: [{ name: 'externals', setup(b) { b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith('@podflow/') ? undefined : { path: a.path, external: true })); } }],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  absWorkingDir: root,
});
log('running the benchmark…');
process.exit(run(process.execPath, [outfile, ...process.argv.slice(2)]));
