import { describe, expect, it } from 'vitest';
import { argoRequired, argoValidator, validateWithArgo } from '../../../../scripts/argo/argo-validator.mjs';
import { parseWorkflowOrThrow } from '../document/parse-workflow';
import { toArgoWorkflow } from '../export/argo/to-argo-workflow';
import { toArgoYaml } from '../export/argo/to-argo-yaml';
import { validateCompiledPod } from '../validate/validate-compiled-pod';
import { validateWorkflow } from '../validate/validate-workflow';
import { compile } from './compile';
import { DEPS_MOUNT_PATH, DEPS_VOLUME, REQUIREMENTS_CONTAINER } from './runtime-contract';
import { taskCacheKey } from './task-cache-key';
import { toKubernetesYaml } from './to-kubernetes-yaml';

const doc = (settings = '', requirements = '[requests==2.31.0, "attrs>=23"]') =>
  parseWorkflowOrThrow(`
apiVersion: podflow/v1alpha1
kind: Workflow
metadata: { name: reqs }
spec:
  defaults: { image: "python:3.12-slim" }
${settings}
  tasks:
    - name: t
      type: python
      requirements: ${requirements}
      env: { PIP_INDEX_URL: "https://pypi.example/simple" }
      code: "def t(x: int) -> int:\\n    import requests\\n    return x\\n"
      pod:
        spec:
          initContainers: [{ name: fetch, image: busybox, command: [sh, -c, "true"] }]
          containers:
            - name: primary
              image: my/image:1
              imagePullPolicy: IfNotPresent
              securityContext: { runAsUser: 1000 }
              resources: { requests: { cpu: 250m } }
  nodes: [{ id: n, task: t, inputs: { x: { value: 1 } } }]
`);

describe('compile: a task with requirements', () => {
  it('install (the default): an init container in the primary\'s image pip-installs them into an emptyDir the primary mounts', () => {
    const d = doc();
    expect(validateWorkflow(d).filter((x) => x.severity === 'error')).toEqual([]);
    const c = compile(d, 'n');
    const spec = c.pod.spec!;
    // After the user's own init containers: a native sidecar the network depends on (a mesh proxy) runs first.
    expect(spec.initContainers?.map((x) => x.name)).toEqual(['fetch', REQUIREMENTS_CONTAINER]);
    const init = spec.initContainers![1]!;
    expect(init.image).toBe('my/image:1');
    expect(init.imagePullPolicy).toBe('IfNotPresent');
    expect(init.securityContext).toEqual({ runAsUser: 1000 });
    expect(init.command).toEqual(['python3', '-m', 'pip', 'install', '--no-cache-dir', '--disable-pip-version-check', '--target', DEPS_MOUNT_PATH, 'requests==2.31.0', 'attrs>=23']);
    expect(init.volumeMounts).toEqual([{ name: DEPS_VOLUME, mountPath: DEPS_MOUNT_PATH }]);
    const initEnv = Object.fromEntries((init.env ?? []).map((e) => [e.name, e.value]));
    expect(initEnv.PIP_INDEX_URL).toBe('https://pypi.example/simple'); // the task's env reaches pip
    expect(initEnv.PODFLOW_INPUTS).toBeUndefined(); // Podflow's runtime variables do not
    expect(initEnv.PODFLOW_NODE).toBe('n'); // its identity does, as for every container
    expect(spec.volumes?.find((v) => v.name === DEPS_VOLUME)).toEqual({ name: DEPS_VOLUME, emptyDir: {} });
    const primary = spec.containers.find((x) => x.name === 'primary')!;
    expect(primary.volumeMounts).toContainEqual({ name: DEPS_VOLUME, mountPath: DEPS_MOUNT_PATH, readOnly: true });
    expect(primary.env).toContainEqual({ name: 'PODFLOW_DEPS_DIR', value: DEPS_MOUNT_PATH });
    expect(c.requirements).toEqual(['requests==2.31.0', 'attrs>=23']);
    expect(validateCompiledPod(d, c).filter((x) => x.severity === 'error')).toEqual([]);
    expect(c.diagnostics).toEqual([]);
    expect(toKubernetesYaml([c])).toContain('name: podflow-requirements');
  });

  it('image: the pod is left as it is, with an info diagnostic that the image must contain them', () => {
    const c = compile(doc('  settings: { requirements: image }'), 'n');
    expect(c.pod.spec?.initContainers?.map((x) => x.name)).toEqual(['fetch']);
    expect(c.pod.spec?.volumes?.map((v) => v.name)).not.toContain(DEPS_VOLUME);
    expect(c.pod.spec?.containers[0]?.env?.map((e) => e.name)).not.toContain('PODFLOW_DEPS_DIR');
    expect(c.requirements).toEqual(['requests==2.31.0', 'attrs>=23']); // the local executor still installs them
    expect(c.diagnostics).toEqual([
      expect.objectContaining({ code: 'requirements-in-image', severity: 'info', task: 't', nodeId: 'n', path: 'spec.tasks[0].requirements' }),
    ]);
    expect(c.diagnostics[0]?.message).toMatch(/"my\/image:1" must already contain requests==2\.31\.0, attrs>=23/);
  });

  it('a task without requirements compiles exactly as before, and keeps its cache key', () => {
    const d = doc('', '[]');
    const c = compile(d, 'n');
    expect(c.pod.spec?.initContainers?.map((x) => x.name)).toEqual(['fetch']);
    expect(c.requirements).toBeUndefined();
    const without = parseWorkflowOrThrow(JSON.stringify({ ...d, spec: { ...d.spec, tasks: [{ ...d.spec.tasks![0]!, requirements: undefined }] } }));
    expect(taskCacheKey(d, 't', { x: 1 })).toBe(taskCacheKey(without, 't', { x: 1 }));
    expect(taskCacheKey(doc(), 't', { x: 1 })).not.toBe(taskCacheKey(d, 't', { x: 1 }));
  });
});

const validator = argoValidator();

describe.skipIf(validator.missing && !argoRequired)(`Argo export carries the install step${validator.missing ? ` (SKIPPED: ${validator.missing})` : ''}`, () => {
  it("as the template's last init container, with its volume, and Argo's own validation accepts it", () => {
    const e = toArgoWorkflow(doc());
    if (!e.ok) throw new Error(JSON.stringify(e.diagnostics));
    const yaml = toArgoYaml(e);
    expect(yaml).toContain(`name: ${REQUIREMENTS_CONTAINER}`);
    expect(yaml).toContain(`name: ${DEPS_VOLUME}`);
    const result = validateWithArgo(validator.bin!, yaml);
    expect(result.documents.filter((d) => d.error)).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
