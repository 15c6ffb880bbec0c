import { describe, expect, it } from 'vitest';
import { nodeId } from '../document/ids';
import { expectOk, expectRefused } from '../__fixtures__/expect-ok';
import { diamond, mapAndDynamic } from '../__fixtures__/small-docs';
import { setMap } from './set-map';

describe('setMap', () => {
  it('makes a node a map node, before its inputs', () => {
    const doc = expectOk(setMap(diamond, nodeId('b'), { concurrency: 3 }));
    expect(Object.keys(doc.spec.nodes![1]!)).toEqual(['id', 'task', 'map', 'inputs']);
  });

  it('makes a map node plain again', () => {
    const doc = expectOk(setMap(mapAndDynamic, nodeId('map_pod_task'), undefined));
    expect(doc.spec.nodes![0]).toEqual({ id: 'map_pod_task', task: 'map_pod_task', inputs: { int_val: { input: 'list_of_ints' } } });
    expect(expectOk(setMap(diamond, nodeId('b'), undefined))).toBe(diamond);
  });

  it('refuses a missing node and settings the schema refuses', () => {
    expect(expectRefused(setMap(diamond, nodeId('zz'), {}))).toMatch(/no node/);
    expect(expectRefused(setMap(diamond, nodeId('b'), { minSuccessRatio: 2 }))).toMatch(/minSuccessRatio/);
  });
});
