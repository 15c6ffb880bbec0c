import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { createWorkflow, dragNode, expect, node, openEditor, screenshot, test, uniqueName, waitSaved } from './fixtures';

/**
 * Issue #16, "version diff in History", as a person does it: open a seed example, save a version, add a sidecar and
 * change the code of one task, move another node, save again, then open History and compare the two versions: the
 * right nodes are marked on the diff canvas and in the change list, and the compiled pod's YAML diff shows the sidecar.
 */

async function saveVersion(page: Page, message: string, n: number): Promise<void> {
  await waitSaved(page);
  await page.getByTestId('history-button').click();
  await page.getByTestId('open-save-version').click();
  await page.getByTestId('save-version-dialog').getByRole('textbox').fill(message);
  await page.getByTestId('save-version-submit').click();
  await expect(page.getByTestId('toast').filter({ hasText: `Saved version ${n}` })).toBeVisible();
}

/** The text of one side of Monaco's diff editor (original = the older version, on the left). */
async function diffSideText(editor: Locator, side: 'original' | 'modified'): Promise<string> {
  const lines = editor.locator(`.editor.${side} .view-lines`);
  await expect(lines).toBeVisible({ timeout: 20_000 });
  return (await lines.innerText()).replace(/\u00a0/g, ' ');
}

interface ExampleDoc {
  metadata: { name: string };
  spec: { tasks: unknown[]; nodes: { id: string; inputs?: Record<string, unknown> }[]; layout: Record<string, unknown> };
}

/** A seed example as the server offers it, saved as a new workflow under a unique name; both returned. */
async function fromExample(api: APIRequestContext, example: string, prefix: string) {
  const r = await api.get(`/api/examples/${example}`);
  const { document } = (await r.json()) as { document: ExampleDoc };
  const wf = await createWorkflow(api, { ...document, metadata: { ...document.metadata, name: uniqueName(prefix) } });
  return { wf, document };
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).exclude('.monaco-editor').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 6).join(' | ')}`);
}

for (const theme of ['light', 'dark'] as const) {
  test(`compare two versions: nodes marked, change list, compiled pod YAML side by side (${theme} theme)`, async ({ app: page, api }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.evaluate((t) => localStorage.setItem('podflow.theme', t), theme);
    const { wf } = await fromExample(api, 'map-pod-workflow', 'diff');
    await openEditor(page, wf.id);
    await saveVersion(page, 'as the example', 1);

    // A sidecar on map_pod_task, through the Pod form.
    await node(page, 'map_pod_task').getByTestId('node-header').click();
    await page.getByTestId('tab-pod').click();
    await page.getByTestId('pod-add-container').click();
    await page.getByTestId('container-1-name').fill('log-shipper');
    await page.getByTestId('container-1-image').fill('fluent/fluent-bit:3.0');
    // Its code, in Monaco.
    await page.getByTestId('tab-code').click();
    const code = page.getByTestId('code-editor');
    await expect(code.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
    await code.locator('.view-line', { hasText: 'return str(int_val)' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('return f"item {int_val}"');
    await page.keyboard.press('Escape');
    // coalesce only moves.
    await dragNode(page, 'coalesce', { x: 0, y: 160 });
    await saveVersion(page, 'sidecar, code, moved', 2);

    // History: by default the newest version against the draft, which are the same.
    await page.getByTestId('history-button').click();
    const dialog = page.getByTestId('history-dialog');
    await expect(dialog.getByTestId('version-list')).toBeVisible({ timeout: 30_000 });
    await expect(dialog.getByTestId('compare-from')).toHaveValue('2');
    await expect(dialog.getByTestId('compare-to')).toHaveValue('draft');
    expect(await seriousViolations(page), 'history list with the compare bar').toEqual([]);
    await dialog.getByTestId('compare-versions').click();
    // The comparison loads lazily (its chunk, then both versions): on a busy machine that can take a while.
    await expect(dialog.getByTestId('diff-summary')).toHaveText('No changes between v2 and Draft', { timeout: 30_000 });

    // Any two versions: v1 → v2.
    await dialog.getByTestId('compare-from').selectOption('1');
    await dialog.getByTestId('compare-to').selectOption('2');
    await expect(dialog.getByTestId('diff-summary')).toContainText('v1 → v2');
    const changed = dialog.getByTestId('diff-change-node:map_pod_task');
    await expect(changed).toHaveAttribute('data-status', 'changed');
    await expect(changed).toContainText('containers');
    await expect(changed).toContainText('code');
    await expect(dialog.getByTestId('diff-change-node:coalesce')).toHaveAttribute('data-status', 'moved');
    await expect(dialog.getByTestId('diff-changes').locator('li')).toHaveCount(2);

    // The canvas marks both, and nothing else.
    const canvas = dialog.getByTestId('diff-canvas');
    await expect(canvas).toHaveAttribute('data-ready', 'true');
    await expect(canvas.locator('.react-flow__node[data-id="map_pod_task"]')).toHaveAttribute('data-diff', 'changed');
    await expect(canvas.locator('.react-flow__node[data-id="coalesce"]')).toHaveAttribute('data-diff', 'moved');
    await expect(canvas.locator('.react-flow__node[data-diff]')).toHaveCount(2);

    // The changed node is selected first: its compiled pod, v1 on the left, v2 on the right, the sidecar only on the right.
    const editor = dialog.getByTestId('node-diff-editor');
    await expect.poll(() => diffSideText(editor, 'modified'), { timeout: 20_000 }).toContain('name: log-shipper');
    expect(await diffSideText(editor, 'modified')).toContain('image: fluent/fluent-bit:3.0');
    expect(await diffSideText(editor, 'original')).not.toContain('log-shipper');
    // Unchanged lines are folded: what is shown around the sidecar is its context.
    expect(await diffSideText(editor, 'original')).toContain('initContainers:');
    await screenshot(page, `version-diff-pod-${theme}`);
    expect(await seriousViolations(page), 'diff view').toEqual([]);

    // The code, in the same diff editor.
    await dialog.getByTestId('node-diff-tab-code').click();
    await expect.poll(() => diffSideText(editor, 'modified')).toContain('return f"item {int_val}"');
    expect(await diffSideText(editor, 'original')).toContain('return str(int_val)');

    // Keyboard: Tab to the moved node's change and choose it with Enter; its pod is shown, and said to be the same.
    const movedButton = dialog.getByTestId('diff-change-node:coalesce').getByRole('button');
    await dialog.getByTestId('diff-change-node:map_pod_task').getByRole('button').focus();
    await page.keyboard.press('Tab');
    await expect(movedButton).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(movedButton).toHaveAttribute('aria-pressed', 'true');
    await expect(dialog.getByTestId('node-diff')).toHaveAttribute('aria-label', 'Changes of coalesce');
    await expect(canvas.locator('.react-flow__node[data-id="coalesce"]')).toHaveClass(/\bselected\b/);
    await expect(dialog.getByTestId('node-diff-note')).toHaveText('The compiled pod is the same in v1 and v2.');
    await screenshot(page, `version-diff-moved-${theme}`);

    // Back to the list; the row's "Changes" compares a version with the one before it.
    await dialog.getByTestId('back-to-versions').click();
    await dialog.getByTestId('changes-2').click();
    await expect(dialog.getByTestId('diff-summary')).toContainText('v1 → v2');
    await expect(dialog.getByTestId('changes-1')).toHaveCount(0);
  });
}

test('a version that no longer compiles shows a message for that node, not a crash', async ({ app: page, api }) => {
  test.setTimeout(120_000);
  const r = await api.get('/api/examples/pod-workflow');
  const { document } = (await r.json()) as { document: { metadata: { name: string }; spec: { tasks: unknown[] } } };
  // Version 1 invokes a task it does not define (an old, broken version); the draft defines it again.
  const broken = { ...document, metadata: { ...document.metadata, name: uniqueName('diff-broken') }, spec: { ...document.spec, tasks: [] } };
  const wf = await createWorkflow(api, broken);
  expect((await api.post(`/api/workflows/${wf.id}/versions`, { data: { message: 'broken' } })).status()).toBe(201);
  const put = await api.put(`/api/workflows/${wf.id}/draft`, { data: { document: { ...broken, spec: document.spec } }, headers: { 'If-Match': String(wf.draft.revision) } });
  expect(put.ok(), await put.text()).toBe(true);
  await openEditor(page, wf.id);
  await page.getByTestId('history-button').click();
  const dialog = page.getByTestId('history-dialog');
  await dialog.getByTestId('compare-versions').click();
  await expect(dialog.getByTestId('diff-change-node:pod_task')).toHaveAttribute('data-status', 'changed', { timeout: 30_000 });
  await expect(dialog.getByTestId('node-diff-note')).toContainText('v1: pod_task does not compile in this version', { timeout: 30_000 });
  await expect.poll(() => diffSideText(dialog.getByTestId('node-diff-editor'), 'modified'), { timeout: 20_000 }).toContain('kind: Pod');
});

test("the diff canvas shows neither the draft's run status nor the draft's problems: they are not about the versions compared", async ({ app: page, api }) => {
  test.setTimeout(150_000);
  const { wf } = await fromExample(api, 'pod-workflow', 'diff-overlays');
  await openEditor(page, wf.id);
  await saveVersion(page, 'as the example', 1);
  await page.keyboard.press('Escape');

  // The draft runs, and then gets a problem: the editor's canvas shows both on the node.
  await page.getByTestId('run-button').click();
  await page.getByTestId('run-dialog').getByTestId('run-submit').click();
  const onEditor = page.getByTestId('canvas').locator('.react-flow__node[data-id="pod_task"]').getByTestId('node-pod_task');
  await expect(onEditor).toHaveAttribute('data-status', 'succeeded', { timeout: 60_000 });
  await expect(page.getByTestId('canvas').locator('.react-flow__node[data-id="pod_task"]').getByTestId('node-run')).toBeVisible();
  await node(page, 'pod_task').getByTestId('node-header').click();
  await page.getByTestId('tab-task').click();
  const section = page.getByTestId('task-section-requirements');
  await section.getByRole('button', { name: /Python packages/ }).click();
  await section.getByTestId('requirement-new').fill('not a requirement');
  await section.getByTestId('requirement-new').press('Enter');
  await expect(node(page, 'pod_task').getByTestId('node-diagnostics')).toBeVisible();
  await waitSaved(page);

  // v1 against the draft: the node is marked changed, with no run status and no problem badge.
  await page.getByTestId('history-button').click();
  const dialog = page.getByTestId('history-dialog');
  await expect(dialog.getByTestId('compare-from')).toHaveValue('1', { timeout: 30_000 });
  await dialog.getByTestId('compare-versions').click();
  const canvas = dialog.getByTestId('diff-canvas');
  await expect(canvas).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const onDiff = canvas.locator('.react-flow__node[data-id="pod_task"]');
  await expect(onDiff).toHaveAttribute('data-diff', 'changed');
  await expect(onDiff.getByTestId('node-pod_task')).not.toHaveAttribute('data-status', /./);
  await expect(onDiff.getByTestId('node-diagnostics')).toHaveCount(0);
  await expect(onDiff.getByTestId('node-run')).toHaveCount(0);
  // The editor's canvas underneath still shows both.
  await expect(onEditor).toHaveAttribute('data-status', 'succeeded');
});

test('a renamed node is one change: "renamed from" its old id on the canvas and in the list, drawn once', async ({ app: page, api }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const { wf, document } = await fromExample(api, 'map-pod-workflow', 'diff-rename');
  expect((await api.post(`/api/workflows/${wf.id}/versions`, { data: { message: 'as the example' } })).status()).toBe(201);
  // The node map_pod_task renamed to_text, as the editor's rename does: its id, the binding naming it, its layout entry.
  const spec = document.spec;
  const renamed = {
    ...spec,
    nodes: spec.nodes.map((n) => (n.id === 'map_pod_task' ? { ...n, id: 'to_text' } : n.id === 'coalesce' ? { ...n, inputs: { list_of_strings: { node: 'to_text', output: 'o0' } } } : n)),
    layout: Object.fromEntries(Object.entries(spec.layout).map(([k, v]) => [k === 'map_pod_task' ? 'to_text' : k, v])),
  };
  const put = await api.put(`/api/workflows/${wf.id}/draft`, { data: { document: { ...document, metadata: { ...document.metadata, name: wf.name }, spec: renamed } }, headers: { 'If-Match': String(wf.draft.revision) } });
  expect(put.ok(), await put.text()).toBe(true);

  await openEditor(page, wf.id);
  await page.getByTestId('history-button').click();
  const dialog = page.getByTestId('history-dialog');
  await expect(dialog.getByTestId('compare-from')).toHaveValue('1', { timeout: 30_000 });
  await dialog.getByTestId('compare-versions').click();
  const entry = dialog.getByTestId('diff-change-node:to_text');
  await expect(entry).toHaveAttribute('data-status', 'renamed', { timeout: 30_000 });
  await expect(entry).toContainText('from map_pod_task');
  await expect(dialog.getByTestId('diff-changes').locator('li')).toHaveCount(1); // no edges, no removed node
  const canvas = dialog.getByTestId('diff-canvas');
  await expect(canvas).toHaveAttribute('data-ready', 'true');
  const node = canvas.locator('.react-flow__node[data-id="to_text"]');
  await expect(node).toHaveAttribute('data-diff', 'renamed');
  await expect(node).toHaveAttribute('data-renamed-from', 'map_pod_task');
  await expect(canvas.locator('.react-flow__node[data-id="map_pod_task"]')).toHaveCount(0);
  // Its pods side by side: the old one compiled under its old id (the pod's name and labels follow the id).
  const pod = dialog.getByTestId('node-diff-editor');
  await expect.poll(() => diffSideText(pod, 'original'), { timeout: 20_000 }).toContain('podflow/node: map_pod_task');
  await expect.poll(() => diffSideText(pod, 'modified'), { timeout: 20_000 }).toContain('podflow/node: to_text');
  await expect(dialog.getByText('does not have this node')).toHaveCount(0);
  await screenshot(page, 'version-diff-renamed');
  expect(await seriousViolations(page)).toEqual([]);
});
