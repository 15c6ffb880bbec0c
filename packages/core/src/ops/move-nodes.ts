import type { Position, WorkflowDoc } from '../document/workflow-schema';
import { inputLayoutKey, inputsOf, nodesOf, outputLayoutKey, outputsOf } from '../document/accessors';
import { withSpecField } from './with-field';

/**
 * Sets canvas positions, keyed as `spec.layout` is: node id, `input:NAME`, `output:NAME`. Keys that name nothing in
 * the document and non-finite coordinates are skipped. The document itself when nothing moves. O(V + moved).
 */
export function moveNodes(doc: WorkflowDoc, positions: Readonly<Record<string, Position>>): WorkflowDoc {
  const keys = new Set<string>();
  for (const n of nodesOf(doc)) keys.add(n.id);
  for (const i of inputsOf(doc)) keys.add(inputLayoutKey(i.name));
  for (const o of outputsOf(doc)) keys.add(outputLayoutKey(o.name));
  const layout = doc.spec.layout ?? {};
  const moves = new Map<string, Position>();
  for (const [key, p] of Object.entries(positions)) {
    if (!keys.has(key) || !Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    const old = Object.hasOwn(layout, key) ? layout[key] : undefined;
    if (old && old.x === p.x && old.y === p.y) continue;
    moves.set(key, { x: p.x, y: p.y });
  }
  if (moves.size === 0) return doc;
  const entries = Object.entries(layout).map(([key, p]): [string, Position] => {
    const moved = moves.get(key);
    if (moved) moves.delete(key);
    return [key, moved ?? p];
  });
  return withSpecField(doc, 'layout', Object.fromEntries([...entries, ...moves]));
}
