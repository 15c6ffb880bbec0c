import { describe, expect, expectTypeOf, it } from 'vitest';
import { RunEventSchema } from './run-events';
import {
  ExecutionIdSchema,
  executionIdOf,
  type ExecutionId,
  dynamicChildExecutionId,
  isExecutionId,
  isMapItem,
  mapItemExecutionId,
  mapItemOf,
  nodeExecutionId,
  nodeIdOfExecution,
  parentExecutionId,
} from './execution-id';

describe('execution ids', () => {
  it('builds NODE, NODE[i], NODE/CHILD and their nestings, and reads them back', () => {
    const map = mapItemExecutionId(nodeExecutionId('m'), 12);
    expect(map).toBe('m[12]');
    const child = dynamicChildExecutionId(nodeExecutionId('d'), 's');
    expect(child).toBe('d/s');
    const nested = mapItemExecutionId(dynamicChildExecutionId(child, 't'), 2);
    expect(nested).toBe('d/s/t[2]');
    expect(parentExecutionId(map)).toBe('m');
    expect(parentExecutionId(child)).toBe('d');
    expect(parentExecutionId('d/s/t')).toBe('d/s');
    expect(parentExecutionId(nested)).toBe('d/s/t');
    expect(parentExecutionId('top')).toBeUndefined();
    expect(nodeIdOfExecution(nested)).toBe('d');
    expect(nodeIdOfExecution('m[2]')).toBe('m');
    expect(mapItemOf(nested)).toEqual({ parent: 'd/s/t', index: 2 });
    expect(mapItemOf('d/s')).toBeUndefined();
    expect(isMapItem('m[0]')).toBe(true);
    expect(isMapItem('m')).toBe(false);
  });

  it('accepts only well-formed ids from outside', () => {
    for (const ok of ['n', 'n[0]', 'n/child', 'n/c.1[3]', 'a-b_c[12]/x']) {
      expect(isExecutionId(ok)).toBe(true);
      expect(ExecutionIdSchema.safeParse(ok).success).toBe(true);
    }
    for (const bad of ['', '1n', 'n[', 'n[a]', 'n//x', 'n x', `n/${'c'.repeat(129)}`]) {
      expect(isExecutionId(bad), bad).toBe(false);
      const parsed = ExecutionIdSchema.safeParse(bad);
      expect(parsed.success).toBe(false);
    }
    expect(ExecutionIdSchema.safeParse('n x').error?.issues[0]?.message).toMatch(/execution id like NODE/);
  });

  it('run events carry the branded id, produced by the same parser (no cast anywhere)', () => {
    const e = RunEventSchema.parse({ type: 'node-started', executionId: 'map[2]', runId: 'r', seq: 1, ts: 1 });
    if (e.type !== 'node-started') throw new Error(`parsed as ${e.type}`);
    expectTypeOf(e.executionId).toEqualTypeOf<ExecutionId>();
    expect(e.executionId).toBe(mapItemExecutionId('map', 2));
    expect(RunEventSchema.safeParse({ type: 'node-started', executionId: 'map[x]', runId: 'r', seq: 1, ts: 1 }).error?.issues[0]?.path).toEqual(['executionId']);
  });

  it('executionIdOf brands known text and throws, naming the format, on anything else', () => {
    expectTypeOf(executionIdOf('n')).toEqualTypeOf<ExecutionId>();
    expect(executionIdOf('n/c[1]')).toBe('n/c[1]');
    expect(() => executionIdOf('n x')).toThrow(/execution id like NODE/);
  });
});
