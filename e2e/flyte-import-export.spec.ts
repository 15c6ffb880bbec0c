import { readFileSync } from 'node:fs';
import { expect, node, test } from './fixtures';

// Issue #15 in the editor: Import takes a flytekit module (.py) by picker or drop and opens one workflow per
// @workflow; Export offers the workflow as a flytekit module. Needs the server to reach a Python with flytekit
// (playwright.config.ts passes PODFLOW_FLYTE_PYTHON through).
const SEED = readFileSync(new URL('../examples/flyte/pod_example.py', import.meta.url));

test('a flytekit module imports as one workflow per @workflow; export writes it back as a flytekit module', async ({ app: page }) => {
  test.skip(!process.env.PODFLOW_FLYTE_PYTHON, 'LOUD SKIP: no PODFLOW_FLYTE_PYTHON (node scripts/flyte/venv.mjs prints one)');
  test.setTimeout(120_000);
  await page.goto('/');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('home-import').click();
  await (await chooser).setFiles({ name: 'pod_example.py', mimeType: 'text/x-python', buffer: SEED });
  // The first workflow opens; all four are created.
  await expect(node(page, 'pod_task')).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: 'test-results/flyte-imported.png' });
  for (const name of ['pod-workflow', 'multiple-containers-pod-workflow', 'map-pod-workflow', 'dynamic-pod-workflow']) {
    await page.goto('/');
    await expect(page.getByText(name, { exact: true }).first()).toBeVisible();
  }
  await page.getByText('map-pod-workflow', { exact: true }).first().click();
  await expect(node(page, 'map_pod_task')).toBeVisible();
  await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+e');
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('export-scope-flytekit').click();
  await expect(dialog.getByTestId('export-filename')).toHaveText('map_pod_workflow.py');
  await expect(dialog.getByTestId('export-summary')).toHaveText('flytekit module · 2 tasks · @workflow map_pod_workflow');
  await expect(dialog.getByTestId('export-preview')).toContainText('from flytekit import PodTemplate, TaskMetadata, map_task, task, workflow');
  await page.screenshot({ path: 'test-results/flyte-export.png' });
});

test('a module Podflow cannot represent lists the construct and its line', async ({ app: page }) => {
  test.skip(!process.env.PODFLOW_FLYTE_PYTHON, 'LOUD SKIP: no PODFLOW_FLYTE_PYTHON (node scripts/flyte/venv.mjs prints one)');
  const source = 'from flytekit import task, workflow, conditional\n\n@task\ndef t(x: int) -> int:\n    return x\n\n@workflow\ndef wf(x: int) -> int:\n    return conditional("c").if_(x > 1).then(t(x=x)).else_().then(t(x=x))\n';
  await page.goto('/');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('home-import').click();
  await (await chooser).setFiles({ name: 'branchy.py', mimeType: 'text/x-python', buffer: Buffer.from(source) });
  const dialog = page.getByTestId('import-error-dialog');
  await expect(dialog).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByTestId('issue-line').first()).toHaveText('line 9');
  await expect(dialog).toContainText('workflow wf, conditional');
});
