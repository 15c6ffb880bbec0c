import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The web app lives in apps/web; `npm run build` writes apps/web/dist, which `podflow serve` serves.
// Dev: `npx vite --port 5173` proxies the API to a running `podflow serve` (PODFLOW_SERVER, default :8080).
const root = fileURLToPath(new URL('./apps/web', import.meta.url));
const monacoEsm = fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url));
const server = process.env.PODFLOW_SERVER ?? 'http://127.0.0.1:8080';

export default defineConfig(({ command }) => ({
  root,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: [
      // monaco-worker-manager@2 (used by monaco-yaml 5.5) imports the pre-0.56 deep path of the editor worker;
      // monaco-editor 0.57 maps `./*` to `./esm/vs/*.js`, so that path must be aliased (integration-notes §1.4).
      { find: /^monaco-editor\/esm\/vs\/(.+?)(\.js)?$/, replacement: `${monacoEsm}$1.js` },
    ],
  },
  // CSS modules (`Foo.module.css` beside `Foo.tsx`): kebab-case in the sheet, camelCase in TSX (`styles.wfName`).
  // Built class names are short hashes (they are shipped twice: in the CSS and in the JS map); dev keeps them readable.
  css: {
    modules: {
      localsConvention: 'camelCaseOnly',
      generateScopedName: command === 'build' ? '_[hash:base64:6]' : '[name]_[local]_[hash:base64:4]',
    },
  },
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('./apps/web/dist', import.meta.url)),
    emptyOutDir: true,
    // Monaco's core and the elk layout worker are over 1 MB each no matter how they are split.
    chunkSizeWarningLimit: 4096,
    sourcemap: false,
  },
  server: {
    port: 5173,
    // The server checks Host and Origin (DNS rebinding, cross-site requests): the proxy presents the server's own.
    proxy: {
      '/api': { target: server, changeOrigin: true, headers: { origin: server } },
      '/healthz': { target: server, changeOrigin: true },
    },
  },
  preview: { port: 4173 },
}));
