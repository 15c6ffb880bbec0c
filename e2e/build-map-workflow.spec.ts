import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Page } from '@playwright/test';
import { blankDoc, connect, createWorkflow, dragFromPalette, expect, getWorkflow, handle, node, openEditor, screenshot, test, uniqueName, waitSaved } from './fixtures';

/**
 * Builds the seed's map-pod-workflow on an empty canvas the way a person does: drag a workflow input, a map node and a
 * task from the palette, type each task's code in the inspector's code editor (the task and its node follow the
 * function's name), name and type the input in place, add an output, and connect the ports by dragging. The saved
 * document must have the seed's graph: nodes, tasks (name, kind, code), bindings and outputs (layout, pod specs and
 * defaults are not part of the comparison).
 */
const seed = parse(readFileSync('examples/seed/map-pod-workflow.podflow.yaml', 'utf8'));
const codeOf = (name: string): string => seed.spec.tasks.find((t: { name: string }) => t.name === name).code;

/** Replaces the code of the selected node's task by typing it, line by line, into the inspector's Monaco editor. */
async function typeTaskCode(page: Page, code: string): Promise<void> {
  await page.getByTestId('tab-code').click();
  const editor = page.getByTestId('code-editor');
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  const lines = code.replace(/\n$/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) {
      await page.keyboard.press('Escape'); // close a suggestion list, so that Enter makes a new line
      await page.keyboard.press('Enter');
      await page.keyboard.press('Shift+Home'); // type over Monaco's automatic indentation
    }
    const line = lines[i]!;
    if (line !== '') await page.keyboard.type(line);
    else if (i > 0) await page.keyboard.press('Delete');
  }
  await page.keyboard.press('Escape');
}

test('build the map-pod workflow from a blank canvas with the palette, drag and drop, and connections', async ({ app: page, api }) => {
  test.setTimeout(180_000); // types three tasks' code key by key: about 25 s on a quiet machine, past 60 s at load 30
  const wf = await createWorkflow(api, blankDoc(uniqueName('map-pod')));
  await openEditor(page, wf.id);
  await expect(page.getByTestId('empty-canvas')).toBeVisible();

  // A workflow input, named and typed in place.
  await dragFromPalette(page, page.getByTestId('palette-workflow-input'), { x: 40, y: 110 });
  const nameField = page.getByTestId('input-name-input');
  await expect(nameField).toBeFocused();
  await nameField.fill('list_of_ints');
  await nameField.press('Enter');
  await node(page, 'input:list_of_ints').getByTestId('input-type').dblclick();
  await page.getByTestId('input-type-input').fill('list[int]');
  await page.getByTestId('input-type-input').press('Enter');
  await expect(node(page, 'input:list_of_ints')).toContainText('list[int]');

  // A map node over a new task; its code names the task map_pod_task.
  await dragFromPalette(page, page.getByTestId('palette-map-task'), { x: 300, y: 60 });
  await page.getByTestId('menu-map-new').click();
  await expect(node(page, 'task_1')).toBeVisible();
  await expect(node(page, 'task_1').getByTestId('kind-badge')).toHaveText('Map');
  await typeTaskCode(page, codeOf('map_pod_task'));
  await expect(node(page, 'map_pod_task')).toBeVisible();
  await expect(node(page, 'map_pod_task')).toContainText('int_val');

  // A plain task that becomes coalesce.
  await dragFromPalette(page, page.getByTestId('palette-python-task'), { x: 300, y: 330 });
  await expect(node(page, 'task_1')).toBeVisible();
  await typeTaskCode(page, codeOf('coalesce'));
  await expect(node(page, 'coalesce')).toBeVisible();
  await expect(node(page, 'coalesce')).toContainText('list_of_strings');

  // An output: a placeholder until something is connected to it.
  await dragFromPalette(page, page.getByTestId('palette-workflow-output'), { x: 600, y: 480 });
  await expect(node(page, 'output:o0')).toBeVisible();

  await connect(page, handle(page, 'input:list_of_ints', 'value', 'source'), handle(page, 'map_pod_task', 'int_val', 'target'));
  await connect(page, handle(page, 'map_pod_task', 'o0', 'source'), handle(page, 'coalesce', 'list_of_strings', 'target'));
  await connect(page, handle(page, 'coalesce', 'o0', 'source'), handle(page, 'output:o0', 'value', 'target'));
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await expect(page.getByTestId('problems-panel')).toContainText('No problems');

  // Tidy up with the auto-layout (elk in a worker): one undo step, nothing else changes.
  await page.getByTestId('auto-layout').click();
  await expect(page.getByTestId('undo')).toHaveAttribute('title', /tidy up layout/i);
  await waitSaved(page);
  await screenshot(page, 'built-map-pod-workflow');

  const saved = (await getWorkflow(api, wf.id)).draft.document as typeof seed;
  const graph = (doc: typeof seed) => ({
    inputs: (doc.spec.inputs ?? []).map((i: { name: string; type: string }) => ({ name: i.name, type: i.type })),
    outputs: (doc.spec.outputs ?? []).map((o: { name: string; from: unknown }) => ({ name: o.name, from: o.from })),
    tasks: Object.fromEntries(
      (doc.spec.tasks ?? []).map((t: { name: string; type: string; code: string }) => [t.name, { type: t.type, code: t.code.replace(/\n+$/, '') }]),
    ),
    nodes: (doc.spec.nodes ?? [])
      .map((n: { id: string; task: string; map?: unknown; inputs?: unknown }) => ({ id: n.id, task: n.task, mapped: n.map !== undefined, inputs: n.inputs ?? {} }))
      .sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id)),
  });
  expect(graph(saved)).toEqual(graph(seed));
});
