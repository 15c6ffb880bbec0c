import type { NodeId } from '../document/ids';

/**
 * Positions reachable from `starts` by at least one step along `next`, as ids. A start is included only when it is
 * reachable from a start (on a cycle, or downstream of another start). O(V + E).
 */
export function reachable(ids: readonly NodeId[], next: readonly (readonly number[])[], starts: readonly number[]): Set<NodeId> {
  const seen = new Uint8Array(ids.length);
  const stack: number[] = [];
  for (const s of starts) for (const j of next[s]!) stack.push(j);
  const found = new Set<NodeId>();
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (seen[i]) continue;
    seen[i] = 1;
    found.add(ids[i]!);
    for (const j of next[i]!) if (!seen[j]) stack.push(j);
  }
  return found;
}
