import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, podflow, repoRoot } from './cli-harness';

// The bundled CLI (`podflow run`, `podflow validate`) with a task's requirements: installed once per data directory
// from a wheel built here (pip offline: PIP_NO_INDEX + PIP_FIND_LINKS, the server's PIP_* passthrough), refused when
// malformed, and a clear failure when pip cannot find one.
const T = { timeout: 180_000 };
const work = mkdtempSync(join(tmpdir(), 'podflow-cli-reqs-'));
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  buildCli();
  cpSync(join(repoRoot, 'apps/server/src/executors/local/__fixtures__/tiny-dep'), join(work, 'src'), { recursive: true });
  execFileSync('python3', ['-m', 'pip', 'wheel', '--no-build-isolation', '--no-deps', '--no-index', '--disable-pip-version-check', join(work, 'src'), '-w', join(work, 'wheels')], { stdio: 'pipe' });
  env = { PIP_NO_INDEX: '1', PIP_FIND_LINKS: join(work, 'wheels') };
}, T.timeout);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function workflow(name: string, requirement: string): string {
  const file = join(work, `${name}.podflow.yaml`);
  writeFileSync(
    file,
    `apiVersion: podflow/v1alpha1
kind: Workflow
metadata: { name: ${name} }
spec:
  outputs: [{ name: o0, type: str, from: { node: shout, output: o0 } }]
  tasks:
    - name: shout
      type: python
      requirements: [${JSON.stringify(requirement)}]
      code: |
        def shout(text: str) -> str:
            import podflow_tiny_dep
            return podflow_tiny_dep.shout(text)
  nodes: [{ id: shout, task: shout, inputs: { text: { value: hi } } }]
`,
  );
  return file;
}

describe('podflow run: a task with requirements', () => {
  it('installs them once into the data directory and the task imports them; a second run reuses the environment', T, () => {
    const data = join(work, 'data');
    const file = workflow('clireq', 'podflow-tiny-dep==1.0.0');
    const first = podflow(['run', file, '--json', '--data-dir', data], { env });
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ status: 'succeeded', outputs: { o0: 'HI!' } });
    const envs = readdirSync(join(data, 'envs'));
    expect(envs).toHaveLength(1);
    const created = (JSON.parse(readFileSync(join(data, 'envs', envs[0]!, 'env.json'), 'utf8')) as { createdAt: string }).createdAt;

    const second = podflow(['run', file, '--json', '--data-dir', data], { env });
    expect(second.status, second.stderr).toBe(0);
    expect(readdirSync(join(data, 'envs'))).toEqual(envs);
    expect((JSON.parse(readFileSync(join(data, 'envs', envs[0]!, 'env.json'), 'utf8')) as { createdAt: string }).createdAt).toBe(created);
  });

  it('a requirement pip cannot find: exit 1, the error names the task, the requirement and pip\'s reason', T, () => {
    const r = podflow(['run', workflow('clireq-missing', 'podflow-tiny-dep==9.9'), '--json', '--data-dir', join(work, 'data-missing')], { env });
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { status: string; error: string };
    expect(out.status).toBe('failed');
    expect(out.error).toMatch(/task "shout": could not install its requirements: pip could not install podflow-tiny-dep==9\.9: .*No matching distribution found for podflow-tiny-dep==9\.9/);
  });

  it('a malformed requirement is refused before anything runs (validate and run, exit 2 and 1 as documented)', T, () => {
    const file = workflow('clireq-bad', '-e .');
    const v = podflow(['validate', file]);
    expect(v.status).toBe(1);
    expect(v.stdout + v.stderr).toContain('error[requirement-invalid] (task shout, spec.tasks[0].requirements[0]): requirement 1 ("-e .") is a pip option');
    const r = podflow(['run', file, '--json', '--data-dir', join(work, 'data-bad')], { env });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('requirement-invalid');
  });
});
