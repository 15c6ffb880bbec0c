import { blankDoc, createWorkflow, expect, getWorkflow, openEditor, test, uniqueName, waitSaved } from './fixtures';

test('create, rename, duplicate and delete workflows; the URL follows the open one', async ({ app: page, api }) => {
  const name = uniqueName('fresh');
  await page.getByTestId('home-new').click();
  await page.getByTestId('new-workflow-name').fill(name);
  await page.getByTestId('template-blank').click();
  await page.getByTestId('create-workflow').click();
  await expect(page).toHaveURL(/\/w\/[^/]+$/);
  await expect(page.getByTestId('empty-canvas')).toBeVisible();
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

  // Rename in place.
  const renamed = `${name}-x`;
  await page.getByTestId('workflow-name').fill(renamed);
  await page.getByTestId('workflow-name').press('Enter');
  await waitSaved(page);
  expect((await getWorkflow(api, id)).draft.document.metadata).toMatchObject({ name: renamed });

  // Duplicate from the workflows menu: the copy opens.
  await page.getByTestId('workflows-menu').click();
  await page.getByTestId('menu-duplicate').click();
  await expect(page).not.toHaveURL(new RegExp(`/w/${id}$`));
  const copyId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

  // Delete the copy: back to the list, which still has the original.
  await page.getByTestId('workflows-menu').click();
  await page.getByTestId('menu-delete').click();
  await page.getByTestId('confirm-delete').click();
  await expect(page.getByTestId('home')).toBeVisible();
  await expect(page.getByTestId(`open-${renamed}`)).toBeVisible();
  expect((await api.get(`/api/workflows/${copyId}`)).status()).toBe(404);

  // Back and forward in the browser follow the URL.
  await page.getByTestId(`open-${renamed}`).click();
  await expect(page).toHaveURL(new RegExp(`/w/${id}$`));
  await page.goBack();
  await expect(page.getByTestId('home')).toBeVisible();
});

test('create a workflow from an example', async ({ app: page }) => {
  await page.getByTestId('example-map-pod-workflow').click();
  await expect(page.locator('.react-flow__node[data-id="map_pod_task"]')).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
});

test('version history: save a version, change things, restore it', async ({ app: page, api }) => {
  const wf = await createWorkflow(api, blankDoc(uniqueName('versions')));
  await openEditor(page, wf.id);
  await page.getByTestId('palette-python-task').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await waitSaved(page);
  await page.getByTestId('history-button').click();
  await page.getByTestId('open-save-version').click();
  await page.getByTestId('save-version-dialog').getByRole('textbox').fill('one task');
  await page.getByTestId('save-version-submit').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Saved version 1' })).toBeVisible();

  await page.getByTestId('palette-python-task').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await page.getByTestId('history-button').click();
  await expect(page.getByTestId('version-list')).toContainText('one task');
  await page.getByTestId('restore-1').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await waitSaved(page);
  expect(((await getWorkflow(api, wf.id)).draft.document.spec.nodes as unknown[]).length).toBe(1);
  // A restore is one undo step away.
  await page.getByTestId('undo').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
});

test('the keyboard shortcuts are listed in a help dialog opened with ?', async ({ app: page, api }) => {
  const wf = await createWorkflow(api, blankDoc(uniqueName('help')));
  await openEditor(page, wf.id);
  await page.keyboard.press('?');
  const dialog = page.getByTestId('shortcuts-dialog');
  await expect(dialog).toBeVisible();
  for (const label of ['Undo', 'Redo', 'Copy', 'Paste', 'Duplicate', 'Delete', 'Tidy up layout', 'Zoom to fit']) await expect(dialog).toContainText(label);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('without the token, the app says to open the URL printed by podflow serve', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${test.info().project.use.baseURL}/`);
  await expect(page.getByTestId('auth-screen')).toBeVisible();
  await expect(page.getByTestId('auth-screen')).toContainText('podflow serve');
  await context.close();
});
