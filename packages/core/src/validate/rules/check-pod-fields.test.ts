import { describe, expect, it } from 'vitest';
import { parseWorkflowOrThrow } from '../../document/parse-workflow';
import { SEED_EXAMPLES, seedDoc } from '../../__fixtures__/seed-examples';
import { validateWorkflow } from '../validate-workflow';

const doc = parseWorkflowOrThrow(`apiVersion: podflow/v1alpha1
kind: Workflow
metadata: { name: fields }
spec:
  podTemplate:
    spec:
      volumes: [{ name: shared, emptyDir: {} }]
  tasks:
    - name: t
      type: python
      code: |
        def t() -> int:
            return 1
      resources: { requests: { cpu: "2" }, limits: { cpu: "1" } }
      env: { "1BAD": x }
      pod:
        labels: { team: "data science" }
        spec:
          containers:
            - name: primary
              ports: [{ containerPort: 70000, name: HTTP }]
              volumeMounts: [{ name: shared, mountPath: /shared }, { name: data, mountPath: data }]
          volumes: [{ name: data }]
  nodes:
    - { id: t, task: t }
`);

describe('checkPodFields: the inspector’s field rules are workflow diagnostics', () => {
  const diagnostics = validateWorkflow(doc);
  const at = (path: string) => diagnostics.filter((d) => d.path === path);

  it('names the task and the field of each problem, at the document path the form shows it', () => {
    expect(at('spec.tasks[0].resources.requests.cpu')).toEqual([
      { code: 'pod-field', severity: 'error', task: 't', path: 'spec.tasks[0].resources.requests.cpu', message: 'requests.cpu must be less than or equal to the limit (1)' },
    ]);
    expect(at('spec.tasks[0].pod.spec.containers[0].ports[0].containerPort')[0]).toMatchObject({ severity: 'error', task: 't', message: 'containerPort must be between 1 and 65535, inclusive' });
    expect(at('spec.tasks[0].pod.spec.containers[0].ports[0].name')[0]?.message).toMatch(/^name must contain only lowercase/);
    expect(at('spec.tasks[0].env["1BAD"]')[0]?.message).toMatch(/^env\.1BAD must consist of letters/);
    expect(at('spec.tasks[0].pod.labels.team')[0]?.message).toMatch(/^labels\.team value must be 63 characters or less/);
    expect(at('spec.tasks[0].pod.spec.volumes[0]')[0]).toMatchObject({ severity: 'error', message: expect.stringMatching(/^volumes\[0\] must specify a volume type/) });
    expect(at('spec.tasks[0].pod.spec.containers[0].volumeMounts[1].mountPath')[0]).toMatchObject({ severity: 'warning', message: 'mountPath should be an absolute path' });
  });

  it('takes the pod template’s volumes as mountable, and does not repeat what the workflow rules say', () => {
    expect(at('spec.tasks[0].pod.spec.containers[0].volumeMounts[0].name')).toEqual([]);
    const mountOfMissing = validateWorkflow(parseWorkflowOrThrow(JSON.stringify({ ...doc, spec: { ...doc.spec, podTemplate: undefined } })))
      .filter((d) => d.path === 'spec.tasks[0].pod.spec.containers[0].volumeMounts[0].name');
    expect(mountOfMissing.map((d) => d.code)).toEqual(['mount-missing-volume']);
  });

  it('finds nothing in the seed examples', () => {
    for (const name of SEED_EXAMPLES) expect(validateWorkflow(seedDoc(name)).filter((d) => d.code === 'pod-field'), name).toEqual([]);
  });
});

describe('checkPodFields over the PodSpec schema', () => {
  it('a quantity with a space: the field rule’s precise words replace the schema’s generic ones at that field', () => {
    const spaced = parseWorkflowOrThrow(JSON.stringify({ ...doc, spec: { ...doc.spec, tasks: [{ ...doc.spec.tasks![0]!, resources: undefined, pod: { spec: { containers: [{ name: 'primary', resources: { requests: { cpu: '1 ' } } }] } } }] } }));
    const at = validateWorkflow(spaced).filter((d) => d.path === 'spec.tasks[0].pod.spec.containers[0].resources.requests.cpu');
    expect(at.map((d) => [d.code, d.message])).toEqual([['pod-field', 'requests.cpu must not have spaces around it']]);
  });
});
