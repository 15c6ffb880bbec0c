import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { createWorkflow, expect, node, openEditor, screenshot, test, uniqueName } from './fixtures';

/**
 * Runs in the browser, against the real server and its local executor: the run dialog, live status on the canvas,
 * logs per container, attempts, cancel, re-run from a failed node, history with the version a run ran, a reload in
 * the middle of a run. Every run is started from the UI; the API only sets workflows up and checks what the UI shows.
 */
test.describe.configure({ timeout: 120_000 });

async function fromExample(api: APIRequestContext, name: string): Promise<string> {
  const r = await api.get(`/api/examples/${name}`);
  expect(r.ok()).toBe(true);
  const { document } = (await r.json()) as { document: Record<string, unknown> & { metadata: { name: string } } };
  const wf = await createWorkflow(api, { ...document, metadata: { ...document.metadata, name: uniqueName(name) } });
  return wf.id;
}

interface TaskSpec {
  name: string;
  code: string;
  retries?: number;
}
/** A chain of python tasks, each node named after its task, each taking the previous one's `o0` as `x`. */
async function chainWorkflow(api: APIRequestContext, name: string, tasks: TaskSpec[], output?: string): Promise<string> {
  const nodes = tasks.map((t, i) => ({
    id: t.name,
    task: t.name,
    ...(i > 0 ? { inputs: { x: { node: tasks[i - 1]!.name, output: 'o0' } } } : {}),
  }));
  const layout = Object.fromEntries(tasks.map((t, i) => [t.name, { x: i * 340, y: 0 }]));
  const wf = await createWorkflow(api, {
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name: uniqueName(name) },
    spec: {
      ...(output ? { outputs: [{ name: 'o0', type: 'str', from: { node: output, output: 'o0' } }] } : {}),
      tasks: tasks.map((t) => ({ name: t.name, type: 'python', code: t.code, ...(t.retries !== undefined ? { retries: t.retries } : {}) })),
      nodes,
      layout: { ...layout, ...(output ? { 'output:o0': { x: tasks.length * 340, y: 0 } } : {}) },
    },
  });
  return wf.id;
}

const panel = (page: Page): Locator => page.getByTestId('run-panel');

/** Opens the run dialog from the header, optionally fills inputs, and runs. */
async function runFromDialog(page: Page, inputs: Record<string, string> = {}): Promise<string> {
  await page.getByTestId('run-button').click();
  const dialog = page.getByTestId('run-dialog');
  await expect(dialog).toBeVisible();
  for (const [name, value] of Object.entries(inputs)) await dialog.getByTestId(`run-input-${name}`).fill(value);
  await dialog.getByTestId('run-submit').click();
  await expect(dialog).toHaveCount(0);
  await expect(panel(page)).toHaveAttribute('data-run-id', /^run_/);
  return (await panel(page).getAttribute('data-run-id'))!;
}

async function waitRunEnds(page: Page, status: 'succeeded' | 'failed' | 'cancelled', timeout = 60_000): Promise<void> {
  await expect(panel(page)).toHaveAttribute('data-run-status', status, { timeout });
}

const nodeRun = (page: Page, id: string): Locator => node(page, id).getByTestId('node-run');

async function runRecord(api: APIRequestContext, id: string) {
  const r = await api.get(`/api/runs/${id}`);
  expect(r.ok()).toBe(true);
  return (await r.json()) as {
    status: string;
    lastSeq: number;
    version: number;
    outputs: Record<string, unknown> | null;
    executions: { executionId: string; status: string; attempts: { attempt: number }[] }[];
  };
}

test('pod-workflow: run from the header, live status on the node, output in the run view', async ({ app: page, api }) => {
  const id = await fromExample(api, 'pod-workflow');
  await openEditor(page, id);
  await page.getByTestId('run-button').click();
  const dialog = page.getByTestId('run-dialog');
  await expect(dialog).toContainText('This workflow has no inputs.');
  // The local executor's limits are said once, in the dialog, and can be dismissed for good.
  await expect(dialog.getByTestId('local-limits')).toContainText('Images are not pulled');
  await expect(dialog.getByTestId('local-limits')).toContainText('share the host network');
  await expect(dialog.getByTestId('local-limits')).toContainText('Resource limits are not enforced');
  await dialog.getByTestId('dismiss-local-limits').click();
  await expect(dialog.getByTestId('local-limits')).toHaveCount(0);
  await dialog.getByTestId('run-submit').click();

  await waitRunEnds(page, 'succeeded');
  await expect(nodeRun(page, 'pod_task')).toHaveAttribute('data-status', 'succeeded');
  await expect(node(page, 'pod_task').getByTestId('node-pod_task')).toHaveAttribute('data-status', 'succeeded');
  await panel(page).getByTestId('exec-run').click();
  await expect(panel(page).getByTestId('run-output-o0')).toHaveText('Hello from pod task!');

  // Re-run with the same inputs and executor: a new run.
  const first = (await panel(page).getAttribute('data-run-id'))!;
  await panel(page).getByTestId('rerun').click();
  await expect(panel(page)).not.toHaveAttribute('data-run-id', first);
  await waitRunEnds(page, 'succeeded');

  // The notice stays dismissed. A Kubernetes context that does not exist is refused beside the executor's fields.
  await page.getByTestId('run-button').click();
  const again = page.getByTestId('run-dialog');
  await expect(again).toBeVisible();
  await expect(again.getByTestId('local-limits')).toHaveCount(0);
  await again.getByTestId('executor-kubernetes').click();
  await again.getByTestId('k8s-context').fill('no-such-context');
  await again.getByTestId('k8s-namespace').fill('podflow-e2e');
  await again.getByTestId('run-submit').click();
  await expect(again.getByRole('alert').filter({ hasText: 'no-such-context' })).toBeVisible();
  // The executor's API limit (advanced, folded away): checked by the server's rule as it is typed, then sent.
  await expect(again.getByTestId('k8s-qps')).toHaveCount(0);
  await again.getByTestId('k8s-advanced').click();
  await again.getByTestId('k8s-qps').fill('-1');
  await again.getByTestId('k8s-burst').fill('2.5');
  await expect(again.getByTestId('k8s-qps')).toHaveAttribute('aria-invalid', 'true');
  await expect(again.getByText('expected a number of API calls a second ≥ 0 (0: no limit)')).toBeVisible();
  await expect(again.getByText('expected a whole number of API calls', { exact: true })).toBeVisible();
  await again.screenshot({ path: test.info().outputPath('run-dialog-api-limit.png') });
  await again.getByTestId('k8s-qps').fill('20');
  await again.getByTestId('k8s-burst').fill('40');
  const posted = page.waitForRequest((r) => r.url().endsWith('/api/runs') && r.method() === 'POST');
  await again.getByTestId('run-submit').click();
  expect((await posted).postDataJSON().kubernetes).toEqual({ context: 'no-such-context', namespace: 'podflow-e2e', qps: 20, burst: 40 });
  await expect(again.getByRole('alert').filter({ hasText: 'no-such-context' })).toBeVisible();
  await again.getByTestId('executor-local').click();
  await page.keyboard.press('Escape');
  await expect(again).toHaveCount(0);
});

test('multiple-containers-pod-workflow: the secondary container beside the primary, both exit 0', async ({ app: page, api }) => {
  const id = await fromExample(api, 'multiple-containers-pod-workflow');
  await openEditor(page, id);
  await runFromDialog(page);
  await waitRunEnds(page, 'succeeded');
  await expect(panel(page).getByTestId('run-output-o0')).toHaveText('hi pod world\n');

  await panel(page).getByTestId('exec-multiple_containers_pod_task').getByRole('button', { name: 'multiple_containers_pod_task' }).click();
  const details = panel(page).getByTestId('exec-details');
  await details.getByTestId('details-tab-logs').click();
  await expect(details.getByTestId('container-primary')).toBeVisible();
  await expect(details.getByTestId('container-secondary')).toBeVisible();
  await expect(details.getByTestId('exit-primary')).toHaveText('exit 0');
  await expect(details.getByTestId('exit-secondary')).toHaveText('exit 0');
  await details.getByTestId('details-tab-attempts').click();
  await expect(details.getByTestId('attempt-0')).toContainText('secondary: exit 0');
});

test('map-pod-workflow: inputs form, the map node’s items, the init container’s line, "1, 2, 3"', async ({ app: page, api }) => {
  const id = await fromExample(api, 'map-pod-workflow');
  await openEditor(page, id);
  await page.getByTestId('run-button').click();
  const dialog = page.getByTestId('run-dialog');
  const field = dialog.getByTestId('run-input-list_of_ints');
  await expect(field).toHaveValue('[1,2,3]'); // the default, prefilled
  // A value of the wrong type is refused beside its field, before anything is sent.
  await field.fill('[1, "two"]');
  await dialog.getByTestId('run-submit').click();
  await expect(dialog.getByTestId('run-input-list_of_ints-error')).toHaveText('[1]: expected int, got string "two"');
  await screenshot(page, 'run-dialog');
  await field.fill('[1, 2, 3]');
  await expect(dialog.getByTestId('run-input-list_of_ints-error')).toHaveCount(0);
  await dialog.getByTestId('run-submit').click();
  await expect(dialog).toHaveCount(0);

  await waitRunEnds(page, 'succeeded');
  await expect(panel(page).getByTestId('run-output-o0')).toHaveText('1, 2, 3');
  await expect(panel(page).getByTestId('run-inputs')).toContainText('"list_of_ints"');
  const items = node(page, 'map_pod_task').getByTestId('node-run-items');
  await expect(items).toContainText('3 done · 0 failed · 3 items');
  await expect(nodeRun(page, 'coalesce')).toHaveAttribute('data-status', 'succeeded');
  await page.waitForTimeout(300);
  await screenshot(page, 'run-finished');

  // The map node opens the list of its items.
  await items.click();
  const table = panel(page).getByTestId('map-items');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  for (let i = 0; i < 3; i++) await expect(table.getByTestId(`item-map_pod_task[${i}]`)).toHaveAttribute('data-status', 'succeeded');
  await expect(table.getByTestId('item-map_pod_task[1]')).toContainText('"o0":"2"');

  // One item's init container wrote its line.
  await table.getByTestId('item-map_pod_task[0]').click();
  const details = panel(page).getByTestId('exec-details');
  await expect(details).toHaveAttribute('data-execution', 'map_pod_task[0]');
  await details.getByTestId('container-init').click();
  await expect(details.getByTestId('log-viewer')).toHaveAttribute('data-container', 'init');
  await expect(details.getByTestId('log-line').first()).toContainText("I'm a customizable init container");
  await expect(details.getByTestId('exit-init')).toHaveText('exit 0');
  await details.getByTestId('details-tab-io').click();
  await expect(details.getByTestId('exec-inputs')).toContainText('"int_val": 1');
  await expect(details.getByTestId('exec-outputs')).toContainText('"o0": "1"');
});

test('dynamic-pod-workflow: the sub-DAG the dynamic node produced, with each call’s status', async ({ app: page, api }) => {
  const id = await fromExample(api, 'dynamic-pod-workflow');
  await openEditor(page, id);
  await runFromDialog(page);
  await waitRunEnds(page, 'succeeded');
  await expect(panel(page).getByTestId('run-output-o0')).toHaveText('6 served courtesy of a dynamic pod task!');
  const call = node(page, 'dynamic_pod_task').getByTestId('node-run-call-stringify');
  await expect(call).toHaveAttribute('data-status', 'succeeded');
  await call.click();
  const details = panel(page).getByTestId('exec-details');
  await expect(details).toHaveAttribute('data-execution', 'dynamic_pod_task/stringify');
  await details.getByTestId('details-tab-io').click();
  await expect(details.getByTestId('exec-inputs')).toContainText('"val": 6');
  await expect(details.getByTestId('exec-outputs')).toContainText('6 served courtesy of a dynamic pod task!');
  await panel(page).getByTestId('exec-dynamic_pod_task').getByRole('button', { name: 'dynamic_pod_task' }).click();
  await details.getByTestId('details-tab-io').click();
  await expect(details.getByTestId('call-stringify')).toHaveAttribute('data-status', 'succeeded');
  await page.getByTestId('theme-toggle').click();
  await page.waitForTimeout(200);
  await screenshot(page, 'run-finished-dark');
  await page.getByTestId('theme-toggle').click();
});

test('a failing task with retries: each attempt and its traceback; a run problem selects the node; fix the code and re-run from the failed node, reusing the upstream output', async ({ app: page, api }) => {
  const id = await chainWorkflow(
    api,
    'failing',
    [
      { name: 'up', code: "def up() -> int:\n    print('up ran')\n    return 20\n" },
      { name: 'boom', code: "def boom(x: int) -> str:\n    raise ValueError(f'bad value {x}')\n", retries: 1 },
    ],
    'boom',
  );
  await openEditor(page, id);
  const firstRun = await runFromDialog(page);
  await waitRunEnds(page, 'failed');

  // The reason on the node: exit code and the last lines of stderr.
  await expect(nodeRun(page, 'boom')).toHaveAttribute('data-status', 'failed');
  const failure = node(page, 'boom').getByTestId('node-run-failure');
  await expect(failure).toContainText('Exit code 1');
  await expect(failure).toContainText('ValueError: bad value 20');
  await expect(nodeRun(page, 'up')).toHaveAttribute('data-status', 'succeeded');
  await page.waitForTimeout(200);
  await screenshot(page, 'run-failed');

  // Each attempt, with its own traceback.
  await panel(page).getByTestId('exec-boom').getByRole('button', { name: 'boom' }).click();
  const details = panel(page).getByTestId('exec-details');
  await expect(details.getByTestId('failure-callout')).toContainText('after 2 attempts');
  await details.getByTestId('details-tab-attempts').click();
  await expect(details.getByTestId('attempt-0')).toHaveAttribute('data-status', 'failed');
  await expect(details.getByTestId('attempt-1')).toHaveAttribute('data-status', 'failed');
  await expect(details.getByTestId('attempt-1')).toContainText('ValueError: bad value 20');
  await details.getByTestId('details-tab-logs').click();
  for (const attempt of [0, 1]) {
    await details.getByTestId(`logs-attempt-${attempt}`).click();
    const viewer = details.getByTestId('log-viewer');
    await expect(viewer.getByTestId('log-line').first()).toContainText('Traceback (most recent call last):');
    await expect(viewer.getByTestId('log-line').last()).toContainText('ValueError: bad value 20');
  }
  // Searchable.
  await details.getByTestId('log-search').fill('BAD VALUE 20');
  await expect(details.getByTestId('log-count')).toHaveText(/^1 of \d+ lines$/);
  await expect(details.locator('mark')).toHaveText('bad value 20');
  await details.getByTestId('log-search').fill('');

  // The problems panel lists the failure; it selects the node.
  await page.getByTestId('problems-tab').click();
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await expect(node(page, 'boom')).not.toHaveClass(/selected/);
  const problem = page.getByTestId('run-problem');
  await expect(problem).toContainText('Run failed at boom');
  await expect(problem).toContainText('exit code 1');
  await problem.click();
  await expect(node(page, 'boom')).toHaveClass(/selected/);
  await expect(panel(page).getByTestId('exec-details')).toHaveAttribute('data-execution', 'boom');

  // Fix the code in the inspector, then re-run from the failed node.
  await page.getByTestId('tab-code').click();
  const editor = page.getByTestId('code-editor');
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type('def boom(x: int) -> str:');
  await page.keyboard.press('Enter');
  await page.keyboard.type("return f'fixed {x}'");
  await page.keyboard.press('Escape');
  // Straight to the re-run: the edit is saved before the run starts.
  await panel(page).getByTestId('rerun-from-node').click();
  await expect(panel(page)).not.toHaveAttribute('data-run-id', firstRun);
  const secondRun = (await panel(page).getAttribute('data-run-id'))!;
  await waitRunEnds(page, 'succeeded');
  await expect(nodeRun(page, 'up')).toHaveAttribute('data-status', 'cached');
  await expect(nodeRun(page, 'up')).toContainText('reused from an earlier run');
  await expect(nodeRun(page, 'boom')).toHaveAttribute('data-status', 'succeeded');
  await panel(page).getByTestId('exec-run').click();
  await expect(panel(page).getByTestId('run-output-o0')).toHaveText('fixed 20');

  // The upstream node did not run again: no new attempt, its outputs reused from the first run.
  const second = await runRecord(api, secondRun);
  const up = second.executions.find((e) => e.executionId === 'up')!;
  expect(up.status).toBe('cached');
  expect(up.attempts).toEqual([]);
  expect(second.executions.find((e) => e.executionId === 'boom')!.attempts).toHaveLength(1);
  expect((await runRecord(api, firstRun)).executions.find((e) => e.executionId === 'up')!.attempts).toHaveLength(1);

  // History: both runs; the first opens read-only as the version it ran (the old code), with a way back.
  await panel(page).getByTestId('view-history').click();
  const history = panel(page).getByTestId('run-history');
  await expect(history.getByTestId(`history-${firstRun}`)).toHaveAttribute('data-status', 'failed');
  await expect(history.getByTestId(`history-${secondRun}`)).toHaveAttribute('data-status', 'succeeded');
  await history.getByTestId(`history-${firstRun}`).click();
  const versionCanvas = page.getByTestId('run-version-canvas');
  await expect(versionCanvas).toBeVisible();
  await expect(page.getByTestId('run-version-banner')).toContainText('Read-only');
  await expect(page.getByTestId('undo')).toBeHidden(); // the header's editing tools have nothing to act on
  await expect(versionCanvas.locator('.react-flow__node[data-id="boom"]').getByTestId('node-run')).toHaveAttribute('data-status', 'failed');
  await versionCanvas.locator('.react-flow__node[data-id="boom"]').getByTestId('node-header').click();
  await expect(page.getByTestId('run-version-code')).toContainText('raise ValueError');
  await page.waitForTimeout(200);
  await screenshot(page, 'run-version');
  // A reload keeps showing the run's version.
  await page.reload();
  await expect(page).toHaveURL(new RegExp(`run=${firstRun}.*view=version`));
  await expect(page.getByTestId('run-version-canvas')).toBeVisible();
  await expect(page.getByTestId('run-version-canvas').locator('.react-flow__node[data-id="boom"]').getByTestId('node-run')).toHaveAttribute('data-status', 'failed');
  await page.getByTestId('back-to-draft').click();
  await expect(page.getByTestId('run-version-canvas')).toHaveCount(0);
  await expect(page.locator('[data-testid="canvas"]')).toBeVisible();
  await expect(page.getByTestId('undo')).toBeVisible();
  await expect(page.getByTestId('inspector-panel')).toBeVisible();
  await expect(page).not.toHaveURL(/view=version/);
});

test('run one node: upstream outputs from an earlier run, or inputs typed in (a re-run from that node)', async ({ app: page, api }) => {
  const wf = await createWorkflow(api, {
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name: uniqueName('one-node') },
    spec: {
      inputs: [{ name: 'n', type: 'int', default: 2 }],
      outputs: [{ name: 'o0', type: 'str', from: { node: 'last', output: 'o0' } }],
      tasks: [
        { name: 'first', type: 'python', code: 'def first(n: int) -> int:\n    return n * 10\n' },
        { name: 'last', type: 'python', code: "def last(x: int) -> str:\n    return f'got {x}'\n" },
      ],
      nodes: [
        { id: 'first', task: 'first', inputs: { n: { input: 'n' } } },
        { id: 'last', task: 'last', inputs: { x: { node: 'first', output: 'o0' } } },
      ],
      layout: { 'input:n': { x: 0, y: 0 }, first: { x: 260, y: 0 }, last: { x: 600, y: 0 }, 'output:o0': { x: 940, y: 0 } },
    },
  });
  await openEditor(page, wf.id);
  const run1 = await runFromDialog(page);
  await waitRunEnds(page, 'succeeded');

  // Taken from the earlier run: `first` is not run again.
  await panel(page).getByTestId('exec-last').getByRole('button', { name: 'last' }).click();
  await panel(page).getByTestId('run-node').click();
  const dialog = page.getByTestId('run-dialog');
  await expect(dialog).toContainText('Run from node last');
  await expect(dialog.getByTestId('run-from-source')).toHaveValue(run1);
  await expect(dialog.getByTestId('run-input-n')).toHaveValue('2');
  await dialog.getByTestId('run-submit').click();
  await expect(panel(page)).not.toHaveAttribute('data-run-id', run1);
  const run2 = (await panel(page).getAttribute('data-run-id'))!;
  await waitRunEnds(page, 'succeeded');
  await expect(nodeRun(page, 'first')).toHaveAttribute('data-status', 'cached');
  const r2 = await runRecord(api, run2);
  expect(r2.executions.find((e) => e.executionId === 'first')).toMatchObject({ status: 'cached', attempts: [] });
  expect(r2.outputs).toEqual({ o0: 'got 20' });

  // Typed in: another n changes what `first` gets, so it runs again.
  await panel(page).getByTestId('exec-last').getByRole('button', { name: 'last' }).click();
  await panel(page).getByTestId('run-node').click();
  await dialog.getByTestId('run-input-n').fill('5');
  await dialog.getByTestId('run-submit').click();
  await expect(panel(page)).not.toHaveAttribute('data-run-id', run2);
  const run3 = (await panel(page).getAttribute('data-run-id'))!;
  await waitRunEnds(page, 'succeeded');
  await panel(page).getByTestId('exec-run').click();
  await expect(panel(page).getByTestId('run-output-o0')).toHaveText('got 50');
  const r3 = await runRecord(api, run3);
  expect(r3.executions.find((e) => e.executionId === 'first')!.attempts).toHaveLength(1);
});

test('cancel stops a long run: its nodes show cancelled', async ({ app: page, api }) => {
  const id = await chainWorkflow(api, 'sleepy', [
    { name: 'sleeper', code: "import time\n\ndef sleeper() -> int:\n    print('going to sleep', flush=True)\n    time.sleep(60)\n    return 1\n" },
    { name: 'after', code: 'def after(x: int) -> int:\n    return x + 1\n' },
  ]);
  await openEditor(page, id);
  const runId = await runFromDialog(page);
  await expect(nodeRun(page, 'sleeper')).toHaveAttribute('data-status', 'running');
  await expect(nodeRun(page, 'sleeper').getByTestId('elapsed')).toHaveText(/^0:0[1-9]$/, { timeout: 10_000 });
  await expect(nodeRun(page, 'after')).toHaveAttribute('data-status', 'queued');
  await panel(page).getByTestId('exec-sleeper').getByRole('button', { name: 'sleeper' }).click();
  await expect(panel(page).getByTestId('log-line').first()).toContainText('going to sleep');
  await screenshot(page, 'run-running');

  await panel(page).getByTestId('cancel-run').click();
  // The task would sleep 60 s: ending cancelled well before that means the cancel stopped it.
  await waitRunEnds(page, 'cancelled', 30_000);
  await expect(nodeRun(page, 'sleeper')).toHaveAttribute('data-status', 'cancelled');
  await expect(nodeRun(page, 'sleeper')).toContainText('Cancelled');
  await expect(nodeRun(page, 'after')).toHaveAttribute('data-status', /cancelled|skipped/);
  const record = await runRecord(api, runId);
  expect(record.status).toBe('cancelled');
  expect(record.executions.find((e) => e.executionId === 'sleeper')!.status).toBe('cancelled');
});

test('reload during a run: the view catches up from the start with no event missing', async ({ app: page, api }) => {
  const id = await chainWorkflow(
    api,
    'ticker',
    [{ name: 'ticker', code: "import time\n\ndef ticker() -> str:\n    for i in range(40):\n        print(f'tick {i}', flush=True)\n        time.sleep(0.1)\n    return 'done'\n" }],
    'ticker',
  );
  await openEditor(page, id);
  const runId = await runFromDialog(page);
  await panel(page).getByTestId('exec-ticker').getByRole('button', { name: 'ticker' }).click();
  await expect(panel(page).getByTestId('log-line').first()).toContainText('tick');
  await page.reload();
  await expect(page).toHaveURL(new RegExp(`run=${runId}`));
  await expect(panel(page)).toHaveAttribute('data-run-id', runId);
  await waitRunEnds(page, 'succeeded');
  const record = await runRecord(api, runId);
  await expect(panel(page)).toHaveAttribute('data-last-seq', String(record.lastSeq));
  // Sequence numbers have no gaps: every event from 1 to the last was applied exactly once.
  await expect(panel(page)).toHaveAttribute('data-event-count', String(record.lastSeq));
  await panel(page).getByTestId('exec-ticker').getByRole('button', { name: 'ticker' }).click();
  const viewer = panel(page).getByTestId('log-viewer');
  await expect(viewer).toHaveAttribute('data-lines', '40');
  await expect(viewer.getByTestId('log-line').last()).toContainText('tick 39');
  await panel(page).getByTestId('exec-run').click();
  await expect(panel(page).getByTestId('run-output-o0')).toHaveText('done');
});

test('a log of 100,000 lines stays readable: windowed rows, earlier lines paged from the server', async ({ app: page, api }) => {
  const id = await chainWorkflow(api, 'chatty', [{ name: 'chatty', code: "def chatty() -> int:\n    for i in range(100000):\n        print(f'line {i + 1} of the big log')\n    return 100000\n" }]);
  await openEditor(page, id);
  await runFromDialog(page);
  await waitRunEnds(page, 'succeeded');
  await panel(page).getByTestId('exec-chatty').getByRole('button', { name: 'chatty' }).click();
  const viewer = panel(page).getByTestId('log-viewer');
  await expect(viewer.getByTestId('log-line').last()).toContainText('line 100000 of the big log');
  // Only the rows in view are in the DOM.
  expect(await viewer.getByTestId('log-line').count()).toBeLessThan(200);
  // The oldest lines were dropped from memory; scrolling to the top pages them back from the server.
  await expect(viewer.getByTestId('log-count')).toContainText('earlier lines on the server');
  const scroller = viewer.getByTestId('log-scroll');
  await scroller.evaluate((el) => (el.scrollTop = 0));
  await expect(viewer).toHaveAttribute('data-lines', '100000', { timeout: 30_000 });
  await scroller.evaluate((el) => (el.scrollTop = 0));
  await expect(viewer.getByTestId('log-line').first()).toContainText('line 1 of the big log');
  await expect(viewer.getByTestId('log-count')).toHaveText('100,000 lines');
  await screenshot(page, 'run-logs-100k');
  // Search runs over all of them.
  await viewer.getByTestId('log-search').fill('line 99999 ');
  await expect(viewer.getByTestId('log-count')).toHaveText('1 of 100,000 lines');
  await expect(viewer.getByTestId('log-line')).toHaveCount(1);
});

test('a live log of 20,000 lines: a window of rows in the DOM, the tail followed until scrolled up, a search finds a line far above', async ({ app: page, api }) => {
  const code =
    "import time\n\ndef follow() -> int:\n    for i in range(20000):\n        print(f'line {i + 1} of the live log')\n" +
    "    for i in range(150):\n        print(f'tick {i}', flush=True)\n        time.sleep(0.2)\n    return 0\n";
  const id = await chainWorkflow(api, 'follow', [{ name: 'follow', code }]);
  await openEditor(page, id);
  await runFromDialog(page);
  await panel(page).getByTestId('exec-follow').getByRole('button', { name: 'follow' }).click();
  const viewer = panel(page).getByTestId('log-viewer');
  const rows = viewer.getByTestId('log-line');
  const scroller = viewer.getByTestId('log-scroll');
  const lineCount = async () => Number(await viewer.getAttribute('data-lines'));

  // The ticks are arriving: every line is held, only a window of rows is in the DOM, and the newest one is in view.
  await expect.poll(lineCount, { timeout: 60_000 }).toBeGreaterThan(20_003);
  expect(await rows.count()).toBeLessThan(200);
  await expect(rows.last()).toContainText(/tick \d+/);
  await expect(rows.last()).toBeInViewport();
  // Following: later lines come into view by themselves.
  const followedTo = await lineCount();
  await expect.poll(async () => Number((await rows.last().textContent())?.match(/tick (\d+)/)?.[1] ?? -1), { timeout: 10_000 }).toBeGreaterThan(followedTo - 20_001);
  await expect(rows.last()).toBeInViewport();
  await screenshot(page, 'run-logs-following');

  // Scrolled up with the keyboard: new lines arrive, and the rows in view stay where they are.
  await scroller.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('PageUp');
  // Keyboard scrolling is animated: wait until it has come to rest.
  let top = -1;
  await expect
    .poll(async () => {
      const was = top;
      top = await scroller.evaluate(async (el) => {
        await new Promise((r) => setTimeout(r, 150));
        return el.scrollTop;
      });
      return top === was;
    })
    .toBe(true);
  const firstInView = await rows.first().textContent();
  const before = await lineCount();
  await expect.poll(lineCount, { timeout: 10_000 }).toBeGreaterThan(before + 3);
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(top);
  expect(await rows.first().textContent()).toBe(firstInView);
  await expect(rows.filter({ hasText: `tick ${(await lineCount()) - 20_001}` })).toHaveCount(0);

  // Latest follows again.
  await viewer.getByTestId('log-latest').click();
  await expect(rows.last()).toBeInViewport();
  await expect(rows.last()).toContainText(/tick \d+/);

  // Search: a line 20,000 lines above the tail, alone, in view.
  await viewer.getByTestId('log-search').fill('line 7 of the live');
  await expect(viewer.getByTestId('log-count')).toHaveText(/^1 of [\d,]+ lines$/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('line 7 of the live log');
  await expect(rows.first()).toBeInViewport();
  await expect(rows.first().locator('mark')).toHaveText('line 7 of the live');
  // Clearing the search returns to the tail.
  await viewer.getByTestId('log-search').fill('');
  await expect(rows.last()).toContainText(/tick \d+/);
  await expect(rows.last()).toBeInViewport();
});
