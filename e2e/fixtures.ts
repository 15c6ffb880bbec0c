import { test as base, expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { E2E_TOKEN } from '../playwright.config';

/**
 * Fixtures for browser tests: `app` is a page signed in the way a person is (opening the start-up URL
 * `/?token=…`, which sets the server's cookie), `api` talks to the same server with the token, and the helpers do
 * what a person does with the mouse: drag from the palette, drag between handles, drag nodes.
 */
export { expect };
export const TOKEN = E2E_TOKEN;

export interface WorkflowJson {
  id: string;
  name: string;
  draft: { revision: number | string; document: Record<string, unknown> & { spec: Record<string, unknown> } };
}

export const test = base.extend<{ app: Page; api: APIRequestContext }>({
  app: async ({ page }, use) => {
    await page.goto(`/?token=${TOKEN}`);
    // The first load parses the app's bundle; on a busy 2-core machine that can take a while.
    await expect(page.getByTestId('home')).toBeVisible({ timeout: 30_000 });
    await use(page);
  },
  api: async ({ playwright, baseURL }, use) => {
    const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${TOKEN}` } });
    await use(ctx);
    await ctx.dispose();
  },
});

let counter = 0;
export const uniqueName = (base: string) => `${base}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export async function createWorkflow(api: APIRequestContext, document: Record<string, unknown>): Promise<WorkflowJson> {
  const r = await api.post('/api/workflows', { data: { document } });
  expect(r.status(), await r.text()).toBe(201);
  return (await r.json()) as WorkflowJson;
}

export const blankDoc = (name: string) => ({ apiVersion: 'podflow/v1alpha1', kind: 'Workflow', metadata: { name }, spec: {} });

export async function getWorkflow(api: APIRequestContext, id: string): Promise<WorkflowJson> {
  const r = await api.get(`/api/workflows/${id}`);
  expect(r.ok()).toBe(true);
  return (await r.json()) as WorkflowJson;
}

/** Opens the editor on a workflow and waits until the canvas is laid out. */
export async function openEditor(page: Page, id: string): Promise<void> {
  await page.goto(`/w/${id}`);
  // Ready once the view has been framed around the workflow's nodes.
  await expect(page.locator('[data-testid="canvas"][data-ready="true"]')).toBeVisible();
}

export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-status', 'saved', { timeout: 15_000 });
}

export const node = (page: Page, id: string): Locator => page.locator(`.react-flow__node[data-id="${id}"]`);
export const handle = (page: Page, nodeId: string, handleId: string, type: 'source' | 'target'): Locator =>
  page.locator(`.react-flow__handle.${type}[data-nodeid="${nodeId}"][data-handleid="${handleId}"]`);

async function center(l: Locator): Promise<{ x: number; y: number }> {
  const box = await l.boundingBox();
  if (!box) throw new Error('element has no box');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags a palette item with the mouse and drops it at a point of the canvas (relative to the canvas' top-left). */
export async function dragFromPalette(page: Page, item: Locator, at: { x: number; y: number }): Promise<void> {
  const from = await center(item);
  const canvas = await page.getByTestId('canvas').boundingBox();
  if (!canvas) throw new Error('no canvas');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 20, from.y + 5, { steps: 3 });
  await page.mouse.move(canvas.x + at.x, canvas.y + at.y, { steps: 12 });
  await page.mouse.up();
}

/** Drags from one handle to another, the way a person connects two ports. */
export async function connect(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await center(from);
  const b = await center(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
  await page.mouse.move(b.x, b.y, { steps: 8 });
  await page.mouse.up();
}

/** Starts a connection drag and stops over the target without releasing (to read the hint). */
export async function hoverConnection(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await center(from);
  const b = await center(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
  await page.mouse.move(b.x, b.y, { steps: 8 });
}

/** Drags a node by its header. */
export async function dragNode(page: Page, id: string, by: { x: number; y: number }): Promise<void> {
  const header = node(page, id).getByTestId('node-header').first();
  const p = await center(header);
  await page.mouse.move(p.x, p.y);
  await page.mouse.down();
  await page.mouse.move(p.x + by.x / 2, p.y + by.y / 2, { steps: 6 });
  await page.mouse.move(p.x + by.x, p.y + by.y, { steps: 6 });
  await page.mouse.up();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

export const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
