import { describe, expect, it } from 'vitest';
import { normalizePathString, parsePath, pathKey, resolvePath, startsWithPath } from './paths';

describe('paths', () => {
  it('parses and prints document paths', () => {
    expect(parsePath('spec.tasks[1].pod.spec.containers[0].name')).toEqual(['spec', 'tasks', 1, 'pod', 'spec', 'containers', 0, 'name']);
    expect(parsePath('a["x.y"][2]')).toEqual(['a', 'x.y', 2]);
    expect(pathKey(['containers', 0, 'resources', 'limits', 'nvidia.com/gpu'])).toBe('containers[0].resources.limits.nvidia.com/gpu');
    expect(normalizePathString('a["b"][0]')).toBe('a.b[0]');
  });

  it('re-joins keys with dots against the data', () => {
    const data = { limits: { 'nvidia.com/gpu': 1 }, nodeSelector: { 'kubernetes.io/arch': 'amd64' } };
    expect(resolvePath(data, parsePath('limits.nvidia.com/gpu'))).toEqual(['limits', 'nvidia.com/gpu']);
    expect(resolvePath(data, parsePath('nodeSelector.kubernetes.io/arch'))).toEqual(['nodeSelector', 'kubernetes.io/arch']);
    expect(resolvePath(data, ['missing', 'x'])).toEqual(['missing', 'x']);
  });

  it('tests prefixes', () => {
    expect(startsWithPath(['containers', 0, 'name'], ['containers', 0])).toBe(true);
    expect(startsWithPath(['containers', 1], ['containers', 0])).toBe(false);
  });
});
