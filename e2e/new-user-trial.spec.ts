import type { Locator, Page } from '@playwright/test';
import { createWorkflow, dragFromPalette, expect, getWorkflow, mod, node, openEditor, screenshot, test, uniqueName, waitSaved } from './fixtures';

/**
 * The new-user trial of issue #16, replayed: each test does what the trial did (with the mouse and the keyboard)
 * and checks the fix of what it tripped over.
 */

const task = (name: string, code: string) => ({ name, type: 'python', code });
const doc = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'podflow/v1alpha1', kind: 'Workflow', metadata: { name }, spec });

async function focusEditor(page: Page, testId: string): Promise<Locator> {
  const editor = page.getByTestId(testId);
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await editor.locator('.view-lines').click();
  return editor;
}
const editorText = async (editor: Locator) => (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');

async function selectNode(page: Page, id: string): Promise<void> {
  await node(page, id).getByTestId('node-header').click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-selection', `node:${id}`);
}

test('bug 1: deleting the last node of a task offers to remove the task (undoable); tasks are renamed and deleted from the palette', async ({ app: page, api }) => {
  const wf = await createWorkflow(api, doc(uniqueName('orphan'), {}));
  await openEditor(page, wf.id);
  await dragFromPalette(page, page.getByTestId('palette-python-task'), { x: 200, y: 160 });
  await expect(node(page, 'task_1')).toBeVisible();
  await page.keyboard.press('Escape');
  await selectNode(page, 'task_1');
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('Delete');
  await expect(node(page, 'task_1')).toHaveCount(0);

  // The task is left in the palette ("not on canvas") until the offer is taken.
  await expect(page.getByTestId('palette-task-task_1')).toContainText('not on canvas');
  const offer = page.getByTestId('toast').filter({ hasText: 'No node uses task task_1 any more' });
  await expect(offer).toBeVisible();
  await screenshot(page, 'trial-orphan-offer');
  await offer.getByTestId('remove-orphaned-tasks').click();
  await expect(page.getByTestId('palette-task-task_1')).toHaveCount(0);
  await waitSaved(page);
  expect((await getWorkflow(api, wf.id)).draft.document.spec.tasks ?? []).toEqual([]);

  // Removing the task is its own undo step: undo brings the task back, not the node.
  await page.getByTestId('canvas').focus();
  await page.keyboard.press(`${mod}+z`);
  await expect(page.getByTestId('palette-task-task_1')).toBeVisible();
  await expect(node(page, 'task_1')).toHaveCount(0);

  // Rename from the palette (the button, then type): the task and its function follow.
  const row = page.getByTestId('palette-task-task_1').locator('xpath=..');
  await row.hover();
  await page.getByTestId('rename-task-task_1').click();
  const field = page.getByTestId('palette-task-name-task_1-input');
  await field.fill('load_data');
  await field.press('Enter');
  await expect(page.getByTestId('palette-task-load_data')).toBeVisible();
  await waitSaved(page);
  const renamed = (await getWorkflow(api, wf.id)).draft.document.spec.tasks as { name: string; code: string }[];
  expect(renamed.map((t) => t.name)).toEqual(['load_data']);
  expect(renamed[0]!.code).toContain('def load_data(');

  // A bad name is refused beside the field.
  await page.getByTestId('palette-task-load_data').locator('xpath=..').hover();
  await page.getByTestId('rename-task-load_data').click();
  await page.getByTestId('palette-task-name-load_data-input').fill('2bad');
  await page.getByTestId('palette-task-name-load_data-input').press('Enter');
  await expect(page.getByTestId('palette').getByRole('alert')).toContainText('not a valid task name');
  await page.getByTestId('palette-task-name-load_data-input').press('Escape');

  // A task still on the canvas cannot be deleted: the palette says which node uses it.
  await page.getByTestId('palette-task-load_data').focus();
  await page.keyboard.press('Tab'); // to the rename button, shown while the row has focus
  await page.keyboard.press('Tab'); // to the delete button
  await expect(page.getByTestId('delete-task-load_data')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette-task-load_data')).toHaveCount(0);
  await page.getByTestId('canvas').focus();
  await page.keyboard.press(`${mod}+z`);
  await expect(page.getByTestId('palette-task-load_data')).toBeVisible();
  await dragFromPalette(page, page.getByTestId('palette-task-load_data'), { x: 300, y: 300 });
  await expect(page.getByTestId('palette-task-load_data')).toContainText('1 node');
  await page.getByTestId('palette-task-load_data').locator('xpath=..').hover();
  await page.getByTestId('delete-task-load_data').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Cannot delete' })).toContainText('still invoked by node');
  await expect(page.getByTestId('palette-task-load_data')).toBeVisible();
  await screenshot(page, 'trial-palette-task-actions');
});

test('bug 2: a reload right after typing in the code editor keeps the edit, and the header never says Saved meanwhile', async ({ app: page, api }) => {
  const wf = await createWorkflow(
    api,
    doc(uniqueName('reload-typing'), { tasks: [task('hello', 'def hello() -> str:\n    return "hi"\n')], nodes: [{ id: 'hello', task: 'hello' }] }),
  );
  await openEditor(page, wf.id);
  await selectNode(page, 'hello');
  await page.getByTestId('tab-code').click();
  await focusEditor(page, 'code-editor');
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type('# typed just before the reload');
  // The editor hands the edit to the document after a pause; until then it is not saved.
  await expect(page.getByTestId('save-state')).not.toHaveAttribute('data-status', 'saved');
  await page.reload();
  await expect(page.locator('[data-testid="canvas"][data-ready="true"]')).toBeVisible();
  await selectNode(page, 'hello');
  await page.getByTestId('tab-code').click();
  const editor = page.getByTestId('code-editor');
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => editorText(editor)).toContain('# typed just before the reload');
  await waitSaved(page);
  const saved = (await getWorkflow(api, wf.id)).draft.document.spec.tasks as { code: string }[];
  expect(saved[0]!.code).toContain('# typed just before the reload');
});

test('bug 3: pod YAML that was never applied is kept across a reload and offered back', async ({ app: page, api }) => {
  const wf = await createWorkflow(
    api,
    doc(uniqueName('yaml-draft'), { tasks: [task('hello', 'def hello() -> str:\n    return "hi"\n')], nodes: [{ id: 'hello', task: 'hello' }] }),
  );
  await openEditor(page, wf.id);
  await selectNode(page, 'hello');
  await page.getByTestId('tab-yaml').click();
  await focusEditor(page, 'pod-yaml-editor');
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type('nodeSelector: [not, a, map');
  await expect(page.getByTestId('pod-yaml-status')).toHaveText('Not applied');
  await page.reload();
  await expect(page.locator('[data-testid="canvas"][data-ready="true"]')).toBeVisible();
  await selectNode(page, 'hello');
  await page.getByTestId('tab-yaml').click();
  await expect(page.getByTestId('pod-yaml-offer')).toContainText('Unapplied YAML');
  await screenshot(page, 'trial-yaml-offer');
  await page.getByTestId('pod-yaml-restore').click();
  await expect(page.getByTestId('pod-yaml-offer')).toHaveCount(0);
  await expect.poll(() => editorText(page.getByTestId('pod-yaml-editor'))).toContain('nodeSelector: [not, a, map');
  await expect(page.getByTestId('pod-yaml-status')).toHaveText('Not applied');

  // Reverting forgets the kept text: the next reload offers nothing.
  await page.getByTestId('pod-yaml-revert').click();
  await page.reload();
  await expect(page.locator('[data-testid="canvas"][data-ready="true"]')).toBeVisible();
  await selectNode(page, 'hello');
  await page.getByTestId('tab-yaml').click();
  await expect(page.getByTestId('pod-yaml-status')).toHaveText('In sync');
  await expect(page.getByTestId('pod-yaml-offer')).toHaveCount(0);
});

test('bug 5: the run dialog shows the blocking problems with links, and names empty inputs as missing', async ({ app: page, api }) => {
  const broken = await createWorkflow(
    api,
    doc(uniqueName('blocked'), {
      inputs: [{ name: 'n', type: 'int' }],
      tasks: [task('square', 'def square(x: int) -> int:\n    return x * x\n')],
      nodes: [{ id: 'square', task: 'square' }],
    }),
  );
  await openEditor(page, broken.id);
  await page.getByTestId('run-button').click();
  const dialog = page.getByTestId('run-dialog');
  const blocking = dialog.getByTestId('run-blocking');
  await expect(blocking).toContainText('One problem blocks this run');
  await expect(blocking).toContainText('square');
  await expect(dialog.getByTestId('run-submit')).toBeDisabled();
  await screenshot(page, 'trial-run-blocked');
  await blocking.getByTestId('run-blocking-link').first().click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-selection', 'node:square');

  // Bind the input, and the dialog has nothing blocking; an empty required input is called missing.
  await api.put(`/api/workflows/${broken.id}/draft`, {
    headers: { 'If-Match': String((await getWorkflow(api, broken.id)).draft.revision) },
    data: {
      document: doc(broken.name, {
        inputs: [{ name: 'n', type: 'int' }],
        tasks: [task('square', 'def square(x: int) -> int:\n    return x * x\n')],
        nodes: [{ id: 'square', task: 'square', inputs: { x: { input: 'n' } } }],
      }),
    },
  });
  await openEditor(page, broken.id);
  await page.getByTestId('run-button').click();
  await expect(dialog.getByTestId('run-blocking')).toHaveCount(0);
  await dialog.getByTestId('run-submit').click();
  await expect(dialog.getByTestId('run-input-n-error')).toHaveText('Required: enter a whole number');
  await expect(dialog.getByTestId('run-dialog-footnote')).toHaveText('Missing input: n.');
  await screenshot(page, 'trial-run-missing');
});

test('bug 6: each click on an example makes a numbered copy; the home list searches, sorts and shows the last run', async ({ app: page, api }) => {
  // Other tests share this server: count only this example's copies.
  const names = async () =>
    ((await (await api.get('/api/workflows')).json()) as { name: string }[]).map((w) => w.name).filter((n) => /^dynamic-pod-workflow(-\d+)?$/.test(n));
  const before = await names();
  for (let i = 0; i < 2; i++) {
    await page.goto('/');
    await page.getByTestId('example-dynamic-pod-workflow').click();
    await expect(page.locator('[data-testid="canvas"][data-ready="true"]')).toBeVisible();
  }
  const after = await names();
  expect(after).toHaveLength(before.length + 2);
  // The two new copies: named apart from each other and from every workflow already there (another test, an import
  // say, may have made a same-named workflow before).
  const fresh = [...after];
  for (const n of before) fresh.splice(fresh.indexOf(n), 1);
  expect(new Set(fresh).size).toBe(2);
  for (const n of fresh) expect(before).not.toContain(n);
  if (before.length === 0) expect(after.sort()).toEqual(['dynamic-pod-workflow', 'dynamic-pod-workflow-2']);

  // A run shows on the home list as the workflow's last run.
  const wf = await createWorkflow(api, doc(uniqueName('listed'), { tasks: [task('hello', 'def hello() -> str:\n    return "hi"\n')], nodes: [{ id: 'hello', task: 'hello' }] }));
  const run = await api.post('/api/runs', { data: { workflowId: wf.id } });
  expect(run.status()).toBe(201);
  const runId = ((await run.json()) as { id: string }).id;
  await expect.poll(async () => ((await (await api.get(`/api/runs/${runId}`)).json()) as { status: string }).status, { timeout: 60_000 }).toBe('succeeded');
  await page.goto('/');
  await page.getByTestId('home-search').fill(wf.name);
  await expect(page.getByTestId('workflow-list').locator('li')).toHaveCount(1);
  await expect(page.getByTestId(`last-run-${wf.name}`)).toHaveAttribute('data-status', 'succeeded');
  await page.getByTestId('home-search').fill('no-such-workflow-anywhere');
  await expect(page.getByTestId('home-no-match')).toBeVisible();
  await page.getByTestId('home-search').fill('');
  await page.getByTestId('home-sort').selectOption('last-run');
  await expect(page.getByTestId('workflow-list').locator('li').first()).toContainText(wf.name);
  await screenshot(page, 'trial-home-list');
});

test('bug 7: long problem messages are readable in full, and map progress is said in words', async ({ app: page, api }) => {
  const long = 'x'.repeat(30);
  const wf = await createWorkflow(
    api,
    doc(uniqueName('legible'), {
      tasks: [task('square', 'def square(x: int) -> int:\n    return x * x\n')],
      nodes: [{ id: 'square', task: 'square', inputs: { x: { input: `missing_input_with_a_long_name_${long}` } } }],
    }),
  );
  await openEditor(page, wf.id);
  // The message is the element that holds the text.
  const message = page.getByTestId('problem').first().getByText(long);
  await expect(message).toBeVisible();
  // Nothing cut off: the text's full width fits its box (it wraps instead of ending in "…").
  expect(await message.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);

  const map = await createWorkflow(api, {
    ...((await (await api.get('/api/examples/map-pod-workflow')).json()) as { document: Record<string, unknown> }).document,
    metadata: { name: uniqueName('map-words') },
  });
  await openEditor(page, map.id);
  await page.getByTestId('run-button').click();
  await page.getByTestId('run-dialog').getByTestId('run-submit').click();
  await expect(page.getByTestId('run-panel')).toHaveAttribute('data-run-status', 'succeeded', { timeout: 60_000 });
  await expect(page.getByTestId('exec-items-map_pod_task')).toHaveText('3 of 3 items done');
  await screenshot(page, 'trial-run-panel-words');
});

test('bug 8: keyboard only — the breadcrumb shows focus, a keyboard-added node lands clear of others, and ports connect from a list', async ({ app: page, api }) => {
  const wf = await createWorkflow(
    api,
    doc(uniqueName('keyboard'), {
      tasks: [task('make', 'def make() -> int:\n    return 2\n'), task('square', 'def square(x: int) -> int:\n    return x * x\n')],
      nodes: [
        { id: 'make', task: 'make' },
        { id: 'square', task: 'square' },
      ],
    }),
  );
  await openEditor(page, wf.id);

  // The "Workflows" breadcrumb draws a focus ring when reached with Tab.
  const crumb = page.getByTestId('workflows-menu');
  await crumb.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(crumb).toBeFocused();
  expect(await crumb.evaluate((el) => getComputedStyle(el).boxShadow)).not.toBe('none');

  // Add two tasks from the palette with Enter: neither covers another node.
  for (let i = 0; i < 2; i++) {
    await page.getByTestId('palette-python-task').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
  }
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  const boxes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height })));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h, `nodes ${i} and ${j} overlap`).toBe(false);
    }
  }

  // Connect make.o0 → square.x without the mouse: select make, press C, Tab to the target, Enter.
  await selectNode(page, 'make');
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('c');
  const dialog = page.getByTestId('connect-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('square · x');
  await screenshot(page, 'trial-connect-dialog');
  await dialog.getByTestId('connect-o0-to-square-x').focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await waitSaved(page);
  const nodes = (await getWorkflow(api, wf.id)).draft.document.spec.nodes as { id: string; inputs?: Record<string, unknown> }[];
  expect(nodes.find((n) => n.id === 'square')?.inputs).toEqual({ x: { node: 'make', output: 'o0' } });
});

test('asked for next: "Run this node" from the Code tab, with inputs typed in or taken from the last run', async ({ app: page, api }) => {
  const wf = await createWorkflow(
    api,
    doc(uniqueName('run-node'), {
      inputs: [{ name: 'n', type: 'int', default: 5 }],
      tasks: [
        task('square', 'def square(x: int) -> int:\n    return x * x\n'),
        task('describe', 'def describe(value: int, label: str = "value") -> str:\n    return f"{label}={value}"\n'),
      ],
      nodes: [
        { id: 'square', task: 'square', inputs: { x: { input: 'n' } } },
        { id: 'describe', task: 'describe', inputs: { value: { node: 'square', output: 'o0' } } },
      ],
      layout: { 'input:n': { x: 0, y: 0 }, square: { x: 300, y: 0 }, describe: { x: 640, y: 0 } },
    }),
  );
  await openEditor(page, wf.id);
  await selectNode(page, 'describe');
  await page.getByTestId('tab-code').click();
  await page.getByTestId('run-this-node').click();
  const dialog = page.getByTestId('run-dialog');
  await expect(dialog).toContainText('Run node describe alone');
  // No run yet: every value is typed. The port with a default may stay empty.
  await expect(dialog.getByTestId('run-only-source')).toHaveValue('');
  await dialog.getByTestId('run-submit').click();
  await expect(dialog.getByTestId('run-input-value-error')).toHaveText('Required: enter a whole number');
  await dialog.getByTestId('run-input-value').fill('12');
  await screenshot(page, 'trial-run-this-node');
  await dialog.getByTestId('run-submit').click();
  await expect(dialog).toHaveCount(0);
  const panel = page.getByTestId('run-panel');
  await expect(panel).toHaveAttribute('data-run-status', 'succeeded', { timeout: 60_000 });
  await expect(panel).toContainText('value=12');

  // Run the whole workflow; then "Run this node" takes the upstream output of that run (25), and a typed label.
  await page.getByTestId('run-button').click();
  await page.getByTestId('run-dialog').getByTestId('run-submit').click();
  await expect(panel).toHaveAttribute('data-run-status', 'succeeded', { timeout: 60_000 });
  await selectNode(page, 'describe');
  await page.getByTestId('tab-code').click();
  await page.getByTestId('run-this-node').click();
  await expect(dialog.getByTestId('run-only-source')).not.toHaveValue('');
  await expect(dialog.getByTestId('run-input-value')).toHaveValue('25');
  await dialog.getByTestId('run-input-label').fill('five squared');
  await dialog.getByTestId('run-submit').click();
  await expect(panel).toHaveAttribute('data-run-status', 'succeeded', { timeout: 60_000 });
  await expect(panel).toContainText('five squared=25');
  const runs = ((await (await api.get(`/api/runs?workflowId=${wf.id}`)).json()) as { runs: { id: string }[] }).runs;
  const newest = (await (await api.get(`/api/runs/${runs[0]!.id}`)).json()) as { options: { only?: { node: string; inputs: Record<string, unknown> } }; executions: { executionId: string }[] };
  expect(newest.options.only).toMatchObject({ node: 'describe', inputs: { value: 25, label: 'five squared' } });
  expect(newest.executions.map((e) => e.executionId)).toEqual(['describe']);
});
