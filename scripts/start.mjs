#!/usr/bin/env node
// `npm start`: install what is missing, build, and serve the editor with the embedded SQLite store and the local
// executor. Extra arguments go to `podflow serve` (`npm start -- --port 9000`).
import { log, root, run, setup } from './setup.mjs';

try {
  setup({ web: true });
} catch (e) {
  log(`setup failed: ${e.message}`);
  process.exit(1);
}
process.exit(run(process.execPath, [`${root}apps/server/bin/podflow.mjs`, 'serve', ...process.argv.slice(2)]));
