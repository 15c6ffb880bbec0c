import { describe, expect, it } from 'vitest';
import { append, getIn, insertAt, moveItem, removeAt, renameKey, setIn, updateIn } from './immutable';

const spec = {
  priorityClassName: 'high',
  containers: [
    { name: 'primary', resources: { requests: { cpu: '1' } }, unknownField: { keep: true } },
    { name: 'side', image: 'alpine' },
  ],
};

describe('setIn', () => {
  it('copies only the path and keeps every other field', () => {
    const next = setIn(spec, ['containers', 1, 'image'], 'busybox');
    expect(next.containers[1]).toEqual({ name: 'side', image: 'busybox' });
    expect(next.priorityClassName).toBe('high');
    expect(next.containers[0]).toBe(spec.containers[0]);
    expect(spec.containers[1]!.image).toBe('alpine');
  });

  it('creates objects and arrays on the way', () => {
    expect(setIn({}, ['volumes', 0, 'emptyDir', 'medium'], 'Memory')).toEqual({ volumes: [{ emptyDir: { medium: 'Memory' } }] });
  });

  it('removes a key with undefined, and prunes emptied parents only as far as asked', () => {
    const cleared = setIn(spec, ['containers', 0, 'resources', 'requests', 'cpu'], undefined, { prune: 2 });
    expect(cleared.containers[0]).toEqual({ name: 'primary', unknownField: { keep: true } });
    const shallow = setIn(spec, ['containers', 0, 'resources', 'requests', 'cpu'], undefined, { prune: 1 });
    expect(shallow.containers[0]!.resources).toEqual({});
    const none = setIn(spec, ['containers', 0, 'resources', 'requests', 'cpu'], undefined);
    expect(none.containers[0]!.resources).toEqual({ requests: {} });
  });

  it('never prunes when setting a value', () => {
    expect(setIn({ a: { b: {} } }, ['a', 'b'], {}, { prune: 3 })).toEqual({ a: { b: {} } });
  });
});

describe('array edits', () => {
  it('moves, inserts, removes and appends', () => {
    expect(moveItem(spec, ['containers'], 1, 0).containers.map((c) => c.name)).toEqual(['side', 'primary']);
    expect(moveItem(spec, ['containers'], 1, 5)).toBe(spec);
    expect(removeAt(spec, ['containers'], 0).containers.map((c) => c.name)).toEqual(['side']);
    expect(removeAt({ v: [1] }, ['v'], 0, { dropEmpty: true })).toEqual({});
    expect(insertAt({ v: [1, 3] }, ['v'], 1, 2)).toEqual({ v: [1, 2, 3] });
    expect(append({}, ['v'], 1)).toEqual({ v: [1] });
  });
});

describe('getIn / updateIn / renameKey', () => {
  it('reads and updates along a path', () => {
    expect(getIn(spec, ['containers', 0, 'resources', 'requests', 'cpu'])).toBe('1');
    expect(getIn(spec, ['containers', 9, 'name'])).toBeUndefined();
    expect(updateIn({ n: 1 }, ['n'], (v) => (v as number) + 1)).toEqual({ n: 2 });
  });

  it('renames a key in place', () => {
    const next = renameKey({ m: { a: 1, b: 2, c: 3 } }, ['m'], 'b', 'x');
    expect(Object.keys(next.m)).toEqual(['a', 'x', 'c']);
  });
});
