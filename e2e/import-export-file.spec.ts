import { readFileSync } from 'node:fs';
import { createWorkflow, expect, node, openEditor, test, uniqueName } from './fixtures';

const MALFORMED = `apiVersion: podflow/v1alpha1
kind: Workflow
metadata:
  name: broken
spec:
  tasks:
    - name: t
      type: python
      code: "def t() -> int: return 1"
  nodes:
    - id: a
      task: t
      bogus: 3
`;

const existing = () => ({
  apiVersion: 'podflow/v1alpha1',
  kind: 'Workflow',
  metadata: { name: uniqueName('keep') },
  spec: {
    tasks: [{ name: 'keep', type: 'python', code: 'def keep() -> int:\n    return 1\n' }],
    nodes: [{ id: 'keep', task: 'keep' }],
  },
});

test('importing a malformed .podflow.yaml shows what is wrong with line numbers and leaves the open workflow alone', async ({ app: page, api }) => {
  const wf = await createWorkflow(api, existing());
  await openEditor(page, wf.id);
  await expect(node(page, 'keep')).toBeVisible();

  // Through the file picker of the workflows menu.
  await page.getByTestId('workflows-menu').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('menu-import').click();
  await (await chooser).setFiles({ name: 'broken.podflow.yaml', mimeType: 'application/x-yaml', buffer: Buffer.from(MALFORMED) });
  const dialog = page.getByTestId('import-error-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Cannot import broken.podflow.yaml');
  await expect(dialog.getByTestId('issue-line').first()).toHaveText(/line 1[0-9]/);
  await expect(dialog).toContainText('bogus');
  await dialog.getByRole('button', { name: 'OK' }).click();

  // A YAML syntax error, dropped on the canvas.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['spec:\n  nodes: [\n  - {'], 'syntax.podflow.yaml', { type: 'application/x-yaml' }));
    const canvas = document.querySelector('[data-testid="canvas"]')!;
    canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await expect(page.getByTestId('import-error-dialog')).toContainText('syntax.podflow.yaml');
  await expect(page.getByTestId('import-error-dialog').getByTestId('issue-line').first()).toBeVisible();
  await page.keyboard.press('Escape');

  await expect(page).toHaveURL(new RegExp(`/w/${wf.id}$`));
  await expect(node(page, 'keep')).toBeVisible();
  await expect(page.getByTestId('undo')).toBeDisabled();
  // Nothing was imported (other tests may create workflows meanwhile: look for this file's workflow by name).
  const names = ((await (await api.get('/api/workflows')).json()) as { name: string }[]).map((w) => w.name);
  expect(names).not.toContain('broken');
});

test('a valid file dropped on the canvas is imported as a new workflow and opened', async ({ app: page, api }) => {
  const wf = await createWorkflow(api, existing());
  await openEditor(page, wf.id);
  const yaml = readFileSync('examples/seed/dynamic-pod-workflow.podflow.yaml', 'utf8');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dynamic-pod-workflow.podflow.yaml', { type: 'application/x-yaml' }));
    const canvas = document.querySelector('[data-testid="canvas"]')!;
    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, yaml);
  await expect(page).not.toHaveURL(new RegExp(`/w/${wf.id}$`));
  await expect(node(page, 'dynamic_pod_task')).toBeVisible();
  await expect(page.getByTestId('workflow-name')).toHaveValue('dynamic-pod-workflow');
});

test('download the open workflow as .podflow.yaml', async ({ app: page, api }) => {
  const wf = await createWorkflow(api, existing());
  await openEditor(page, wf.id);
  await page.getByTestId('workflows-menu').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('menu-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^keep-.*\.podflow\.yaml$/);
  const text = readFileSync((await file.path())!, 'utf8');
  expect(text).toContain('apiVersion: podflow/v1alpha1');
  expect(text).toContain('def keep() -> int:');
});
