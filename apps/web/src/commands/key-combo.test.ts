import { describe, expect, it } from 'vitest';
import { formatCombo, matchesCombo } from './key-combo';

const ev = (key: string, mods: Partial<{ meta: boolean; ctrl: boolean; shift: boolean; alt: boolean }> = {}, code?: string) => ({
  key,
  code,
  metaKey: !!mods.meta,
  ctrlKey: !!mods.ctrl,
  shiftKey: !!mods.shift,
  altKey: !!mods.alt,
});

describe('key combos', () => {
  it('maps Mod to Ctrl off macOS and ⌘ on macOS', () => {
    expect(matchesCombo(ev('z', { ctrl: true }), 'Mod+Z', false)).toBe(true);
    expect(matchesCombo(ev('z', { meta: true }), 'Mod+Z', true)).toBe(true);
    expect(matchesCombo(ev('z', { meta: true }), 'Mod+Z', false)).toBe(false);
  });

  it('requires Shift exactly, except for symbols typed with it', () => {
    expect(matchesCombo(ev('Z', { ctrl: true, shift: true }), 'Mod+Z', false)).toBe(false);
    expect(matchesCombo(ev('Z', { ctrl: true, shift: true }), 'Mod+Shift+Z', false)).toBe(true);
    expect(matchesCombo(ev('?', { shift: true }), '?', false)).toBe(true);
    expect(matchesCombo(ev('!', { shift: true }, 'Digit1'), 'Shift+1', false)).toBe(true);
  });

  it('formats for each platform', () => {
    expect(formatCombo('Mod+Shift+Z', false)).toBe('Ctrl+Shift+Z');
    expect(formatCombo('Mod+Shift+Z', true)).toBe('⌘⇧Z');
    expect(formatCombo('Delete', false)).toBe('Delete');
  });
});
