import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryWorkflow } from '../__fixtures__/arbitrary-workflow';
import { deepFreeze } from '../__fixtures__/deep-freeze';
import { cloneJson, stableStringify } from '../util/json';
import type { WorkflowDoc } from '../document/workflow-schema';
import { diffWorkflows, isEmptyDiff, type WorkflowDiff } from './diff-workflows';
import { nodeId } from '../document/ids';
import type { WorkflowEdge } from '../graph/node-edges';
import { renameNode } from '../ops/rename-node';

/**
 * Two versions that share most of their content: `b` keeps some of `a`'s tasks, nodes, inputs, outputs and layout
 * entries, takes others' bodies from an unrelated workflow `c` under `a`'s names (a change), and adds some of `c`'s
 * (an addition). Two unrelated arbitrary workflows would share almost nothing, and every diff would be all adds.
 */
function mix(a: WorkflowDoc, c: WorkflowDoc, picks: number[]): WorkflowDoc {
  let i = 0;
  const pick = () => picks[i++ % picks.length]! % 3; // 0 keep, 1 drop, 2 replace the body
  const mixList = <T extends object>(xs: readonly T[] | undefined, ys: readonly T[] | undefined, key: keyof T): T[] => {
    const out: T[] = [];
    const others = [...(ys ?? [])];
    for (const x of xs ?? []) {
      const p = pick();
      if (p === 0) out.push(x);
      else if (p === 2 && others.length) out.push({ ...others.shift()!, [key]: x[key] });
    }
    const taken = new Set(out.map((x) => x[key]));
    for (const y of others) if (pick() === 0 && !taken.has(y[key])) out.push(y);
    return out;
  };
  const layout: Record<string, { x: number; y: number }> = {};
  for (const [k, v] of Object.entries(a.spec.layout ?? {})) if (pick() !== 1) layout[k] = pick() === 2 ? { x: v.x + 1, y: v.y } : v;
  for (const [k, v] of Object.entries(c.spec.layout ?? {})) if (pick() === 0 && !(k in layout)) layout[k] = v;
  return {
    ...a,
    metadata: pick() === 2 ? c.metadata : a.metadata,
    spec: {
      ...(pick() === 2 ? c.spec : a.spec),
      tasks: mixList(a.spec.tasks, c.spec.tasks, 'name'),
      nodes: mixList(a.spec.nodes, c.spec.nodes, 'id'),
      inputs: mixList(a.spec.inputs, c.spec.inputs, 'name'),
      outputs: mixList(a.spec.outputs, c.spec.outputs, 'name'),
      layout,
    },
  };
}

/** Renames some of the nodes `b` kept from `a` (in place, as the editor does), so that pairs exercise renames too. */
function renameSome(a: WorkflowDoc, b: WorkflowDoc, picks: number[]): WorkflowDoc {
  const fromA = new Set((a.spec.nodes ?? []).map((n) => n.id));
  let doc = b;
  (b.spec.nodes ?? []).forEach((n, i) => {
    if (!fromA.has(n.id) || picks[i % picks.length]! % 2 !== 0) return;
    const r = renameNode(doc, n.id, nodeId(`${n.id.slice(0, 50)}_r${i}`));
    if (r.ok) doc = r.doc;
  });
  return doc;
}

const arbPair = fc
  .tuple(arbitraryWorkflow(), arbitraryWorkflow(), fc.array(fc.nat(), { minLength: 1, maxLength: 40 }))
  .map(([a, c, picks]) => [a, renameSome(a, mix(a, c, picks), picks)] as const);

/** The diff in a comparable shape (field lists as sets), or (flip) seen from the other side: added ↔ removed, moves reversed. */
function shape(d: WorkflowDiff, flip: boolean) {
  const swap = flip
    ? ({ added: 'removed', removed: 'added', changed: 'changed', moved: 'moved', renamed: 'renamed' } as const)
    : ({ added: 'added', removed: 'removed', changed: 'changed', moved: 'moved', renamed: 'renamed' } as const);
  // Seen from the other side, a renamed node goes by its other id, and so do the edges that name it.
  const otherId = new Map(flip ? d.nodes.filter((n) => n.renamedFrom !== undefined).map((n) => [n.id, n.renamedFrom!]) : []);
  const id = (x: string) => otherId.get(x) ?? x;
  const edge = (e: WorkflowEdge): string =>
    stableStringify(e.kind === 'node' ? { ...e, from: id(e.from), to: id(e.to) } : e.kind === 'workflow-input' ? { ...e, to: id(e.to) } : { ...e, from: id(e.from) });
  const fields = (f: string[]) => [...f].sort();
  const move = (m: { from: unknown; to: unknown } | undefined) => (m ? (flip ? { from: m.to, to: m.from } : m) : undefined);
  const list = <T extends { name: string; fields: string[]; moved?: { from: unknown; to: unknown } }>(l: { added: string[]; removed: string[]; changed: T[] }) => ({
    added: [...(flip ? l.removed : l.added)].sort(),
    removed: [...(flip ? l.added : l.removed)].sort(),
    changed: l.changed.map((c) => ({ name: c.name, fields: fields(c.fields), moved: move(c.moved) })).sort((x, y) => x.name.localeCompare(y.name)),
  });
  return {
    nodes: d.nodes
      .map((n) => ({ id: id(n.id), renamedFrom: flip && n.renamedFrom !== undefined ? n.id : n.renamedFrom, status: swap[n.status], nodeFields: fields(n.nodeFields), taskFields: fields(n.taskFields), moved: move(n.moved) }))
      .sort((x, y) => x.id.localeCompare(y.id)),
    edges: { added: (flip ? d.edges.removed : d.edges.added).map(edge).sort(), removed: (flip ? d.edges.added : d.edges.removed).map(edge).sort() },
    tasks: list(d.tasks),
    inputs: list(d.inputs),
    outputs: list(d.outputs),
    settings: fields(d.settings),
  };
}

/**
 * What the diff compares: the order of lists, an empty list against an absent one, and layout entries that name
 * nothing are not differences a person would call a change.
 */
function canonical(doc: WorkflowDoc): string {
  const byName = <T,>(xs: readonly T[] | undefined, key: (x: T) => string) => [...(xs ?? [])].sort((x, y) => key(x).localeCompare(key(y)));
  const keys = new Set([...(doc.spec.nodes ?? []).map((n) => n.id), ...(doc.spec.inputs ?? []).map((i) => `input:${i.name}`), ...(doc.spec.outputs ?? []).map((o) => `output:${o.name}`)]);
  return stableStringify({
    ...doc,
    spec: {
      ...doc.spec,
      tasks: byName(doc.spec.tasks, (t) => t.name),
      nodes: byName(doc.spec.nodes, (n) => n.id),
      inputs: byName(doc.spec.inputs, (i) => i.name),
      outputs: byName(doc.spec.outputs, (o) => o.name),
      layout: Object.fromEntries(Object.entries(doc.spec.layout ?? {}).filter(([k]) => keys.has(k))),
    },
  });
}

let renamedSeen = 0;

describe('diffWorkflows, properties', () => {
  it('diff(a, a) is empty, also against a deep copy', () => {
    fc.assert(
      fc.property(arbitraryWorkflow(), (a) => {
        deepFreeze(a);
        expect(isEmptyDiff(diffWorkflows(a, a))).toBe(true);
        expect(isEmptyDiff(diffWorkflows(a, cloneJson(a)))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('diff(b, a) is the mirror of diff(a, b), and is empty exactly when the two are the same workflow', () => {
    fc.assert(
      fc.property(arbPair, ([a, b]) => {
        deepFreeze(a);
        deepFreeze(b);
        const ab = diffWorkflows(a, b);
        const ba = diffWorkflows(b, a);
        renamedSeen += ab.nodes.filter((n) => n.status === 'renamed').length;
        expect(shape(ba, false)).toEqual(shape(ab, true));
        expect(isEmptyDiff(ab)).toBe(canonical(a) === canonical(b));
      }),
      { numRuns: 200 },
    );
    expect(renamedSeen, 'pairs with renamed nodes (7–36 in 200 runs; over 10 was flaky)').toBeGreaterThan(0);
  });
});
