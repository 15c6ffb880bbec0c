import { describe, expect, it } from 'vitest';
import { parseWorkflowOrThrow } from '../../document/parse-workflow';
import { checkRun } from '../check-run';
import { validateWorkflow } from '../validate-workflow';

const yaml = (requirements: string[], extra = '') => `
apiVersion: podflow/v1alpha1
kind: Workflow
metadata: { name: reqs }
spec:
${extra}
  tasks:
    - name: other
      type: python
      code: "def other() -> int:\\n    return 1\\n"
    - name: t
      type: python
      requirements: ${JSON.stringify(requirements)}
      code: "def t() -> int:\\n    return 1\\n"
  nodes:
    - { id: o, task: other }
    - { id: n, task: t }
`;
const problems = (requirements: string[], extra = '') =>
  validateWorkflow(parseWorkflowOrThrow(yaml(requirements, extra))).filter((d) => d.code.startsWith('requirement') || d.code === 'reserved-name');

describe('requirements rule', () => {
  it('a list of good requirements is clean, and the field round-trips through the schema', () => {
    const doc = parseWorkflowOrThrow(yaml(['requests==2.31.0', 'Foo[bar]>=1,<2; python_version >= "3.8"']));
    expect(doc.spec.tasks?.[1]?.requirements).toEqual(['requests==2.31.0', 'Foo[bar]>=1,<2; python_version >= "3.8"']);
    expect(problems(['requests==2.31.0', 'Foo[bar]>=1,<2; python_version >= "3.8"'])).toEqual([]);
  });

  it('names the task, the field and the index of each bad line, and blocks the run', () => {
    const found = problems(['ok', 'bad name', '-e .', 'x @ https://e.com/x.whl', './pkg', '']);
    expect(found.map((d) => [d.code, d.task, d.path])).toEqual([
      ['requirement-invalid', 't', 'spec.tasks[1].requirements[1]'],
      ['requirement-invalid', 't', 'spec.tasks[1].requirements[2]'],
      ['requirement-invalid', 't', 'spec.tasks[1].requirements[3]'],
      ['requirement-invalid', 't', 'spec.tasks[1].requirements[4]'],
      ['requirement-invalid', 't', 'spec.tasks[1].requirements[5]'],
    ]);
    expect(found[0]?.message).toBe('requirement 2 ("bad name") is not a valid requirement: expected a version operator (=== ~= == != <= >= < >) (column 5)');
    expect(found[1]?.message).toMatch(/pip option/);
    expect(found[2]?.message).toMatch(/URL/);
    expect(found[3]?.message).toMatch(/local path/);
    expect(found[4]?.message).toBe('requirement 6 is empty');
    expect(checkRun(parseWorkflowOrThrow(yaml(['bad name']))).blockers.map((d) => d.code)).toEqual(['requirement-invalid']);
  });

  it('refuses a project named twice under PEP 503 normalisation', () => {
    const found = problems(['Foo_Bar>=1', 'requests', 'foo.bar<2']);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'requirement-duplicate', path: 'spec.tasks[1].requirements[2]', task: 't' });
    expect(found[0]?.message).toMatch(/already required by requirement 1 \("Foo_Bar>=1"\)/);
  });

  it("reserves the install step's container and volume names, and the mount path in install mode", () => {
    const podYaml = (mountPath: string) => `
apiVersion: podflow/v1alpha1
kind: Workflow
metadata: { name: reqs }
spec:
  tasks:
    - name: t
      type: python
      requirements: [requests]
      code: "def t() -> int:\\n    return 1\\n"
      pod:
        spec:
          initContainers: [{ name: podflow-requirements, image: busybox, command: [true] }]
          containers: [{ name: primary, volumeMounts: [{ name: podflow-deps, mountPath: ${mountPath} }] }]
          volumes: [{ name: podflow-deps, emptyDir: {} }]
  nodes: [{ id: n, task: t }]
`;
    const reserved = validateWorkflow(parseWorkflowOrThrow(podYaml('/podflow/deps'))).filter((d) => d.code === 'reserved-name');
    expect(reserved.map((d) => d.path).sort()).toEqual([
      'spec.tasks[0].pod.spec.containers[0].volumeMounts[0].mountPath',
      'spec.tasks[0].pod.spec.initContainers[0].name',
      'spec.tasks[0].pod.spec.volumes[0].name',
    ]);
    const elsewhere = validateWorkflow(parseWorkflowOrThrow(podYaml('/data'))).filter((d) => d.code === 'reserved-name');
    expect(elsewhere).toHaveLength(2);
  });

  it('spec.settings.requirements takes install or image, nothing else', () => {
    expect(() => parseWorkflowOrThrow(yaml(['x'], '  settings: { requirements: image }'))).not.toThrow();
    expect(() => parseWorkflowOrThrow(yaml(['x'], '  settings: { requirements: bake }'))).toThrow(/settings/);
  });
});
