import { describe, expect, it } from 'vitest';
import { parseWorkflowOrThrow } from '../document/parse-workflow';
import { toFlytekitModule } from './flyte-module';

const doc = (settings: string) =>
  parseWorkflowOrThrow(`
apiVersion: podflow/v1alpha1
kind: Workflow
metadata: { name: reqs }
spec:
${settings}
  tasks:
    - name: t
      type: python
      requirements: ["requests==2.31.0", "attrs>=23"]
      code: "def t() -> int:\\n    return 1\\n"
  nodes: [{ id: t, task: t }]
`);

const source = (settings: string): string => {
  const r = toFlytekitModule(doc(settings));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.module;
};

describe('Flyte export of a task with requirements', () => {
  it('install: the task image becomes an ImageSpec with the packages (Flyte builds them in at registration)', () => {
    const py = source('');
    expect(py).toMatch(/from flytekit import .*ImageSpec/);
    expect(py).toContain('container_image=ImageSpec(base_image="python:3.12-slim", packages=["requests==2.31.0", "attrs>=23"])');
  });

  it('image: the image is kept, and a comment says it must contain them', () => {
    const py = source('  settings: { requirements: image }');
    expect(py).not.toContain('ImageSpec');
    expect(py).toContain('# Python packages the image must already contain: requests==2.31.0, attrs>=23\n@task');
  });
});
