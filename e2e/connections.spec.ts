import { createWorkflow, expect, getWorkflow, handle, hoverConnection, node, openEditor, screenshot, test, uniqueName, waitSaved } from './fixtures';

const task = (name: string, code: string) => ({ name, type: 'python', code });

test('a connection whose types do not fit is refused, and the reason is shown', async ({ app: page, api }) => {
  const wf = await createWorkflow(api, {
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name: uniqueName('types') },
    spec: {
      tasks: [task('make_text', 'def make_text() -> str:\n    return "a"\n'), task('square', 'def square(x: int) -> int:\n    return x * x\n')],
      nodes: [
        { id: 'make_text', task: 'make_text' },
        { id: 'square', task: 'square' },
      ],
      layout: { make_text: { x: 0, y: 0 }, square: { x: 400, y: 0 } },
    },
  });
  await openEditor(page, wf.id);
  await expect(node(page, 'square')).toBeVisible();

  await hoverConnection(page, handle(page, 'make_text', 'o0', 'source'), handle(page, 'square', 'x', 'target'));
  const hint = page.getByTestId('connection-hint');
  await expect(hint).toBeVisible();
  await expect(hint).toContainText('Type mismatch');
  await expect(hint).toContainText('str');
  await expect(hint).toContainText('int');
  // While dragging, the input that would refuse is marked as such.
  await expect(handle(page, 'square', 'x', 'target')).toHaveAttribute('data-refused', 'true');
  await screenshot(page, 'connection-refused');
  await page.mouse.up();

  await expect(page.getByTestId('toast').filter({ hasText: 'Type mismatch' })).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  await page.waitForTimeout(800);
  const saved = await getWorkflow(api, wf.id);
  const nodes = saved.draft.document.spec.nodes as { id: string; inputs?: unknown }[];
  expect(nodes.find((n) => n.id === 'square')?.inputs).toBeUndefined();
});

test('a cycle cannot be made', async ({ app: page, api }) => {
  const code = 'def step(x: int) -> int:\n    return x + 1\n';
  const wf = await createWorkflow(api, {
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name: uniqueName('cycle') },
    spec: {
      tasks: [task('step', code)],
      nodes: [
        { id: 'first', task: 'step', inputs: { x: { value: 1 } } },
        { id: 'second', task: 'step', inputs: { x: { node: 'first', output: 'o0' } } },
        { id: 'third', task: 'step', inputs: { x: { node: 'second', output: 'o0' } } },
      ],
      layout: { first: { x: 0, y: 0 }, second: { x: 360, y: 0 }, third: { x: 720, y: 0 } },
    },
  });
  await openEditor(page, wf.id);
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);

  // third → first would close the loop first → second → third.
  await hoverConnection(page, handle(page, 'third', 'o0', 'source'), handle(page, 'first', 'x', 'target'));
  await expect(page.getByTestId('connection-hint')).toContainText('cycle');
  await page.mouse.up();
  await expect(page.getByTestId('toast').filter({ hasText: 'cycle' })).toBeVisible();

  // A node cannot take its own output either.
  await hoverConnection(page, handle(page, 'second', 'o0', 'source'), handle(page, 'second', 'x', 'target'));
  await page.mouse.up();

  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await waitSaved(page);
  const nodes = (await getWorkflow(api, wf.id)).draft.document.spec.nodes as { id: string; inputs?: Record<string, unknown> }[];
  expect(nodes.find((n) => n.id === 'first')?.inputs).toEqual({ x: { value: 1 } });
  expect(nodes.find((n) => n.id === 'second')?.inputs).toEqual({ x: { node: 'first', output: 'o0' } });
});

test('an input takes one binding: connecting again replaces the old edge', async ({ app: page, api }) => {
  const code = (n: string) => `def ${n}() -> int:\n    return 1\n`;
  const wf = await createWorkflow(api, {
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name: uniqueName('rebind') },
    spec: {
      tasks: [task('one', code('one')), task('two', code('two')), task('use', 'def use(x: float) -> float:\n    return x\n')],
      nodes: [
        { id: 'one', task: 'one' },
        { id: 'two', task: 'two' },
        { id: 'use', task: 'use', inputs: { x: { node: 'one', output: 'o0' } } },
      ],
      layout: { one: { x: 0, y: 0 }, two: { x: 0, y: 200 }, use: { x: 400, y: 100 } },
    },
  });
  await openEditor(page, wf.id);
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  // int → float fits.
  await hoverConnection(page, handle(page, 'two', 'o0', 'source'), handle(page, 'use', 'x', 'target'));
  await page.mouse.up();
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await waitSaved(page);
  const nodes = (await getWorkflow(api, wf.id)).draft.document.spec.nodes as { id: string; inputs?: Record<string, unknown> }[];
  expect(nodes.find((n) => n.id === 'use')?.inputs).toEqual({ x: { node: 'two', output: 'o0' } });
});
