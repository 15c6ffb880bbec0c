import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { createWorkflow, expect, getWorkflow, node, openEditor, screenshot, test, uniqueName, waitSaved } from './fixtures';

/**
 * Issue 16, "per-task Python dependencies", the way a person does it: add a package in the Task tab (a bad one first,
 * the rule's message under it), see it in the compiled pod, run locally and watch it install, then the output that
 * imports it. The package is a wheel built here from the server tests' fixture project; the e2e server's pip is
 * offline (PIP_NO_INDEX) and finds it through PIP_FIND_LINKS (playwright.config.ts).
 */
const FIXTURE = 'apps/server/src/executors/local/__fixtures__/tiny-dep';

test.beforeAll(() => {
  const wheels = process.env.PODFLOW_E2E_WHEELS!;
  if (readdirSync(wheels).some((f) => f.endsWith('.whl'))) return;
  const work = mkdtempSync(join(tmpdir(), 'podflow-e2e-wheel-src-'));
  cpSync(FIXTURE, work, { recursive: true });
  execFileSync('python3', ['-m', 'pip', 'wheel', '--no-build-isolation', '--no-deps', '--no-index', '--disable-pip-version-check', work, '-w', wheels], { stdio: 'pipe' });
  rmSync(work, { recursive: true, force: true });
});

const CODE = ['def shout(text: str) -> str:', '    import podflow_tiny_dep', '    return podflow_tiny_dep.shout(text) + " " + podflow_tiny_dep.VALUE', ''].join('\n');

const panel = (page: Page) => page.getByTestId('run-panel');

test('add a Python package in the Task tab, see it compiled, run locally: the install, then the output that imports it', async ({ app: page, api }) => {
  test.setTimeout(120_000);
  const name = uniqueName('reqs');
  const wf = await createWorkflow(api, {
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name },
    spec: {
      outputs: [{ name: 'o0', type: 'str', from: { node: 'shout', output: 'o0' } }],
      tasks: [{ name: 'shout', type: 'python', code: CODE }],
      nodes: [{ id: 'shout', task: 'shout', inputs: { text: { value: 'hello' } } }],
      layout: { shout: { x: 0, y: 0 }, 'output:o0': { x: 360, y: 0 } },
    },
  });
  await openEditor(page, wf.id);
  await node(page, 'shout').click();
  await page.getByTestId('tab-task').click();
  const section = page.getByTestId('task-section-requirements');
  await section.getByRole('button', { name: /Python packages/ }).click();
  await expect(section.getByTestId('requirements')).toContainText('None');

  // A mistake first: core's rule answers under the row, and Problems has it too.
  await section.getByTestId('requirement-new').fill('podflow tiny dep');
  await section.getByTestId('requirement-new').press('Enter');
  await expect(section.getByTestId('requirement-0')).toHaveValue('podflow tiny dep');
  await expect(section.getByRole('alert')).toHaveText('requirement 1 ("podflow tiny dep") is not a valid requirement: expected a version operator (=== ~= == != <= >= < >) (column 9)');
  await screenshot(page, 'requirements-error');

  // Fixed in place.
  await section.getByTestId('requirement-0').fill('podflow-tiny-dep==1.0.0');
  await expect(section.getByTestId('field-problem')).toHaveCount(0);
  await expect(section.getByRole('button', { name: /Python packages \(1\)/ })).toBeVisible();
  await waitSaved(page);
  const saved = await getWorkflow(api, wf.id);
  expect((saved.draft.document.spec.tasks as { requirements?: string[] }[])[0]!.requirements).toEqual(['podflow-tiny-dep==1.0.0']);

  // The compiled pod: the install step as an init container (the workflow's default, install).
  await page.getByTestId('tab-compiled').click();
  const compiled = page.getByTestId('compiled-tab');
  await expect(compiled).toContainText('1 container, 1 init');
  await compiled.getByTestId('compiled-copy').click();
  const yaml = await page.evaluate(() => navigator.clipboard.readText());
  expect(yaml).toContain('    - name: podflow-requirements');
  expect(yaml).toMatch(/- "--target"\n\s+- \/podflow\/deps\n\s+- podflow-tiny-dep==1\.0\.0\n/);
  await screenshot(page, 'requirements-compiled');

  // Run locally: the node says it is installing, the install step's log has pip's words, the output imports it.
  await page.getByTestId('run-button').click();
  const dialog = page.getByTestId('run-dialog');
  await dialog.getByTestId('run-submit').click();
  const waiting = node(page, 'shout').getByTestId('node-run-waiting');
  await expect(waiting).toHaveText('Installing requirements: podflow-tiny-dep==1.0.0', { timeout: 30_000 });
  await screenshot(page, 'requirements-installing');
  await expect(panel(page)).toHaveAttribute('data-run-status', 'succeeded', { timeout: 60_000 });
  await expect(panel(page).getByTestId('run-output-o0')).toHaveText('HELLO! tiny-dep 1.0.0');
  await panel(page).getByTestId('exec-shout').getByRole('button', { name: 'shout' }).click();
  const details = panel(page).getByTestId('exec-details');
  await details.getByTestId('details-tab-logs').click();
  await details.getByTestId('container-podflow-requirements').click();
  await expect(details.getByTestId('log-viewer')).toContainText('installing requirements: podflow-tiny-dep==1.0.0');
  await expect(details.getByTestId('log-viewer')).toContainText('Successfully installed podflow-tiny-dep-1.0.0');
  await expect(details.getByTestId('exit-podflow-requirements')).toHaveText('exit 0');
  await screenshot(page, 'requirements-run');

  // The workflow setting for clusters: "the image has them" leaves the pod as it is.
  await page.locator('.react-flow__pane').click({ position: { x: 60, y: 60 } });
  await expect(page.getByTestId('workflow-settings')).toBeVisible();
  await page.getByTestId('wf-requirements-mode').selectOption('image');
  await waitSaved(page);
  await screenshot(page, 'requirements-workflow-setting');
  expect((await getWorkflow(api, wf.id)).draft.document.spec.settings).toEqual({ requirements: 'image' });
  await node(page, 'shout').click();
  await page.getByTestId('tab-compiled').click();
  await expect(page.getByTestId('compiled-diagnostics')).toContainText('must already contain podflow-tiny-dep==1.0.0');
  await expect(page.getByTestId('compiled-tab').getByText(/· 1 container$/)).toBeVisible();
  await screenshot(page, 'requirements-image-mode');
});
