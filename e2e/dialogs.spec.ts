import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { blankDoc, createWorkflow, expect, mod, openEditor, screenshot, test, uniqueName } from './fixtures';

/**
 * Dialogs are the browser's own modal `<dialog>`: focus stays inside, the page behind is inert (it can be neither
 * clicked nor focused), Escape closes, and focus goes back to what opened the dialog.
 */
/** axe over the open dialog (and the page, inert behind it): the serious and critical violations. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).exclude('.monaco-editor').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

const focusInOpenDialog = (page: Page) => page.evaluate(() => document.activeElement?.closest('dialog[open]')?.getAttribute('data-testid') ?? null);

test('a dialog is modal: Tab stays inside, the page behind cannot be clicked or focused, Escape returns focus to the opener', async ({ app: page, api }) => {
  const wf = await createWorkflow(api, blankDoc(uniqueName('modal')));
  await openEditor(page, wf.id);
  const opener = page.getByTestId('history-button');
  await opener.click();
  const dialog = page.getByTestId('history-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Version history' })).toBeVisible();
  expect(await focusInOpenDialog(page)).toBe('history-dialog');

  // Tab and Shift+Tab go round the dialog's own controls. Past the last one the browser's own UI (address bar) takes
  // its turn, as with every native modal dialog: nothing of the page behind ever has focus.
  const where = () =>
    page.evaluate(() => {
      const a = document.activeElement;
      if (!a || a === document.body) return 'browser';
      return a.closest('dialog[open]') ? `dialog: ${a.outerHTML.slice(0, 60)}` : `page: ${a.outerHTML.slice(0, 60)}`;
    });
  const seen = new Set<string>();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const at = await where();
    expect(at.startsWith('page'), `Tab ${i + 1}: ${at}`).toBe(false);
    seen.add(at);
  }
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Shift+Tab');
    const at = await where();
    expect(at.startsWith('page'), `Shift+Tab ${i + 1}: ${at}`).toBe(false);
  }
  expect([...seen].filter((s) => s.startsWith('dialog')).length, [...seen].join('\n')).toBeGreaterThan(1);
  await screenshot(page, 'dialog-history');

  // The page behind is inert: it cannot take focus, and a click lands on the backdrop, not on its buttons.
  const theme = page.getByTestId('theme-toggle');
  await dialog.getByRole('button', { name: 'Close' }).focus();
  await theme.evaluate((el: HTMLElement) => el.focus());
  await expect(theme).not.toBeFocused();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  const box = (await theme.boundingBox())!;
  const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.tagName, [box.x + box.width / 2, box.y + box.height / 2]);
  expect(hit).toBe('DIALOG');
  const themeBefore = await page.evaluate(() => document.documentElement.dataset.theme);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  // The backdrop click closed the dialog; the button under it did nothing.
  await expect(dialog).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(themeBefore);

  // Escape closes, and focus is back on the button that opened it.
  await opener.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
  // The same from the keyboard: the shortcuts button, Enter, Escape.
  await page.getByTestId('shortcuts-button').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('shortcuts-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-dialog')).toHaveCount(0);
  await expect(page.getByTestId('shortcuts-button')).toBeFocused();
});

test('every dialog opens as a named modal dialog without a serious axe violation, and closes with Escape', async ({ app: page, api }) => {
  test.setTimeout(180_000);
  const name = uniqueName('dialogs');
  const wf = await createWorkflow(api, blankDoc(name));
  const expectModal = async (testId: string, title: string | RegExp, shot?: string) => {
    const dialog = page.getByTestId(testId);
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveJSProperty('open', true);
    await expect(page.getByRole('dialog', { name: title })).toBeVisible();
    expect(await dialog.evaluate((el) => el.matches(':modal'))).toBe(true);
    expect(await focusInOpenDialog(page)).toBe(testId);
    if (shot) await screenshot(page, shot);
    expect(await seriousViolations(page), testId).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  };

  // Home: new workflow, rename, delete.
  await page.goto('/');
  await page.getByTestId('home-new').click();
  await expectModal('new-workflow-dialog', /new workflow/i);
  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByTestId('menu-rename').click();
  await expectModal('rename-workflow-dialog', /rename/i);
  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByTestId('menu-delete').click();
  await expectModal('delete-workflow-dialog', /delete/i, 'dialog-delete');

  // The editor: history, shortcuts, export, save version, run.
  await openEditor(page, wf.id);
  await page.getByTestId('history-button').click();
  await expectModal('history-dialog', 'Version history');
  await page.getByTestId('shortcuts-button').click();
  await expectModal('shortcuts-dialog', 'Keyboard shortcuts');
  await page.getByTestId('export-button').click();
  await expectModal('export-dialog', /export/i);
  await page.getByTestId('canvas').focus();
  await page.keyboard.press(`${mod}+s`);
  await expectModal('save-version-dialog', /save/i);
  await page.getByTestId('run-button').click();
  await expectModal('run-dialog', /run/i, 'dialog-run');
});

test('a toast raised while a dialog is open shows above the backdrop and can be reached', async ({ app: page, api }) => {
  const name = uniqueName('gone');
  const wf = await createWorkflow(api, blankDoc(name));
  await page.goto('/');
  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByTestId('menu-rename').click();
  const dialog = page.getByTestId('rename-workflow-dialog');
  await expect(dialog).toBeVisible();
  // Deleted elsewhere meanwhile: the rename fails, the dialog stays open and says why in a toast.
  expect((await api.delete(`/api/workflows/${wf.id}`)).ok()).toBe(true);
  await dialog.getByRole('textbox').fill(`${name}-x`);
  await dialog.getByTestId('rename-submit').click();
  const toast = page.getByTestId('toast').filter({ hasText: /not found|no workflow|does not exist/i });
  await expect(toast).toBeVisible();
  await expect(dialog).toBeVisible();
  const box = (await toast.boundingBox())!;
  const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('[data-testid="toast"]') !== null, [box.x + 12, box.y + box.height / 2]);
  expect(hit).toBe(true);
  await screenshot(page, 'dialog-toast');
  await toast.getByRole('button', { name: 'Dismiss' }).click();
  await expect(toast).toHaveCount(0);
  await expect(dialog).toBeVisible();
});
