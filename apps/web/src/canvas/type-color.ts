/** The colour family of a port type, as a CSS variable: the handle's dot and the type label share it. */
export function typeColor(typeText: string | undefined): string {
  const t = (typeText ?? '').trim();
  const inner = /^Optional\[(.*)\]$/.exec(t)?.[1] ?? t;
  if (/^(list|List)\b/.test(inner)) return 'var(--type-list)';
  if (/^(dict|Dict)\[/.test(inner)) return 'var(--type-dict)';
  switch (inner) {
    case 'int':
      return 'var(--type-int)';
    case 'float':
      return 'var(--type-float)';
    case 'str':
      return 'var(--type-str)';
    case 'bool':
      return 'var(--type-bool)';
    default:
      return 'var(--type-any)';
  }
}
