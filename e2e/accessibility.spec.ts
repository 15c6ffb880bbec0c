import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { createWorkflow, expect, node, openEditor, test, uniqueName } from './fixtures';

/**
 * axe-core over each main screen: no serious or critical violation. Monaco's own text area is left to Monaco (its
 * hidden input and the view-lines layers are axe false positives upstream knows about); everything of ours is checked.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).exclude('.monaco-editor').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(" ")} [${n.any.map((a) => a.message).join("; ")}]`).slice(0, 6).join(" | ")}`);
}

async function fromExample(page: Page, api: Parameters<typeof createWorkflow>[0], name: string): Promise<string> {
  const r = await api.get(`/api/examples/${name}`);
  const { document } = (await r.json()) as { document: Record<string, unknown> & { metadata: { name: string } } };
  const wf = await createWorkflow(api, { ...document, metadata: { ...document.metadata, name: uniqueName(name) } });
  await openEditor(page, wf.id);
  return wf.id;
}

for (const theme of ['light', 'dark'] as const) {
  test(`no serious accessibility violation on the main screens (${theme} theme)`, async ({ app: page, api }) => {
    test.setTimeout(180_000);
    await page.evaluate((t) => localStorage.setItem('podflow.theme', t), theme);
    await page.reload();
    await expect(page.getByTestId('home')).toBeVisible();
    await fromExample(page, api, 'multiple-containers-pod-workflow');

    // Home, with workflows listed.
    await page.goto('/');
    await expect(page.getByTestId('workflow-list')).toBeVisible();
    expect(await seriousViolations(page), 'home').toEqual([]);

    // The editor: canvas, palette, inspector (workflow settings), Problems open.
    const id = await fromExample(page, api, 'map-pod-workflow');
    expect(await seriousViolations(page), 'editor').toEqual([]);

    // A node selected: each inspector tab.
    await node(page, 'map_pod_task').getByTestId('node-header').click();
    for (const tab of ['code', 'task', 'pod', 'yaml', 'compiled'] as const) {
      await page.getByTestId(`tab-${tab}`).click();
      await expect(page.getByTestId(`tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
      expect(await seriousViolations(page), `inspector ${tab}`).toEqual([]);
    }

    // The run dialog, then a finished run in the run panel.
    await page.getByTestId('run-button').click();
    await expect(page.getByTestId('run-dialog')).toBeVisible();
    expect(await seriousViolations(page), 'run dialog').toEqual([]);
    await page.getByTestId('run-dialog').getByTestId('run-submit').click();
    await expect(page.getByTestId('run-panel')).toHaveAttribute('data-run-status', 'succeeded', { timeout: 60_000 });
    expect(await seriousViolations(page), 'run panel').toEqual([]);

    // Dialogs: connect a port, history, shortcuts.
    await page.goto(`/w/${id}`);
    await expect(page.locator('[data-testid="canvas"][data-ready="true"]')).toBeVisible();
    await node(page, 'coalesce').getByTestId('node-header').click();
    await page.getByTestId('canvas').focus();
    await page.keyboard.press('c');
    await expect(page.getByTestId('connect-dialog')).toBeVisible();
    expect(await seriousViolations(page), 'connect dialog').toEqual([]);
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog')).toBeVisible();
    expect(await seriousViolations(page), 'shortcuts dialog').toEqual([]);
  });
}
