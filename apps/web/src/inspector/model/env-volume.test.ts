import { describe, expect, it } from 'vitest';
import { envKindOf, withEnvKind } from './env-var';
import { volumeSourceOf, withVolumeKind } from './volume-kind';

describe('env kinds', () => {
  it('reads and switches the kind of a variable', () => {
    expect(envKindOf({ name: 'A', value: '1' })).toBe('value');
    expect(envKindOf({ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } })).toBe('secretKeyRef');
    expect(envKindOf({ name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } })).toBe('other');
    expect(withEnvKind({ name: 'A', value: '1' }, 'configMapKeyRef')).toEqual({ name: 'A', valueFrom: { configMapKeyRef: { name: '', key: '' } } });
    expect(withEnvKind({ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }, 'value')).toEqual({ name: 'A', value: '' });
    const other = { name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } };
    expect(withEnvKind(other, 'other')).toBe(other);
  });
});

describe('volume kinds', () => {
  it('reads and switches the source of a volume', () => {
    expect(volumeSourceOf({ name: 'v', emptyDir: { medium: 'Memory' } })).toBe('emptyDir');
    expect(volumeSourceOf({ name: 'v' })).toBeUndefined();
    expect(withVolumeKind({ name: 'v', emptyDir: {} }, 'secret')).toEqual({ name: 'v', secret: { secretName: '' } });
    const v = { name: 'v', hostPath: { path: '/tmp' } };
    expect(withVolumeKind(v, 'hostPath')).toBe(v);
  });
});
