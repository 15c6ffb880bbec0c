import { readFileSync } from 'node:fs';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { createWorkflow, expect, mod, openEditor, screenshot, test, uniqueName } from './fixtures';

const seed = (name: string) => parseYaml(readFileSync(`examples/seed/${name}.podflow.yaml`, 'utf8')) as Record<string, unknown> & { metadata: { name: string } };

test('Export dialog: a runnable pod for one node with typed inputs, and the workflow as an Argo Workflow', async ({ app: page, api }) => {
  const doc = seed('map-pod-workflow');
  doc.metadata.name = uniqueName('argo-export');
  const { id } = await createWorkflow(api, doc);
  await openEditor(page, id);
  await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(`${mod}+E`);
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();

  // Pods of one node: a preview that says it is not runnable, until the inputs are typed.
  await dialog.getByTestId('export-node').selectOption('coalesce');
  await expect(dialog.getByTestId('export-not-runnable')).toContainText('list_of_strings');
  await expect(dialog.getByTestId('export-configmaps')).toContainText(/ConfigMap podflow-runtime-\w+/);
  await expect(dialog.locator('[data-testid^="export-configmap-"][open]')).toHaveCount(0); // collapsed
  await screenshot(page, 'export-node-preview');
  await dialog.getByTestId('export-input-list_of_strings').fill('["a", "b"]');
  await expect(dialog.getByTestId('export-not-runnable')).toHaveCount(0);
  const [pod] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-download').click()]);
  const objects = parseAllDocuments(readFileSync(await pod.path(), 'utf8')).map((d) => d.toJS() as { kind: string; spec?: { containers: { env: { name: string; value: string }[] }[] } });
  expect(objects.map((o) => o.kind)).toEqual(['ConfigMap', 'ConfigMap', 'Pod']);
  expect(objects[2]!.spec!.containers[0]!.env).toContainEqual({ name: 'PODFLOW_INPUTS', value: '{"list_of_strings":["a","b"]}' });

  // Argo: the Workflow first, ConfigMaps collapsed; download and Submit to Argo.
  await dialog.getByTestId('export-format-argo').click();
  await expect(dialog.getByTestId('export-summary')).toHaveText('3 ConfigMaps · 1 Workflow of 2 tasks');
  await expect(dialog.getByTestId('export-preview').locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await expect(dialog.getByTestId('export-preview')).toContainText('argoproj.io/v1alpha1');
  await expect(dialog.getByTestId('argo-submit-button')).toBeEnabled();
  await screenshot(page, 'export-argo');
  const [argo] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-download').click()]);
  expect(argo.suggestedFilename()).toBe(`${doc.metadata.name}.argo.yaml`);
  const kinds = parseAllDocuments(readFileSync(await argo.path(), 'utf8')).map((d) => (d.toJS() as { kind: string }).kind);
  expect(kinds).toEqual(['ConfigMap', 'ConfigMap', 'ConfigMap', 'Workflow']);
  // No Argo cluster is reachable from this server: the button says why instead of failing silently.
  await dialog.getByTestId('argo-submit-button').click();
  await expect(dialog.getByTestId('argo-submit-error')).toContainText(/kubeconfig|cluster|ConfigMap|namespace/);
  await screenshot(page, 'export-argo-submit-error');
});

test('Export dialog: Argo refuses a dynamic task before download, naming the node', async ({ app: page, api }) => {
  const doc = seed('dynamic-pod-workflow');
  doc.metadata.name = uniqueName('argo-refused');
  const { id } = await createWorkflow(api, doc);
  await openEditor(page, id);
  await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(`${mod}+E`);
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId('export-format-argo').click();
  await expect(dialog.getByTestId('export-diagnostics')).toContainText('argo-dynamic-task');
  await expect(dialog.getByTestId('export-diagnostics')).toContainText('dynamic_pod_task');
  await expect(dialog.getByTestId('export-download')).toBeDisabled();
  await expect(dialog.getByTestId('argo-submit-button')).toBeDisabled();
  await screenshot(page, 'export-argo-refused');
});
