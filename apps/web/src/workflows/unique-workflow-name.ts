/**
 * The name for a new copy of `base` that no workflow has yet: `base` itself when free, else `base-2`, `base-3`…
 * (cut so that it stays a DNS-1123 label of at most 63 characters).
 */
export function uniqueWorkflowName(base: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  if (!names.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const name = `${base.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!names.has(name)) return name;
  }
}
