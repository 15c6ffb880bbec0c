// Builds the bare React Flow page (bench/canvas) with Vite into bench/.build/canvas: the canvas section's baseline
// page and the bundle section's baseline bundle. Built once per bench process.
import { existsSync } from 'node:fs';

let built: Promise<string> | undefined;

export function buildBarePage(root: string): Promise<string> {
  built ??= (async () => {
    const outDir = `${root}bench/.build/canvas`;
    const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
    await build({
      configFile: false,
      root: `${root}bench/canvas`,
      base: './',
      logLevel: 'warn',
      plugins: [react()],
      build: { outDir, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 4096 },
    });
    if (!existsSync(`${outDir}/index.html`)) throw new Error(`the bare React Flow page was not built into ${outDir}`);
    return outDir;
  })();
  return built;
}
