/**
 * The choices a combo box lists for what has been typed: exact match first, then those that start with it, then those
 * that contain it (case-insensitive), each group in the given order; at most `limit`, and how many more matched.
 */
export function comboMatches(choices: readonly string[], typed: string, limit: number): { shown: string[]; more: number } {
  const q = typed.trim().toLowerCase();
  if (q === '') return { shown: choices.slice(0, limit), more: Math.max(0, choices.length - limit) };
  const exact: string[] = [];
  const prefix: string[] = [];
  const inside: string[] = [];
  for (const choice of choices) {
    const c = choice.toLowerCase();
    if (c === q) exact.push(choice);
    else if (c.startsWith(q)) prefix.push(choice);
    else if (c.includes(q)) inside.push(choice);
  }
  const all = [...exact, ...prefix, ...inside];
  return { shown: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}
