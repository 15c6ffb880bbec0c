import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Podflow repository this code runs from (the bundle is at apps/server/dist/cli.mjs, the sources at
 * apps/server/src/…): the nearest ancestor whose package.json is Podflow's workspace root. The web app and the
 * examples are found relative to it.
 */
export function findRepoRoot(from: string = fileURLToPath(import.meta.url)): string | undefined {
  let dir = dirname(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown; workspaces?: unknown };
        if (pkg.name === 'podflow' && Array.isArray(pkg.workspaces)) return dir;
      } catch {
        // not ours; keep looking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
