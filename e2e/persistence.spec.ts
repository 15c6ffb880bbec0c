import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blankDoc, createWorkflow, dragFromPalette, expect, getWorkflow, node, openEditor, test, TOKEN, uniqueName, waitSaved } from './fixtures';

test('a reload in the middle of editing loses nothing', async ({ app: page, api }) => {
  const wf = await createWorkflow(api, blankDoc(uniqueName('reload')));
  await openEditor(page, wf.id);
  await dragFromPalette(page, page.getByTestId('palette-python-task'), { x: 100, y: 120 });
  await dragFromPalette(page, page.getByTestId('palette-dynamic-task'), { x: 460, y: 120 });
  await expect(node(page, 'dynamic_1')).toBeVisible();
  // Reload at once, before the autosave's pause has passed.
  await page.reload();
  await expect(node(page, 'task_1')).toBeVisible();
  await expect(node(page, 'dynamic_1')).toBeVisible();
  await waitSaved(page);
  const nodes = (await getWorkflow(api, wf.id)).draft.document.spec.nodes as { id: string }[];
  expect(nodes.map((n) => n.id)).toEqual(['task_1', 'dynamic_1']);
  await expect(page).toHaveURL(new RegExp(`/w/${wf.id}$`));
});

/** A server of this test's own, so that it can be stopped and started again on the same data directory. */
class OwnServer {
  private proc: ChildProcess | null = null;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'podflow-e2e-offline-'));
  constructor(readonly port: number) {}
  get origin() {
    return `http://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.proc = spawn(process.execPath, ['apps/server/bin/podflow.mjs', 'serve', '--port', String(this.port), '--data-dir', this.dataDir], {
      env: { ...process.env, PODFLOW_TOKEN: TOKEN },
      stdio: 'ignore',
    });
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`${this.origin}/healthz`)).ok) return;
      } catch {
        /* not yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the server did not start');
  }
  async stop(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    await exited;
    this.proc = null;
  }
}

test('stop the server, keep editing, start it again: the work is saved', async ({ page, playwright }) => {
  const server = new OwnServer(5198 + (test.info().workerIndex % 2) * 100);
  await server.start();
  try {
    const api = await playwright.request.newContext({ baseURL: server.origin, extraHTTPHeaders: { Authorization: `Bearer ${TOKEN}` } });
    const wf = await createWorkflow(api, blankDoc(uniqueName('offline')));
    await page.goto(`${server.origin}/?token=${TOKEN}`);
    await page.goto(`${server.origin}/w/${wf.id}`);
    await expect(page.locator('[data-testid="canvas"][data-ready="true"]')).toBeVisible();
    await dragFromPalette(page, page.getByTestId('palette-python-task'), { x: 100, y: 120 });
    await waitSaved(page);

    await server.stop();
    await dragFromPalette(page, page.getByTestId('palette-python-task'), { x: 460, y: 120 });
    await expect(node(page, 'task_2')).toBeVisible();
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-status', 'offline');
    await expect(page.getByTestId('save-state')).toContainText('Offline — kept locally');
    // Still editable while offline.
    await dragFromPalette(page, page.getByTestId('palette-workflow-input'), { x: 100, y: 380 });
    await page.keyboard.press('Escape');
    await expect(node(page, 'input:input_1')).toBeVisible();

    await server.start();
    await waitSaved(page);
    const doc = (await getWorkflow(api, wf.id)).draft.document;
    expect((doc.spec.nodes as { id: string }[]).map((n) => n.id)).toEqual(['task_1', 'task_2']);
    expect((doc.spec.inputs as { name: string }[]).map((i) => i.name)).toEqual(['input_1']);
    await api.dispose();
  } finally {
    await server.stop();
  }
});

test('a save from another tab is detected as a conflict and offered, never silently overwritten', async ({ app: page, api, context }) => {
  const wf = await createWorkflow(api, blankDoc(uniqueName('conflict')));
  await openEditor(page, wf.id);
  const other = await context.newPage();
  await openEditor(other, wf.id);

  await dragFromPalette(other, other.getByTestId('palette-python-task'), { x: 100, y: 120 });
  await waitSaved(other);
  await dragFromPalette(page, page.getByTestId('palette-dynamic-task'), { x: 100, y: 300 });
  await expect(page.getByTestId('conflict-dialog')).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-status', 'conflict');
  // The other tab's work is on the server, untouched.
  let nodes = (await getWorkflow(api, wf.id)).draft.document.spec.nodes as { id: string }[];
  expect(nodes.map((n) => n.id)).toEqual(['task_1']);

  await page.getByTestId('keep-mine').click();
  await waitSaved(page);
  nodes = (await getWorkflow(api, wf.id)).draft.document.spec.nodes as { id: string }[];
  expect(nodes.map((n) => n.id)).toEqual(['dynamic_1']);

  // The other tab now conflicts in turn, and takes the saved version.
  await dragFromPalette(other, other.getByTestId('palette-python-task'), { x: 400, y: 120 });
  await expect(other.getByTestId('conflict-dialog')).toBeVisible();
  await other.getByTestId('take-theirs').click();
  await expect(node(other, 'dynamic_1')).toBeVisible();
  await expect(node(other, 'task_1')).toHaveCount(0);
  await waitSaved(other);
});
