import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import podSpecSchema from './generated/podspec.schema.json';
import { validate as prebuilt } from './generated/podspec-validate.js';
import { validatePodSpec } from './validate-pod-spec';

/** PodSpecs of every kind of problem the schema finds, and valid ones. */
const SPECS: unknown[] = [
  { containers: [{ name: 'main', image: 'python:3.12' }] },
  { containers: [{ name: 'main', image: 'x', resources: { limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: 0.5 } } }], restartPolicy: 'Never' },
  { containers: [{ name: 'main', image: 'x', bogus: 1 }] },
  { containers: [{ name: 'main', imagePullPolicy: 'Sometimes' }], restartPolicy: 'Maybe' },
  { containers: [{ name: 'main', resources: { limits: { memory: '1 GB' } } }] },
  { containers: [{ name: 'main', ports: [{ containerPort: '80' }] }], initContainers: [{ image: 'x' }] },
  { containers: 'main' },
  { volumes: [{ name: 'v', hostPath: { path: '/data', type: 'Folder' } }], containers: [] },
  { containers: [{ name: 'm', env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 1 } } }] }], tolerations: [{ operator: 'Sometimes' }] },
];

describe('the PodSpec validator compiled at build time (scripts/gen-podspec-schema.mjs)', () => {
  it('answers as Ajv compiling the current schema at run time does, errors included', () => {
    const runtime = new Ajv({ allErrors: true, strict: false }).compile(podSpecSchema);
    for (const spec of SPECS) {
      expect(prebuilt(spec), JSON.stringify(spec)).toBe(runtime(spec));
      expect(prebuilt.errors ?? null).toEqual(runtime.errors ?? null);
    }
  });

  it('names the field and the problem', () => {
    expect(validatePodSpec(SPECS[0])).toEqual([]);
    expect(validatePodSpec(SPECS[2])).toEqual([{ path: 'containers[0].bogus', message: 'unknown field "bogus"' }]);
    expect(validatePodSpec(SPECS[3])).toEqual(
      expect.arrayContaining([
        { path: 'containers[0].imagePullPolicy', message: 'must be one of "Always", "IfNotPresent", "Never"' },
        { path: 'restartPolicy', message: 'must be one of "Always", "OnFailure", "Never"' },
      ]),
    );
    expect(validatePodSpec(SPECS[4])).toEqual([{ path: 'containers[0].resources.limits.memory', message: 'is not a valid quantity (for example 500Mi, 1G, 0.5 or 250m)' }]);
    expect(validatePodSpec(SPECS[5])).toEqual(
      expect.arrayContaining([
        { path: 'containers[0].ports[0].containerPort', message: 'must be number' },
        { path: 'initContainers[0]', message: 'is missing required field "name"' },
      ]),
    );
  });
});
