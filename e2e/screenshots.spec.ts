import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { parse } from 'yaml';
import { createWorkflow, expect, node, openEditor, test } from './fixtures';
import { boxOf, cssColor, regionStats } from './pixels';

/**
 * Screenshots of the editor with each seed example open, in both themes, kept under test-results/screenshots/ for
 * people to look at — and looked at here too: the pixels must show the theme (light or dark canvas), every node drawn
 * with its text, and the selection ring around the selected node (and not before it is selected). Baselines compared
 * pixel by pixel would break on every font or style change; these properties are what a person would check.
 */
const examples = readdirSync('examples/seed').filter((f) => f.endsWith('.podflow.yaml'));
const shoot = async (page: Page, name: string) => {
  mkdirSync('test-results/screenshots', { recursive: true });
  return page.screenshot({ path: `test-results/screenshots/${name}.png` });
};

for (const file of examples) {
  const name = file.replace('.podflow.yaml', '');
  test(`screenshot: ${name}`, async ({ app: page, api }) => {
    const doc = parse(readFileSync(`examples/seed/${file}`, 'utf8'));
    const wf = await createWorkflow(api, doc);
    await openEditor(page, wf.id);
    const first = doc.spec.nodes[0].id as string;
    const firstNode = `.react-flow__node[data-id="${first}"]`;
    await expect(node(page, first)).toBeVisible();
    await page.waitForTimeout(400); // the view is framed after nodes are measured

    const light = await shoot(page, name);
    const canvas = await boxOf(page, '[data-testid="canvas"]');
    expect((await regionStats(page, light, canvas)).meanLuma, 'the light canvas is light').toBeGreaterThan(0.8);
    for (const n of doc.spec.nodes as { id: string }[]) {
      const stats = await regionStats(page, light, await boxOf(page, `.react-flow__node[data-id="${n.id}"]`));
      expect(stats.ink, `node ${n.id} is drawn with its text`).toBeGreaterThan(0.02);
    }
    // The selection ring: a strip along the node's bottom edge turns the accent colour.
    const accent = await cssColor(page, '--accent');
    const bottomEdge = async () => {
      const b = await boxOf(page, `${firstNode} [data-testid="node-${first}"]`);
      return { x: b.x + 12, y: b.y + b.height - 3, width: b.width - 24, height: 6 };
    };
    // Anti-aliasing lightens the 2px ring: it is found by its tint (indigo, not grey), not its exact colour.
    expect((await regionStats(page, light, await bottomEdge(), accent)).tint, 'no ring before selecting').toBeLessThan(0.03);
    await node(page, first).getByTestId('node-header').click();
    await expect(page.locator(`${firstNode}.selected`)).toBeVisible();
    await page.waitForTimeout(300);
    const edge = await bottomEdge();
    const selected = await shoot(page, `${name}-selected`);
    expect((await regionStats(page, selected, edge, accent)).tint, 'the selected node has the accent ring').toBeGreaterThan(0.15);

    await page.getByTestId('theme-toggle').click();
    await page.waitForTimeout(200);
    const dark = await shoot(page, `${name}-dark`);
    expect((await regionStats(page, dark, canvas)).meanLuma, 'the dark canvas is dark').toBeLessThan(0.2);
    const darkNode = await regionStats(page, dark, await boxOf(page, firstNode));
    expect(darkNode.ink, 'the node keeps its text in the dark theme').toBeGreaterThan(0.02);
    await page.getByTestId('theme-toggle').click();
  });
}

test('screenshot: workflows list and dialogs', async ({ app: page }) => {
  const home = await shoot(page, 'home');
  expect((await regionStats(page, home, await boxOf(page, 'h1'))).ink, 'the title is drawn').toBeGreaterThan(0.02);
  await page.getByTestId('home-new').click();
  await expect(page.getByTestId('new-workflow-dialog')).toBeVisible();
  const dialog = await shoot(page, 'new-workflow-dialog');
  const box = await boxOf(page, '[data-testid="new-workflow-dialog"]');
  // The dialog is drawn over a dimmed page: it is lighter than the backdrop around it.
  const inside = await regionStats(page, dialog, box);
  const left = await regionStats(page, dialog, { x: 0, y: box.y, width: Math.max(1, box.x - 10), height: box.height });
  expect(inside.meanLuma).toBeGreaterThan(left.meanLuma + 0.1);
  expect(inside.ink, 'the dialog has its text').toBeGreaterThan(0.02);
});
