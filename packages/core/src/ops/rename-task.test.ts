import { describe, expect, it } from 'vitest';
import { expectOk, expectRefused } from '../__fixtures__/expect-ok';
import { diamond, mapAndDynamic } from '../__fixtures__/small-docs';
import { renameTask } from './rename-task';

describe('renameTask', () => {
  it('renames the task, its def line, and every node invoking it', () => {
    const doc = expectOk(renameTask(diamond, 'step', 'add'));
    expect(doc.spec.tasks![1]!.code).toBe('def add(a: int, b: int = 0) -> int:\n    return a + b\n');
    expect(doc.spec.nodes!.map((n) => n.task)).toEqual(['source', 'add', 'add', 'add']);
    expect(doc.spec.tasks![0]).toBe(diamond.spec.tasks![0]);
  });

  it("renames plain calls in dynamic tasks' code, not strings or comments", () => {
    const doc = expectOk(renameTask(mapAndDynamic, 'stringify', 'to_text'));
    const dynamic = doc.spec.tasks!.find((t) => t.name === 'dynamic_pod_task')!;
    expect(dynamic.code).toContain('s.append(to_text(x=i))  # stringify( in a comment');
    expect(dynamic.code).toContain('"""Calls stringify(x) once per item;');
    expect(doc.spec.tasks!.find((t) => t.name === 'to_text')!.code).toMatch(/^def to_text\(x: int\)/);
  });

  it('leaves the nodes list alone when no node invokes the task', () => {
    const doc = expectOk(renameTask(mapAndDynamic, 'stringify', 'to_text'));
    expect(doc.spec.nodes).toBe(mapAndDynamic.spec.nodes);
  });

  it('refuses a missing task, an invalid or taken name', () => {
    expect(expectRefused(renameTask(diamond, 'nope', 'x'))).toMatch(/no task/);
    expect(expectRefused(renameTask(diamond, 'step', 'source'))).toMatch(/already exists/);
    expect(expectRefused(renameTask(diamond, 'step', 'class'))).toMatch(/Python identifier/);
    expect(expectRefused(renameTask(diamond, 'step', '1x'))).toMatch(/Python identifier/);
    expect(expectOk(renameTask(diamond, 'step', 'step'))).toBe(diamond);
  });
});
