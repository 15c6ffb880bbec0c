import { blankDoc, createWorkflow, expect, getWorkflow, mod, node, openEditor, test, uniqueName, waitSaved } from './fixtures';

test('copy nodes in one workflow and paste them into another through the clipboard', async ({ app: page, api }) => {
  const code = 'def square(x: int) -> int:\n    return x * x\n';
  const source = await createWorkflow(api, {
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name: uniqueName('copy-from') },
    spec: {
      tasks: [{ name: 'square', type: 'python', code }],
      nodes: [
        { id: 'square', task: 'square', inputs: { x: { value: 3 } } },
        { id: 'square_2', task: 'square', inputs: { x: { node: 'square', output: 'o0' } } },
      ],
      layout: { square: { x: 0, y: 0 }, square_2: { x: 360, y: 0 } },
    },
  });
  const target = await createWorkflow(api, blankDoc(uniqueName('paste-to')));

  await openEditor(page, source.id);
  await page.keyboard.press(`${mod}+a`);
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await page.keyboard.press(`${mod}+c`);
  await expect(page.getByTestId('toast').filter({ hasText: 'Copied 2 nodes' })).toBeVisible();
  // The system clipboard holds the nodes as YAML.
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toContain('def square(x: int)');
  expect(text).toContain('square_2');

  await openEditor(page, target.id);
  await expect(page.getByTestId('empty-canvas')).toBeVisible();
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  await page.mouse.move(canvas.x + 200, canvas.y + 200);
  await page.keyboard.press(`${mod}+v`);
  await expect(node(page, 'square')).toBeVisible();
  await expect(node(page, 'square_2')).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);

  await waitSaved(page);
  const doc = (await getWorkflow(api, target.id)).draft.document;
  expect((doc.spec.tasks as { name: string; code: string }[]).map((t) => [t.name, t.code])).toEqual([['square', code]]);
  expect(doc.spec.nodes).toEqual([
    { id: 'square', task: 'square', inputs: { x: { value: 3 } } },
    { id: 'square_2', task: 'square', inputs: { x: { node: 'square', output: 'o0' } } },
  ]);

  // Pasting again into the same workflow gives fresh ids and reuses the identical task.
  await page.keyboard.press(`${mod}+v`);
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await waitSaved(page);
  const again = (await getWorkflow(api, target.id)).draft.document;
  expect((again.spec.tasks as unknown[]).length).toBe(1);
  expect((again.spec.nodes as { id: string }[]).map((n) => n.id).sort()).toEqual(['square', 'square_2', 'square_3', 'square_4']);
});
