import { describe, expect, it } from 'vitest';
import { mapPod } from '../__fixtures__/docs';
import { applyConnection } from './apply-connection';
import { checkConnection } from './connection-check';

describe('checkConnection', () => {
  const doc = mapPod();

  it('accepts fitting types, with the map node expecting a list on its mapped input', () => {
    expect(checkConnection(doc, { source: 'input:list_of_ints', sourceHandle: 'value', target: 'map_pod_task', targetHandle: 'int_val' }).ok).toBe(true);
    expect(checkConnection(doc, { source: 'map_pod_task', sourceHandle: 'o0', target: 'coalesce', targetHandle: 'list_of_strings' }).ok).toBe(true);
  });

  it('refuses a type mismatch and says why', () => {
    const r = checkConnection(doc, { source: 'coalesce', sourceHandle: 'o0', target: 'square', targetHandle: 'x' });
    expect(r).toEqual({ ok: false, reason: 'Type mismatch: coalesce.o0 is str, but square.x expects int.' });
    const m = checkConnection(doc, { source: 'square', sourceHandle: 'o0', target: 'map_pod_task', targetHandle: 'int_val' });
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.reason).toContain('expects list[int]');
  });

  it('refuses cycles and self-loops', () => {
    const r = checkConnection(doc, { source: 'coalesce', sourceHandle: 'o0', target: 'map_pod_task', targetHandle: 'int_val' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/cycle/);
    expect(checkConnection(doc, { source: 'square', sourceHandle: 'o0', target: 'square', targetHandle: 'x' }).ok).toBe(false);
  });

  it('refuses edges into workflow inputs and out of workflow outputs', () => {
    expect(checkConnection(doc, { source: 'square', sourceHandle: 'o0', target: 'input:list_of_ints', targetHandle: 'value' }).ok).toBe(false);
    expect(checkConnection(doc, { source: 'output:o0', sourceHandle: 'value', target: 'square', targetHandle: 'x' }).ok).toBe(false);
  });
});

describe('applyConnection', () => {
  it('binds a node input (replacing its old binding)', () => {
    const r = applyConnection(mapPod(), { source: 'square', sourceHandle: 'o0', target: 'coalesce', targetHandle: 'list_of_strings' }, []);
    // int → list[str] does not fit
    expect(r.ok).toBe(false);
  });

  it('turns a pending output into a real one, typed from its source', () => {
    const r = applyConnection(mapPod(), { source: 'square', sourceHandle: 'o0', target: 'output:result', targetHandle: 'value' }, [
      { name: 'result', position: { x: 5, y: 6 } },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.spec.outputs?.at(-1)).toEqual({ name: 'result', type: 'int', from: { node: 'square', output: 'o0' } });
    expect(r.doc.spec.layout?.['output:result']).toEqual({ x: 5, y: 6 });
  });

  it('re-points an existing output', () => {
    const r = applyConnection(mapPod(), { source: 'map_pod_task', sourceHandle: 'o0', target: 'output:o0', targetHandle: 'value' }, []);
    // list[str] into a declared str output does not fit
    expect(r.ok).toBe(false);
  });
});
