import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createWorkflow, expect, node, openEditor, screenshot, test } from './fixtures';

/**
 * Screenshots of the editor with each seed example open, in both themes (kept under test-results/screenshots/ as
 * artifacts for people to look at; nothing is compared pixel by pixel).
 */
const examples = readdirSync('examples/seed').filter((f) => f.endsWith('.podflow.yaml'));

for (const file of examples) {
  const name = file.replace('.podflow.yaml', '');
  test(`screenshot: ${name}`, async ({ app: page, api }) => {
    const doc = parse(readFileSync(`examples/seed/${file}`, 'utf8'));
    const wf = await createWorkflow(api, doc);
    await openEditor(page, wf.id);
    const first = doc.spec.nodes[0].id as string;
    await expect(node(page, first)).toBeVisible();
    await page.waitForTimeout(400); // the view is framed after nodes are measured
    await screenshot(page, name);
    await node(page, first).locator('.node-header').click();
    await page.waitForTimeout(300);
    await screenshot(page, `${name}-selected`);
    await page.getByTestId('theme-toggle').click();
    await page.waitForTimeout(200);
    await screenshot(page, `${name}-dark`);
    await page.getByTestId('theme-toggle').click();
  });
}

test('screenshot: workflows list and dialogs', async ({ app: page }) => {
  await screenshot(page, 'home');
  await page.getByTestId('home-new').click();
  await expect(page.getByTestId('new-workflow-dialog')).toBeVisible();
  await screenshot(page, 'new-workflow-dialog');
});
