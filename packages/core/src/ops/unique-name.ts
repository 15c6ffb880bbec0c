/** `base` when free, else `base_2`, `base_3`… (DESIGN §8). O(number of taken names). */
export function uniqueName(base: string, taken: ReadonlySet<string>, maxLength = Infinity): string {
  const head = base.slice(0, maxLength);
  if (!taken.has(head)) return head;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = base.slice(0, maxLength - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}
