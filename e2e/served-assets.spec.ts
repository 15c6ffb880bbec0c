import { statSync } from 'node:fs';
import { createWorkflow, expect, node, openEditor, test, uniqueName } from './fixtures';

// The built app as Chromium loads it from the bundled server: every script and style of the build goes over the wire
// brotli-compressed (scripts/compress-assets.mjs + @fastify/static preCompressed), including the lazy Monaco chunks.
test("the app's scripts and styles arrive brotli-compressed, and the app works from them", async ({ app: page, api }) => {
  const code = 'def t() -> int:\n    return 1\n';
  const wf = await createWorkflow(api, { apiVersion: 'podflow/v1alpha1', kind: 'Workflow', metadata: { name: uniqueName('assets') }, spec: { tasks: [{ name: 't', type: 'python', code }], nodes: [{ id: 't', task: 't' }] } });
  const assets: { url: string; encoding: string | undefined; size: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/assets/') || !/\.(js|css)$/.test(url.pathname)) return;
    pending.push(
      (async () => {
        const headers = await response.allHeaders();
        assets.push({ url: url.pathname, encoding: headers['content-encoding'], size: statSync(`apps/web/dist${url.pathname}`).size });
      })(),
    );
  });
  await page.reload();
  await openEditor(page, wf.id);
  await node(page, 't').getByTestId('node-header').click();
  await page.getByTestId('tab-code').click();
  await expect(page.getByTestId('code-editor').locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  await Promise.all(pending);
  expect(assets.length).toBeGreaterThan(3);
  const plain = assets.filter((a) => a.encoding !== 'br' && a.size >= 1024);
  expect(plain, 'assets sent without brotli').toEqual([]);
});
