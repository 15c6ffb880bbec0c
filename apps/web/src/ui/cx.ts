/** Joins class names, skipping the ones that are off (`false`, `null`, `undefined`, `''`). */
export const cx = (...names: (string | false | null | undefined)[]): string => names.filter(Boolean).join(' ');
