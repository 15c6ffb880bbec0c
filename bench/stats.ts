/** Median and spread of repeated measurements: every figure the benchmark prints is one of these. */
export interface Stat {
  median: number;
  min: number;
  max: number;
  p95?: number;
  runs: number;
}

export function stat(samples: number[]): Stat {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  return { median: at(0.5), min: s[0]!, max: s[s.length - 1]!, p95: at(0.95), runs: s.length };
}

export const fmt = (n: number, digits = 1): string => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(digits));
export const spread = (s: Stat, unit = ''): string => `${fmt(s.median)}${unit} (${fmt(s.min)}–${fmt(s.max)})`;
