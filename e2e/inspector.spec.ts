import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';
import type { Locator, Page } from '@playwright/test';
import { createWorkflow, dragFromPalette, expect, getWorkflow, node, openEditor, screenshot, test, uniqueName, waitSaved, type WorkflowJson } from './fixtures';

/**
 * The task inspector, the way a person uses it: the seed's multiple-containers-pod-workflow is rebuilt from a blank
 * workflow through the UI only — the task from the palette, its code typed into Monaco, its sidecar, shared volume,
 * mounts and resources filled into the pod form — and the exported pod YAML must be exactly what the seed compiles
 * to. Then the form ↔ YAML round trip (a field the form does not know survives form edits), and YAML typos that
 * are marked and never reach the document.
 */

const SEED_FILE = 'examples/seed/multiple-containers-pod-workflow.podflow.yaml';
const seed = parse(readFileSync(SEED_FILE, 'utf8'));
const SEED_TASK = seed.spec.tasks[0];
const TASK = 'multiple_containers_pod_task';

// ---------- helpers ----------

/** Clicks into a Monaco editor (found by its test id) and waits until it is the real editor, not the fallback. */
async function focusEditor(page: Page, testId: string): Promise<Locator> {
  const editor = page.getByTestId(testId);
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await editor.locator('.view-lines').click();
  return editor;
}

/**
 * Types code line by line with the keyboard. Monaco indents a new line by itself (Python: after a colon), so each
 * line first selects that automatic indentation and types over it with the line's own.
 */
async function typeLines(page: Page, text: string): Promise<void> {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) {
      await page.keyboard.press('Escape'); // close a suggestion list, so that Enter makes a new line
      await page.keyboard.press('Enter');
      await page.keyboard.press('Shift+Home');
    }
    const line = lines[i]!;
    if (line !== '') await page.keyboard.type(line);
    else if (i > 0) await page.keyboard.press('Delete'); // drop the automatic indentation of an empty line
  }
  await page.keyboard.press('Escape');
}

/** The text of a Monaco model, read from the editor's DOM-independent API through the page. */
async function editorText(editor: Locator): Promise<string> {
  return (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
}

async function setQuantity(scope: Locator | Page, testId: string, amount: string, unit: string): Promise<void> {
  await scope.getByTestId(testId).fill(amount);
  await scope.getByTestId(`${testId}-unit`).selectOption(unit);
}

/** Parses multi-document YAML and leaves out what derives from the workflow's own name and the hashed ConfigMap names. */
function normalize(yamlText: string, workflowName: string): unknown[] {
  const objects = parseAllDocuments(yamlText).map((d) => d.toJS() as Record<string, unknown>).filter(Boolean);
  const cmNames = objects.filter((o) => o.kind === 'ConfigMap').map((o) => (o.metadata as { name: string }).name);
  const rewrite = (v: unknown): unknown => {
    if (typeof v === 'string') {
      let s = v;
      cmNames.forEach((name, i) => (s = s.split(name).join(`<configmap-${i}>`)));
      return s.split(workflowName).join('<workflow>');
    }
    if (Array.isArray(v)) return v.map(rewrite);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (k === 'podflow/workflow' || k === 'podflow/pod') continue; // labels, from the workflow's and the pod's names
        out[k] = rewrite(x);
      }
      return out;
    }
    return v;
  };
  return objects.map((o) => {
    const r = rewrite(o) as { kind: string; metadata: { name?: string } };
    if (r.kind === 'Pod') delete r.metadata.name; // cut from workflow + node names, with a hash
    return r;
  });
}

async function openInspectorTab(page: Page, tab: 'code' | 'task' | 'pod' | 'yaml' | 'compiled'): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
  await expect(page.getByTestId(`tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
}

async function savedDocument(page: Page, api: Parameters<typeof getWorkflow>[0], id: string): Promise<WorkflowJson['draft']['document']> {
  await waitSaved(page);
  return (await getWorkflow(api, id)).draft.document;
}

const podSpecOf = (doc: WorkflowJson['draft']['document']) =>
  ((doc.spec.tasks as { name: string; pod?: { spec?: Record<string, unknown> } }[]).find((t) => t.name === TASK)?.pod?.spec ?? {}) as {
    containers: Record<string, unknown>[];
    [k: string]: unknown;
  };

// ---------- the test ----------

test('rebuild the multiple-containers pod workflow in the inspector; form ↔ YAML; YAML typos never reach the document', async ({ app: page, api }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const name = uniqueName('insp');

  // A blank workflow, from the home page.
  await page.getByTestId('home-new').click();
  await page.getByTestId('new-workflow-name').fill(name);
  await page.getByTestId('template-blank').click();
  await page.getByTestId('create-workflow').click();
  await expect(page.getByTestId('canvas')).toBeVisible();
  const id = /\/w\/([^/?#]+)/.exec(page.url())![1]!;

  // A Python task from the palette.
  await dragFromPalette(page, page.getByTestId('palette-python-task'), { x: 260, y: 200 });
  await expect(node(page, 'task_1')).toBeVisible();
  await node(page, 'task_1').getByTestId('node-header').click();
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toHaveAttribute('data-selection', 'node:task_1');

  // ---- Code: type the seed's code; the task (and the node named after it) follow the function's name.
  await openInspectorTab(page, 'code');
  await focusEditor(page, 'code-editor');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await typeLines(page, SEED_TASK.code);
  await expect(page.getByTestId('inspector-title')).toHaveText(TASK);
  await expect(node(page, TASK)).toBeVisible();
  await expect(page.getByTestId('code-signature')).toContainText('no inputs');
  await expect(page.getByTestId('port-out-o0')).toContainText('str');
  await expect(page.getByTestId('code-status')).toHaveText(`def ${TASK}`);
  await screenshot(page, 'inspector-code');

  // ---- Pod: the primary container, a sidecar, a shared in-memory volume, mounts and resources.
  await openInspectorTab(page, 'pod');
  await page.getByTestId('pod-customize-primary').click();
  await expect(page.getByTestId('container-0-name')).toHaveValue('primary');

  await page.getByTestId('pod-add-container').click();
  const side = page.getByTestId('container-1');
  await expect(side).toBeVisible();
  // A new sidecar has no image yet: the workflow's own diagnostic is shown beside the field.
  await expect(side.locator('[data-path$="containers[1].image"]').getByRole('alert')).toContainText('needs an image');
  await side.getByTestId('container-1-name').fill('Secondary');
  await expect(side.locator('[data-path$="containers[1].name"]').getByRole('alert')).toContainText('DNS-1123');
  await side.getByTestId('container-1-name').fill('secondary');
  await expect(side.locator('[data-path$="containers[1].name"]').getByTestId('field-problem')).toHaveCount(0);
  await side.getByTestId('container-1-image').fill('alpine');
  await side.getByTestId('container-1-command-add').click();
  await side.getByTestId('container-1-command-0').fill('/bin/sh');
  await side.getByTestId('container-1-args-add').click();
  await side.getByTestId('container-1-args-0').fill('-c');
  await side.getByTestId('container-1-args-add').click();
  await side.getByTestId('container-1-args-1').fill('echo hi pod world > /data/message.txt');

  // The volume, then a mount of it in both containers (a mount of a missing volume is flagged as it is typed).
  await page.getByTestId('pod-add-volume').click();
  await page.getByTestId('volume-0-name').fill('shared-data');
  await page.getByTestId('volume-0-medium').selectOption('Memory');
  await page.getByTestId('volume-0-size').fill('1');
  await expect(page.locator('[data-path$="volumes[0].emptyDir.sizeLimit"]').getByTestId('field-problem')).toHaveCount(0);
  await page.getByTestId('volume-0-size').fill('');

  for (const i of [0, 1]) {
    const card = page.getByTestId(`container-${i}`);
    await card.getByTestId(`container-${i}-mounts-add`).click();
    await card.getByTestId(`container-${i}-mounts-0-name`).fill('shared');
    await expect(card.locator(`[data-path$="containers[${i}].volumeMounts[0]"]`).getByRole('alert').first()).toContainText('mounts volume "shared", but the pod has no volume of that name');
    await card.getByTestId(`container-${i}-mounts-0-name`).fill('shared-data');
    await card.getByTestId(`container-${i}-mounts-0-path`).fill('/data');
    for (const kind of ['requests', 'limits']) {
      await setQuantity(card, `container-${i}-res-${kind}-cpu`, '1', '');
      await setQuantity(card, `container-${i}-res-${kind}-memory`, '100', 'Mi');
    }
  }
  // Quantities are checked with Kubernetes' rules as they are typed.
  const cpu = page.getByTestId('container-1-res-requests-cpu');
  await cpu.fill('1 core');
  await expect(page.locator('[data-path$="containers[1].resources.requests.cpu"]').getByRole('alert')).toContainText('must not contain spaces');
  await cpu.fill('2');
  await expect(page.locator('[data-path$="containers[1].resources.requests.cpu"]').getByRole('alert')).toContainText('less than or equal to the limit');
  await cpu.fill('1');
  await expect(page.locator('[data-path$="containers[1].resources.requests.cpu"]').getByTestId('field-problem')).toHaveCount(0);
  await screenshot(page, 'inspector-pod');

  // ---- Task settings: task-level resources (they replace the primary container's own, and the form says so).
  await openInspectorTab(page, 'task');
  await setQuantity(page, 'task-res-requests-memory', '1', 'G');
  await screenshot(page, 'inspector-task');
  await openInspectorTab(page, 'pod');
  await expect(page.getByTestId('container-0-res-requests-cpu')).toBeDisabled();
  await expect(page.getByTestId('container-0')).toContainText('replace these on the primary container');
  await expect(page.getByTestId('container-0')).toContainText('Set by Podflow');

  // ---- What was built is the seed's pod spec.
  const built = await savedDocument(page, api, id);
  expect(podSpecOf(built)).toEqual(SEED_TASK.pod.spec);
  const builtTask = (built.spec.tasks as Record<string, unknown>[])[0]!;
  expect(builtTask.code).toBe(SEED_TASK.code);
  expect(builtTask.resources).toEqual(SEED_TASK.resources);

  // ---- Compiled tab, then export the node's objects and compare them with the seed's compiled YAML.
  await openInspectorTab(page, 'compiled');
  await expect(page.getByTestId('compiled-editor').locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('compiled-diagnostics')).toContainText('resources-replaced');
  await screenshot(page, 'inspector-compiled');
  await page.getByTestId('compiled-export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('export-summary')).toHaveText('2 ConfigMaps · 1 Pod');
  await expect(dialog.getByTestId('export-preview').locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await screenshot(page, 'inspector-export');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-download').click()]);
  expect(download.suggestedFilename()).toBe(`${name}-${TASK}.yaml`);
  const exported = readFileSync(await download.path(), 'utf8');
  const expected = execFileSync(process.execPath, ['apps/server/bin/podflow.mjs', 'compile', SEED_FILE, '--node', TASK, '--format', 'yaml'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  expect(normalize(exported, name)).toEqual(normalize(expected, seed.metadata.name));
  // The workflow file, too.
  await dialog.getByTestId('export-format-workflow').click();
  await expect(dialog.getByTestId('export-filename')).toHaveText(`${name}.podflow.yaml`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);

  // ---- Form ↔ YAML: a field the form does not know (priorityClassName) added in YAML survives form edits.
  await openInspectorTab(page, 'yaml');
  const yamlEditor = await focusEditor(page, 'pod-yaml-editor');
  await page.keyboard.press('Control+End');
  await typeLines(page, '\npriorityClassName: high-priority');
  await expect(page.getByTestId('pod-yaml-status')).toHaveText('In sync');
  await expect.poll(async () => podSpecOf(await savedDocument(page, api, id)).priorityClassName).toBe('high-priority');

  await openInspectorTab(page, 'pod');
  await expect(page.getByTestId('pod-form')).toContainText('priorityClassName');
  await page.getByTestId('container-1-image').fill('alpine:3.20');
  await page.getByTestId('pod-service-account').fill('runner');
  await openInspectorTab(page, 'yaml');
  await expect.poll(() => editorText(page.getByTestId('pod-yaml-editor'))).toContain('image: alpine:3.20');
  const afterForm = podSpecOf(await savedDocument(page, api, id));
  expect(afterForm.priorityClassName).toBe('high-priority');
  expect(afterForm.serviceAccountName).toBe('runner');
  expect(afterForm.containers[1]!.image).toBe('alpine:3.20');
  expect(await editorText(yamlEditor)).toContain('priorityClassName: high-priority');

  // And an edit in YAML shows in the form.
  await yamlEditor.locator('.view-line', { hasText: 'image: alpine:3.20' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('19');
  await expect(page.getByTestId('pod-yaml-status')).toHaveText('In sync');
  await openInspectorTab(page, 'pod');
  await expect(page.getByTestId('container-1-image')).toHaveValue('alpine:3.19');

  // ---- YAML typos are marked and never overwrite the document.
  await openInspectorTab(page, 'yaml');
  await expect(page.getByTestId('pod-yaml-editor').locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  const good = podSpecOf(await savedDocument(page, api, id));
  const typos: { name: string; at: string; line: string; expect: RegExp }[] = [
    { name: 'enum', at: 'image: alpine:3.19', line: '    imagePullPolicy: Sometimes', expect: /imagePullPolicy.*must be one of/ },
    { name: 'unknown-field', at: 'priorityClassName: high-priority', line: 'bogusField: 1', expect: /unknown field "bogusField"/ },
    { name: 'indentation', at: 'image: alpine:3.19', line: '   workingDir: /tmp', expect: /./ },
  ];
  for (const typo of typos) {
    const editor = await focusEditor(page, 'pod-yaml-editor');
    await editor.locator('.view-line', { hasText: typo.at }).first().click();
    await page.keyboard.press('End');
    await typeLines(page, `\n${typo.line}`);
    await expect(page.getByTestId('pod-yaml-status')).toHaveText('Not applied');
    await expect(page.getByTestId('pod-yaml-not-applied')).toBeVisible();
    await expect(page.getByTestId('pod-yaml-problems')).toContainText(typo.expect);
    // Marked in the editor (monaco-yaml's schema check, or the YAML parser).
    await expect(editor.locator('.squiggly-error, .squiggly-warning').first()).toBeVisible({ timeout: 15_000 });
    if (typo.name === 'enum') await screenshot(page, 'inspector-yaml-invalid');
    // The document keeps its last valid pod spec.
    await page.waitForTimeout(600);
    expect(podSpecOf(await savedDocument(page, api, id))).toEqual(good);
    await page.getByTestId('pod-yaml-revert').click();
    await expect(page.getByTestId('pod-yaml-status')).toHaveText('In sync');
  }
  await screenshot(page, 'inspector-yaml');
  expect(podSpecOf(await savedDocument(page, api, id))).toEqual(good);

  // ---- Workflow settings (nothing selected: a fresh load of the editor).
  await page.reload();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(inspector).toHaveAttribute('data-selection', 'workflow');
  await expect(page.getByTestId('wf-name')).toHaveValue(name);
  await screenshot(page, 'inspector-workflow');
  await page.getByTestId('wf-tab-template').click();
  await page.getByTestId('pod-add-container').click();
  await expect(page.getByTestId('container-0-name')).toHaveValue('default');
  await expect(page.getByTestId('container-0')).toContainText('every container');
  await expect(page.getByTestId('container-0').getByTestId('field-problem')).toHaveCount(0); // a template container needs no image
  await screenshot(page, 'inspector-workflow-template');

  expect(errors).toEqual([]);
});

test('code tab: a removed parameter that has an edge warns and can be undone; renames that clash are refused; dynamic calls are checked', async ({ app: page, api }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const mapSeed = parse(readFileSync('examples/seed/map-pod-workflow.podflow.yaml', 'utf8'));
  const wf = await createWorkflow(api, { ...mapSeed, metadata: { name: uniqueName('insp-code') } });
  await openEditor(page, wf.id);
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await node(page, 'coalesce').getByTestId('node-header').click();
  await openInspectorTab(page, 'code');
  await expect(page.getByTestId('port-in-list_of_strings')).toBeVisible();

  // Remove the parameter that map_pod_task's output feeds.
  const editor = await focusEditor(page, 'code-editor');
  await editor.locator('.view-line', { hasText: 'def coalesce' }).click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  // Typed slower than the editor commits (300 ms), as a person may: every half-typed line is committed on its way.
  await page.keyboard.type('def coalesce() -> str:', { delay: 350 });
  const warning = page.getByTestId('code-orphaned');
  await expect(warning).toContainText('Node coalesce still connects map_pod_task.o0 to list_of_strings');
  await expect(page.getByTestId('port-in-list_of_strings')).toHaveCount(0);
  // No half-typed name (d, de, def c…) ever became the task's name.
  await expect(page.getByTestId('inspector-title')).toHaveText('coalesce');
  await expect(page.getByTestId('code-renamed')).toHaveCount(0);
  await screenshot(page, 'inspector-code-orphaned');
  // The edge is kept in the document until the person decides; undo brings back the code from before the edit.
  await page.getByTestId('code-orphaned-undo').click();
  await expect(warning).toHaveCount(0);
  await expect(page.getByTestId('port-in-list_of_strings')).toBeVisible();
  await expect.poll(() => editorText(page.getByTestId('code-editor'))).toContain('def coalesce(list_of_strings: List[str]) -> str:');
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);

  // Renaming the function to a name another task has is refused, with the reason.
  await editor.locator('.view-line', { hasText: 'def coalesce' }).click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  // The new line arrives as one edit (as a paste does): typed key by key on a busy machine, the task would follow
  // each prefix of the name (m, ma, map…) as it is meant to, and end up named after the last free one.
  await page.keyboard.insertText('def map_pod_task(list_of_strings: List[str]) -> str:');
  await expect(page.getByTestId('code-rename-refused')).toContainText('a task named "map_pod_task" already exists');
  await expect(page.getByTestId('inspector-title')).toHaveText('coalesce');
  // Editing on, the refusal and its reason stay until the name changes.
  await page.keyboard.press('End');
  await page.keyboard.type(' ');
  await expect.poll(() => editorText(page.getByTestId('code-editor'))).toContain('-> str: ');
  await expect(page.getByTestId('code-rename-refused')).toContainText('a task named "map_pod_task" already exists');
  // A free name is taken: the task (and the node named after it) follow.
  await editor.locator('.view-line', { hasText: 'def map_pod_task' }).click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.insertText('def join_all(list_of_strings: List[str]) -> str:');
  await expect(page.getByTestId('code-renamed')).toContainText('coalesce → join_all');
  await expect(page.getByTestId('inspector-title')).toHaveText('join_all');
  await expect(node(page, 'join_all')).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);

  // A dynamic task's calls must name tasks of the workflow.
  await page.getByTestId('tab-task').click();
  await page.getByTestId('task-type').selectOption('dynamic');
  await openInspectorTab(page, 'code');
  const code = await focusEditor(page, 'code-editor');
  await code.locator('.view-line', { hasText: 'coalesced = ' }).click();
  await page.keyboard.press('End');
  await typeLines(page, '\n    missing_task(x=1)\n    map_pod_task(int_val=1)');
  await expect(page.getByTestId('code-calls')).toContainText('missing_task !');
  await expect(page.getByTestId('code-calls')).toContainText('map_pod_task ✓');
  await expect(code.locator('.squiggly-warning').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('the problems panel opens the tab and the field of a problem', async ({ app: page, api }) => {
  const doc = structuredClone(seed);
  doc.metadata.name = uniqueName('insp-focus');
  doc.spec.tasks[0].pod.spec.containers[1].volumeMounts[0].name = 'nope';
  doc.spec.tasks[0].pod.spec.dnsPolicy = 'Bogus';
  const wf = await createWorkflow(api, doc);
  await openEditor(page, wf.id);

  await page.getByTestId('problem').filter({ hasText: 'mounts volume "nope"' }).click();
  await expect(page.getByTestId('tab-pod')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('container-1-mounts-0-name')).toBeFocused();
  await expect(page.getByTestId('container-1-mounts-0-name')).toBeInViewport();

  // A field the form does not have is shown in the YAML tab, selected.
  await page.getByTestId('problem').filter({ hasText: 'dnsPolicy' }).click();
  await expect(page.getByTestId('tab-yaml')).toHaveAttribute('aria-selected', 'true');
  const editor = page.getByTestId('pod-yaml-editor');
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await expect(editor.locator('.view-line', { hasText: 'dnsPolicy: Bogus' })).toBeInViewport();
  await expect(editor.locator('.selected-text').first()).toBeVisible();
});

test('a pod field rule is one diagnostic: red beside the field, in Problems, on the node and on the Pod tab', async ({ app: page, api }) => {
  const doc = structuredClone(seed);
  doc.metadata.name = uniqueName('insp-one-rule');
  doc.spec.tasks[0].pod.spec.volumes.push({ name: 'untyped' });
  const wf = await createWorkflow(api, doc);
  await openEditor(page, wf.id);

  const problem = page.getByTestId('problem').filter({ hasText: 'must specify a volume type' });
  await expect(problem).toHaveCount(1);
  await expect(node(page, TASK).getByTestId('node-diagnostics')).toBeVisible();
  await problem.click();
  await expect(page.getByTestId('tab-pod')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('tab-pod').locator('[data-level]')).toHaveAttribute('data-level', 'error');
  await expect(page.locator('[data-path$="volumes[1]"]').getByRole('alert').first()).toContainText('must specify a volume type');
  await screenshot(page, 'inspector-volume-without-type');
});
