/**
 * Keyboard combos as written in commands (`Mod+Shift+Z`, `Delete`, `?`, `Shift+1`): matching a KeyboardEvent and
 * showing them the platform's way (⌘⇧Z on macOS, Ctrl+Shift+Z elsewhere).
 */
export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

interface Combo {
  mod: boolean;
  shift: boolean;
  alt: boolean;
  key: string;
}

export function parseCombo(combo: string): Combo {
  const parts = combo.split('+');
  // "Mod+=" and "Mod+-" end in the key itself; "Mod++" is not used.
  const key = parts.pop() ?? '';
  return { mod: parts.includes('Mod'), shift: parts.includes('Shift'), alt: parts.includes('Alt'), key };
}

export interface KeyLike {
  key: string;
  code?: string;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function matchesCombo(e: KeyLike, combo: string, mac = isMac): boolean {
  const c = parseCombo(combo);
  const mod = mac ? e.metaKey : e.ctrlKey;
  const otherMod = mac ? e.ctrlKey : e.metaKey;
  if (mod !== c.mod || otherMod || e.altKey !== c.alt) return false;
  // Printable symbols that need Shift on most layouts ("?") match whatever Shift says.
  if (c.key === '?') return e.key === '?';
  if (e.shiftKey !== c.shift) return false;
  if (/^[0-9]$/.test(c.key)) return e.code === `Digit${c.key}` || e.key === c.key;
  if (c.key === '=') return e.key === '=' || e.key === '+';
  return e.key.toLowerCase() === c.key.toLowerCase();
}

const MAC_SYMBOLS: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥', Delete: '⌦', Backspace: '⌫', Escape: 'Esc' };

/** Parts of a combo to show as separate keycaps. */
export function comboParts(combo: string, mac = isMac): string[] {
  const c = parseCombo(combo);
  const parts: string[] = [];
  if (c.mod) parts.push(mac ? '⌘' : 'Ctrl');
  if (c.alt) parts.push(mac ? '⌥' : 'Alt');
  if (c.shift) parts.push(mac ? '⇧' : 'Shift');
  const key = mac ? (MAC_SYMBOLS[c.key] ?? c.key) : c.key === 'Escape' ? 'Esc' : c.key;
  parts.push(key.length === 1 ? key.toUpperCase() : key);
  return parts;
}

export const formatCombo = (combo: string, mac = isMac): string => comboParts(combo, mac).join(mac ? '' : '+');
