import type { Locator, Page } from '@playwright/test';
import { createWorkflow, expect, node, openEditor, screenshot, test, uniqueName, waitSaved } from './fixtures';

/**
 * Python help in the Code tab (issue 16): completion, hover and signature help from basedpyright running in a Web
 * Worker — for the task's own functions and for the standard library — typed and hovered the way a person does.
 */

const CODE = `import json
import os.path as osp
from textwrap import dedent


def shout(text: str, times: int = 1) -> str:
    """Upper-cases text and repeats it."""
    return text.upper() * times


def greet(name: str) -> str:
    message = shout(name)
    return json.dumps({"message": message})
`;

const doc = (name: string) => ({
  apiVersion: 'podflow/v1alpha1',
  kind: 'Workflow',
  metadata: { name },
  spec: {
    inputs: [{ name: 'name', type: 'str', default: 'podflow' }],
    tasks: [{ name: 'greet', type: 'python', code: CODE }],
    nodes: [{ id: 'greet', task: 'greet', inputs: { name: { input: 'name' } } }],
  },
});

/** The Code tab of the node `greet`, with the real editor (not its read-only fallback) focused. */
async function openCode(page: Page): Promise<Locator> {
  await node(page, 'greet').getByTestId('node-header').click();
  await page.getByTestId('tab-code').click();
  const editor = page.getByTestId('code-editor');
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  return editor;
}

/** Puts the cursor at the end of the line that holds `text`. */
async function endOfLine(editor: Locator, text: string): Promise<void> {
  await editor.locator('.view-line', { hasText: text }).click();
  await editor.page().keyboard.press('End');
}

/** Types at a person's pace (Monaco's quick suggestions follow the words as they are typed, not a burst of keys). */
async function typeSlowly(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 80 });
}

/** Hovers the first occurrence of `word` on the line holding `lineText` and returns the hover widget. */
async function hoverWord(page: Page, editor: Locator, lineText: string, word: string): Promise<Locator> {
  const line = editor.locator('.view-line', { hasText: lineText });
  const box = await line.boundingBox();
  if (!box) throw new Error(`no line ${lineText}`);
  const text = (await line.innerText()).replace(/\u00a0/g, ' ');
  const index = text.indexOf(word);
  if (index < 0) throw new Error(`no ${word} on ${text}`);
  // Monaco's font is monospaced: one character's width from the line's width and length.
  const charWidth = await line.evaluate((el) => {
    const span = el.querySelector('span span');
    return span ? span.getBoundingClientRect().width / (span.textContent?.length || 1) : 7.5;
  });
  const hover = page.locator('.monaco-hover:not(.hidden)');
  // The first hover may come before the server has read the standard library's stubs: move away and back until
  // it answers (Monaco shows a hover only for the position the mouse rests on).
  await expect(async () => {
    await page.mouse.move(box.x + 2, box.y + box.height + 40);
    await page.mouse.move(box.x + (index + 1.5) * charWidth, box.y + box.height / 2);
    await expect(hover).toContainText(word, { timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  return hover;
}

test('Python help: completion for the standard library and the task’s own functions, hover with signatures and docstrings', async ({ app: page, api }) => {
  test.setTimeout(150_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const wf = await createWorkflow(api, doc(uniqueName('py-help')));
  await openEditor(page, wf.id);
  const editor = await openCode(page);

  // Hover over a local function: its signature and its docstring.
  const localHover = await hoverWord(page, editor, 'message = shout(name)', 'shout');
  await expect(localHover).toContainText(/def shout\(\s*text: str,\s*times: int = 1\s*\) -> str/);
  await expect(localHover).toContainText('Upper-cases text and repeats it.');
  await screenshot(page, 'python-help-hover-local');

  // Hover over json.dumps: the standard library's signature (from typeshed, inside the worker).
  const stdHover = await hoverWord(page, editor, 'return json.dumps', 'dumps');
  await expect(stdHover).toContainText('def dumps(');
  await expect(stdHover).toContainText('sort_keys: bool = False');
  await expect(stdHover).toContainText('-> str');
  await screenshot(page, 'python-help-hover-stdlib');
  await page.mouse.move(10, 10);

  // A module imported under another name: its members complete after the dot.
  await endOfLine(editor, 'message = shout(name)');
  await page.keyboard.press('Enter');
  await typeSlowly(page, 'p = osp.jo');
  const suggest = page.locator('.suggest-widget.visible');
  await expect(suggest.locator('.monaco-list-row', { hasText: /^join/ }).first()).toBeVisible({ timeout: 45_000 });
  await screenshot(page, 'python-help-complete-stdlib');
  await page.keyboard.press('Tab');
  await page.keyboard.type('(');
  // Signature help for the call being typed.
  // os.path.join has three overloads in typeshed (str, bytes, PathLike): Monaco shows "1/3" and the first one.
  const hints = page.locator('.parameter-hints-widget');
  await expect(hints).toContainText('*paths:', { timeout: 30_000 });
  await expect(hints).toContainText('1/3');
  await screenshot(page, 'python-help-signature');
  await page.keyboard.type('"a", "b")');
  await page.keyboard.press('Escape');
  await expect(editor.locator('.view-line', { hasText: 'p = osp.join("a", "b")' })).toBeVisible();

  // The task's own function, by prefix; and a name imported with `from x import y`.
  await page.keyboard.press('Enter');
  // Asked for with Ctrl+Space (Monaco's own quick suggestions may or may not have opened the list while typing).
  await typeSlowly(page, 's = sho');
  await page.keyboard.press('Control+Space');
  await expect(suggest.locator('.monaco-list-row', { hasText: /^shout/ }).first()).toBeVisible({ timeout: 45_000 });
  await screenshot(page, 'python-help-complete-local');
  await page.keyboard.press('Escape');
  await typeSlowly(page, 'ut(dede');
  await page.keyboard.press('Control+Space');
  await expect(suggest.locator('.monaco-list-row', { hasText: /^dedent/ }).first()).toBeVisible({ timeout: 45_000 });
  await page.keyboard.press('Escape');
  await page.keyboard.type('nt("x"))');
  await page.keyboard.press('Escape');

  // The edits reach the document as before (the Code tab's own features still work alongside the language server).
  await waitSaved(page);
  await expect(editor.locator('.view-line', { hasText: 's = shout(dedent("x"))' })).toBeVisible();
  await expect(page.getByTestId('code-status')).toHaveText('def greet');
  expect(errors).toEqual([]);
});

test('Python help: a syntax error is still marked by Podflow, and completion keeps working around it', async ({ app: page, api }) => {
  test.setTimeout(120_000);
  const wf = await createWorkflow(api, doc(uniqueName('py-help-err')));
  await openEditor(page, wf.id);
  const editor = await openCode(page);
  await endOfLine(editor, 'message = shout(name)');
  await page.keyboard.press('Enter');
  await page.keyboard.type('x = 1 +');
  await expect(page.getByTestId('code-status')).toContainText('problem', { timeout: 15_000 });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await typeSlowly(page, 'json.lo');
  const suggest = page.locator('.suggest-widget.visible');
  await expect(suggest.locator('.monaco-list-row', { hasText: /^loads/ }).first()).toBeVisible({ timeout: 45_000 });
  await screenshot(page, 'python-help-with-syntax-error');
});
