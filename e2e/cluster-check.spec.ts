import type { APIRequestContext, Page } from '@playwright/test';
import { createWorkflow, expect, openEditor, screenshot, test, uniqueName } from './fixtures';

/**
 * "Check against cluster" in the run dialog (issue #17 §3). It runs by itself when the Kubernetes executor is chosen.
 * With KUBECONFIG pointing at the test cluster (scripts/k8s: one kwok node, labels type=kwok…), a workflow that fits
 * is accepted and the seed pod-workflow (nodeSelector node_group=memory) is not, its problem shown in the dialog, in
 * Problems and on the node. Without a cluster, the check says why it cannot. `npm test` runs the `@cluster` cases
 * against the test control plane (scripts/k8s/with-cluster.mjs) and the rest of the browser suite without one.
 */
test.describe.configure({ timeout: 120_000 });

async function fromExample(api: APIRequestContext, name: string): Promise<string> {
  const r = await api.get(`/api/examples/${name}`);
  expect(r.ok()).toBe(true);
  const { document } = (await r.json()) as { document: Record<string, unknown> & { metadata: { name: string } } };
  return (await createWorkflow(api, { ...document, metadata: { ...document.metadata, name: uniqueName(name) } })).id;
}

async function chooseKubernetes(page: Page) {
  await page.getByTestId('run-button').click();
  const dialog = page.getByTestId('run-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('executor-kubernetes').click();
  await expect(dialog.getByTestId('cluster-check')).toBeVisible();
  return dialog;
}

test.describe('with the test cluster', { tag: '@cluster' }, () => {
  test.skip(!process.env.KUBECONFIG, 'needs KUBECONFIG (scripts/k8s/start.sh); the case without a cluster is tested below');

  test('a workflow that fits is accepted; pod-workflow\'s nodeSelector matches no node: in the dialog, Problems and on the node', async ({ app: page, api }) => {
    await openEditor(page, await fromExample(api, 'multiple-containers-pod-workflow'));
    let dialog = await chooseKubernetes(page);
    await expect(dialog.getByTestId('cluster-check-ok')).toContainText('The cluster would accept it', { timeout: 30_000 });
    await screenshot(page, 'cluster-check-ok');
    await page.keyboard.press('Escape');

    await openEditor(page, await fromExample(api, 'pod-workflow'));
    dialog = await chooseKubernetes(page);
    const problems = dialog.getByTestId('cluster-check-problems');
    await expect(problems).toContainText('pod_task: no node matches `node_group=memory`', { timeout: 30_000 });
    await screenshot(page, 'cluster-check-problems');
    await problems.getByRole('button', { name: 'Show problems' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('problems-panel')).toContainText('no node matches `node_group=memory`');
    await screenshot(page, 'cluster-check-in-problems');
  });
});

test.describe('a run on the test cluster', { tag: '@cluster' }, () => {
  test.skip(!process.env.KUBECONFIG, 'needs KUBECONFIG (scripts/k8s/start.sh)');

  test('a pod stuck in ContainerCreating says why on its node, live (SIMULATED FailedMount from a kwok Stage)', async ({ app: page, api }) => {
    const wf = await createWorkflow(api, {
      apiVersion: 'podflow/v1alpha1',
      kind: 'Workflow',
      metadata: { name: uniqueName('stuck') },
      spec: {
        tasks: [
          {
            name: 'stuck',
            type: 'python',
            code: 'def stuck() -> int:\n    return 1\n',
            // kwok (scripts/k8s/kwok-stages.yaml) keeps this pod in ContainerCreating and reports a FailedMount Event
            pod: { annotations: { 'podflow.test/outcome': 'pending', 'podflow.test/simulate': 'FailedMount' } },
          },
        ],
        nodes: [{ id: 'stuck', task: 'stuck' }],
        layout: { stuck: { x: 0, y: 0 } },
      },
    });
    await openEditor(page, wf.id);
    const dialog = await chooseKubernetes(page);
    await expect(dialog.getByTestId('cluster-check-ok')).toBeVisible({ timeout: 30_000 });
    await dialog.getByTestId('run-submit').click();
    await expect(dialog).toHaveCount(0);
    const waiting = page.locator('.react-flow__node[data-id="stuck"]').getByTestId('node-run-waiting');
    await expect(waiting).toContainText('FailedMount: MountVolume.SetUp failed for volume "config"', { timeout: 30_000 });
    await screenshot(page, 'stuck-pod-says-why');
    // Cancelled here (it would fail after the stuck grace period, 120 s by default): the pod is deleted.
    await page.getByTestId('run-panel').getByTestId('cancel-run').click();
    await expect(page.getByTestId('run-panel')).toHaveAttribute('data-run-status', 'cancelled', { timeout: 60_000 });
  });
});

test('without a cluster, the check says why it cannot ask one', async ({ app: page, api }) => {
  test.skip(!!process.env.KUBECONFIG, 'KUBECONFIG is set: the cases above run instead');
  await openEditor(page, await fromExample(api, 'multiple-containers-pod-workflow'));
  const dialog = await chooseKubernetes(page);
  await expect(dialog.getByTestId('cluster-check')).toContainText('the kubernetes executor cannot start', { timeout: 30_000 });
  await expect(dialog.getByTestId('check-cluster')).toBeEnabled();
});
