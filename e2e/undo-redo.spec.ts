import { blankDoc, connect, createWorkflow, dragFromPalette, dragNode, expect, handle, mod, node, openEditor, test, uniqueName } from './fixtures';
import type { Page } from '@playwright/test';

const transformOf = (page: Page, id: string) => node(page, id).evaluate((el) => (el as HTMLElement).style.transform);

test('undo and redo step through add, connect, move (one step per drag) and delete', async ({ app: page, api }) => {
  const wf = await createWorkflow(api, blankDoc(uniqueName('undo')));
  await openEditor(page, wf.id);
  const undo = page.getByTestId('undo');
  const redo = page.getByTestId('redo');
  await expect(undo).toBeDisabled();

  await dragFromPalette(page, page.getByTestId('palette-python-task'), { x: 80, y: 120 }); // step 1: add task_1
  await dragFromPalette(page, page.getByTestId('palette-python-task'), { x: 460, y: 260 }); // step 2: add task_2
  await expect(node(page, 'task_2')).toBeVisible();
  await connect(page, handle(page, 'task_1', 'o0', 'source'), handle(page, 'task_2', 'x', 'target')); // step 3
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);

  const before = await transformOf(page, 'task_2');
  await dragNode(page, 'task_2', { x: 120, y: 90 }); // step 4: one drag, many pointer moves
  const after = await transformOf(page, 'task_2');
  expect(after).not.toBe(before);

  await node(page, 'task_1').getByTestId('node-header').click();
  await page.keyboard.press('Delete'); // step 5
  await expect(node(page, 'task_1')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);

  // Undo, one step at a time.
  await undo.click();
  await expect(node(page, 'task_1')).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await page.keyboard.press(`${mod}+z`);
  expect(await transformOf(page, 'task_2')).toBe(before); // the whole drag is undone at once
  await undo.click();
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  await undo.click();
  await expect(node(page, 'task_2')).toHaveCount(0);
  await undo.click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await expect(undo).toBeDisabled();

  // And forward again.
  await redo.click();
  await redo.click();
  await expect(node(page, 'task_2')).toBeVisible();
  await page.keyboard.press(`${mod}+Shift+z`);
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await redo.click();
  await expect.poll(() => transformOf(page, 'task_2')).toBe(after);
  await redo.click();
  await expect(node(page, 'task_1')).toHaveCount(0);
  await expect(redo).toBeDisabled();
});

test('select several, duplicate and delete with the keyboard; box-select with the mouse', async ({ app: page, api }) => {
  const wf = await createWorkflow(api, blankDoc(uniqueName('select')));
  await openEditor(page, wf.id);
  await dragFromPalette(page, page.getByTestId('palette-python-task'), { x: 80, y: 100 });
  await dragFromPalette(page, page.getByTestId('palette-python-task'), { x: 80, y: 300 });
  await expect(page.locator('.react-flow__node')).toHaveCount(2);

  // Box-select both by dragging on the empty canvas.
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  await page.mouse.move(canvas.x + 20, canvas.y + 40);
  await page.mouse.down();
  await page.mouse.move(canvas.x + 420, canvas.y + 520, { steps: 10 });
  await page.mouse.up();
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);

  await page.keyboard.press(`${mod}+d`);
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2); // the copies
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node')).toHaveCount(2);

  // Shift-click adds to the selection.
  await node(page, 'task_1').getByTestId('node-header').click();
  await node(page, 'task_2').getByTestId('node-header').click({ modifiers: ['Shift'] });
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await page.keyboard.press('Backspace');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await page.keyboard.press(`${mod}+z`);
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
});
