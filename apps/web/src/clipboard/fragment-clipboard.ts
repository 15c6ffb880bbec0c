import { parse, stringify } from 'yaml';
import { FragmentSchema, type Fragment } from '@podflow/core';

/**
 * Copy/paste of canvas nodes goes through the system clipboard as YAML of a fragment (nodes + the tasks they need +
 * their positions), so it works between workflows, tabs and windows, and the text can be read or pasted into a file.
 * A copy is also kept in memory for browsers that refuse clipboard reads.
 */
const HEADER = '# Podflow nodes (paste into a Podflow canvas)\n';
let memory: string | null = null;

export function fragmentToText(fragment: Fragment): string {
  return HEADER + stringify(fragment, { lineWidth: 0, blockQuote: 'literal', aliasDuplicateObjects: false });
}

/** A fragment from clipboard text, or undefined when the text is not one (parsed at the boundary). */
export function fragmentFromText(text: string): Fragment | undefined {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  const parsed = FragmentSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

export async function writeFragment(fragment: Fragment): Promise<void> {
  const text = fragmentToText(fragment);
  memory = text;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    /* no permission: the in-memory copy still pastes within this tab */
  }
}

/** The fragment on the clipboard (system clipboard first, then this tab's last copy). */
export async function readFragment(): Promise<Fragment | undefined> {
  try {
    const text = await navigator.clipboard.readText();
    const fromSystem = fragmentFromText(text);
    if (fromSystem) return fromSystem;
    if (text && text !== memory) return undefined; // something else is on the clipboard: do not paste a stale copy
  } catch {
    /* no permission */
  }
  return memory ? fragmentFromText(memory) : undefined;
}
