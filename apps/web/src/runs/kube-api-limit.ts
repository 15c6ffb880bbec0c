import { KubernetesRunSchema } from '@podflow/core';

/** A typed API limit, checked by the rule the server applies (core's KubernetesRunSchema): '' is the default. */
export function parseLimit(name: 'qps' | 'burst', text: string): { value?: number; error?: string } {
  const t = text.trim();
  if (t === '') return {};
  const n = Number(t);
  if (!Number.isFinite(n)) return { error: name === 'qps' ? 'expected a number of API calls a second' : 'expected a whole number of API calls' };
  const checked = KubernetesRunSchema.shape[name].safeParse(n);
  return checked.success ? { value: n } : { error: checked.error.issues[0]?.message ?? 'not allowed' };
}
