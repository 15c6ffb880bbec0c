import { syntheticWorkflow } from '../packages/core/src/__fixtures__/synthetic';
import { createWorkflow, expect, getWorkflow, screenshot, test, waitSaved } from './fixtures';

/**
 * A workflow output's node is picked by typing, from a short list of matches: at 5,000 nodes a <select> held 5,000
 * options (most of the page's elements) and scrolled through all of them.
 */
test('a workflow output takes its node from a searchable list, keyboard or mouse; a name that is no node changes nothing', async ({ app: page, api }) => {
  test.setTimeout(120_000);
  const doc = syntheticWorkflow('lattice', 5000);
  const { id } = await createWorkflow(api, { ...(doc as unknown as Record<string, unknown>), metadata: { name: `outputs-${Date.now().toString(36)}` } });
  await page.goto(`/w/${id}`);
  await expect(page.locator('[data-testid="canvas"][data-ready="true"]')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-selection', 'workflow');

  const savedOutputs = async () => (await getWorkflow(api, id)).draft.document.spec.outputs;
  const picker = page.getByTestId('wf-output-0-node');
  await picker.scrollIntoViewIfNeeded();
  await expect(picker).toHaveValue('n4999');
  // The whole page holds a handful of <option>s (the small selects), not one per node.
  expect(await page.locator('option').count()).toBeLessThan(50);
  await expect(page.getByRole('listbox', { name: 'Node' })).toHaveCount(0);

  // Focused: the first 50 nodes and how many more; typing narrows, prefixes first.
  await picker.click();
  const list = page.getByRole('listbox', { name: 'Node' });
  await expect(list.getByRole('option')).toHaveCount(50);
  await expect(list).toContainText('4,950 more — type to narrow');
  await picker.fill('n123');
  await expect(list.getByRole('option').first()).toHaveText('n123');
  await expect(list.getByRole('option')).toHaveCount(11); // n123, n1230 … n1239
  await screenshot(page, 'workflow-output-node-picker');

  // Keyboard: down to n1230, Enter picks it and the document follows.
  await picker.press('ArrowDown');
  await expect(list.getByRole('option', { selected: true })).toHaveText('n1230');
  await picker.press('Enter');
  await expect(list).toHaveCount(0);
  await expect(picker).toHaveValue('n1230');
  await waitSaved(page);
  expect(await savedOutputs()).toEqual([{ name: 'result', type: 'int', from: { node: 'n1230', output: 'o0' } }]);

  // A name that is no node: a message under the box, nothing changes; Escape puts the node back.
  await picker.fill('nope');
  await expect(list).toContainText('No node with outputs matches “nope”');
  await picker.press('Tab');
  const row = page.getByTestId('wf-output-0');
  await expect(row.getByRole('alert')).toHaveText('There is no node with outputs named “nope”: still n1230. Pick one from the list, or press Escape.');
  await expect(picker).toHaveValue('nope');
  await expect(picker).toHaveAttribute('aria-invalid', 'true');
  await picker.focus();
  await picker.press('Escape');
  await expect(picker).toHaveValue('n1230');
  await expect(row.getByRole('alert')).toHaveCount(0);

  // Mouse: typing then clicking a match.
  await picker.fill('n7');
  await list.getByRole('option', { name: 'n77', exact: true }).click();
  await expect(picker).toHaveValue('n77');
  await waitSaved(page);
  expect(await savedOutputs()).toEqual([{ name: 'result', type: 'int', from: { node: 'n77', output: 'o0' } }]);
});
