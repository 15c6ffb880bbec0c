#!/usr/bin/env node
// The `podflow` command. The CLI is bundled by scripts/build.mjs (run by `npm install`, `npm start` and `npm test`).
import { existsSync } from 'node:fs';
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code of the bundle between runs (in the OS temp directory); Node 20 has no such cache.
module.enableCompileCache?.();

const bundle = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('podflow: the CLI is not built yet; run `npm run build` (or `npm install`) in the repository first.\n');
  process.exit(70);
}
await import(bundle.href);
