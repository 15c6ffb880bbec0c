import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, podflow, repoRoot } from '../../cli/cli-harness';
import { freshNamespace, testKubeConfig } from './testing/k8s-test-env';

// `podflow preflight` built, against the test cluster: exit 0 when the cluster would accept the run, 1 with the
// diagnostics when it would not, 2 for an invalid workflow; --json prints the result.
const dir = mkdtempSync(join(tmpdir(), 'podflow-preflight-cli-'));
let ns: string;

function file(name: string, pod?: unknown): string {
  const path = join(dir, `${name}.podflow.yaml`);
  writeFileSync(
    path,
    stringify({
      apiVersion: 'podflow/v1alpha1',
      kind: 'Workflow',
      metadata: { name },
      spec: { tasks: [{ name: 't', type: 'python', code: 'def t() -> int:\n    return 1\n', ...(pod ? { pod } : {}) }], nodes: [{ id: 't', task: 't' }] },
    }),
  );
  return path;
}

beforeAll(async () => {
  ns = await freshNamespace(testKubeConfig(), 'preflight-cli');
  buildCli();
}, 180_000);

describe('podflow preflight (built CLI)', () => {
  const seed = (name: string) => join(repoRoot, 'examples', 'seed', `${name}.podflow.yaml`);

  it('exit 0 for the seed examples that fit the test cluster', () => {
    for (const name of ['multiple-containers-pod-workflow', 'map-pod-workflow', 'dynamic-pod-workflow']) {
      const r = podflow(['preflight', seed(name), '--namespace', ns]);
      expect(r.stderr).toContain('the cluster would accept it');
      expect(r.status, `${name}: ${r.stderr}`).toBe(0);
    }
  });

  it('exit 1 for the seed pod-workflow: its nodeSelector node_group=memory matches no node of the test cluster', () => {
    const r = podflow(['preflight', seed('pod-workflow'), '--namespace', ns]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error\[preflight-no-node\] \(node pod_task, spec\.tasks\[0\]\.pod\.spec\.nodeSelector\["node_group"\]\): no node matches `node_group=memory` \(no node has the label node_group; labels on the nodes: .*type\)/);
  });

  it('exit 1 with the diagnostic naming the node and the field; --json', () => {
    const bad = file('bad', { spec: { nodeSelector: { node_group: 'memory' }, volumes: [{ name: 'v', secret: { secretName: 'absent' } }], containers: [{ name: 'primary', volumeMounts: [{ name: 'v', mountPath: '/v' }] }] } });
    const r = podflow(['preflight', bad, '--namespace', ns]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`error[preflight-missing-object] (node t, spec.tasks[0].pod.spec.volumes[0].secret.secretName): Secret "absent" does not exist in namespace ${ns}`);
    expect(r.stderr).toContain('error[preflight-no-node] (node t, spec.tasks[0].pod.spec.nodeSelector["node_group"]): no node matches `node_group=memory`');
    const json = podflow(['preflight', bad, '--namespace', ns, '--json']);
    expect(json.status).toBe(1);
    const out = JSON.parse(json.stdout) as { ok: boolean; namespace: string; diagnostics: { code: string }[] };
    expect(out).toMatchObject({ ok: false, namespace: ns });
    expect(out.diagnostics.map((d) => d.code).sort()).toEqual(['preflight-missing-object', 'preflight-no-node']);
  });

  it('exit 2 for an invalid workflow or an unknown context', () => {
    const invalid = file('invalid', { spec: { containers: [{ name: 'primary', volumeMounts: [{ name: 'nope', mountPath: '/x' }] }] } });
    expect(podflow(['preflight', invalid, '--namespace', ns]).status).toBe(2);
    const r = podflow(['preflight', file('ok'), '--context', 'no-such-context']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('the kubeconfig has no context "no-such-context"');
  });
});
