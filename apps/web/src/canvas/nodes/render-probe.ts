/**
 * Counts renders of node bodies per canvas id, for browser tests only: a page that defines
 * `window.__podflowRenders` (a Map, set by an init script) gets a count per node; otherwise this is one property read.
 * The canvas test uses it to check that a pan or a zoom step re-renders no node already drawn.
 */
export function noteRender(id: string): void {
  const counts = (globalThis as { __podflowRenders?: Map<string, number> }).__podflowRenders;
  if (counts) counts.set(id, (counts.get(id) ?? 0) + 1);
}
