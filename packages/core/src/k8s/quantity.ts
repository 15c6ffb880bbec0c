/**
 * Kubernetes resource quantities (apimachinery `resource.Quantity`), kept as written: `500Mi`, `.5`, `1`, `1e3`.
 * The inspector parses them to check a field as it is typed, to compare a request with its limit, and to split a value
 * into an amount and a unit for the unit-aware inputs; it never rewrites a quantity the person did not edit.
 */

const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))((?:[KMGTPE]i)|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

const MULTIPLIER: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

export type QuantityValue = string | number;

export type ParsedQuantity =
  | { ok: true; value: number; amount: string; suffix: string }
  | { ok: false; message: string };

export function parseQuantity(input: QuantityValue): ParsedQuantity {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, message: 'must be a finite number' };
    return { ok: true, value: input, amount: String(input), suffix: '' };
  }
  const text = input.trim();
  if (text === '') return { ok: false, message: 'must not be empty' };
  if (text !== input) return { ok: false, message: 'must not have spaces around it' };
  if (/\s/.test(text)) return { ok: false, message: `must not contain spaces (write ${text.replace(/\s+/g, '')})` };
  const m = QUANTITY.exec(text);
  if (!m) {
    return {
      ok: false,
      message: "must be a quantity such as 500m, 0.5, 1, 128Mi or 1G (a number, then one of m, k, M, G, T, Ki, Mi, Gi, Ti…)",
    };
  }
  const amount = m[1]!;
  const suffix = m[2] ?? '';
  const base = Number(amount);
  const value = /^[eE][+-]?[0-9]+$/.test(suffix) ? base * 10 ** Number(suffix.slice(1)) : base * MULTIPLIER[suffix]!;
  return { ok: true, value, amount, suffix };
}

export const isQuantity = (input: QuantityValue): boolean => parseQuantity(input).ok;

/** The resources the form offers, with the units each takes. The document key for `gpu` is `nvidia.com/gpu`. */
export interface ResourceKind {
  key: string;
  label: string;
  units: readonly { suffix: string; label: string }[];
  /** Extended resources (GPUs) take whole numbers only. */
  integer?: boolean;
  placeholder: string;
}

const BYTE_UNITS = [
  { suffix: 'Mi', label: 'Mi' },
  { suffix: 'Gi', label: 'Gi' },
  { suffix: 'Ki', label: 'Ki' },
  { suffix: 'Ti', label: 'Ti' },
  { suffix: 'M', label: 'M' },
  { suffix: 'G', label: 'G' },
  { suffix: 'k', label: 'k' },
  { suffix: 'T', label: 'T' },
  { suffix: '', label: 'bytes' },
] as const;

export const RESOURCE_KINDS: readonly ResourceKind[] = [
  { key: 'cpu', label: 'CPU', units: [{ suffix: '', label: 'cores' }, { suffix: 'm', label: 'millicores' }], placeholder: '0.5' },
  { key: 'memory', label: 'Memory', units: BYTE_UNITS, placeholder: '512' },
  { key: 'nvidia.com/gpu', label: 'GPU', units: [{ suffix: '', label: 'GPUs' }], integer: true, placeholder: '1' },
  { key: 'ephemeral-storage', label: 'Ephemeral', units: BYTE_UNITS, placeholder: '1' },
];

/** Task-level resources name the GPU `gpu` (as flytekit does); the compiler turns it into `nvidia.com/gpu`. */
export const TASK_RESOURCE_KINDS: readonly ResourceKind[] = RESOURCE_KINDS.map((k) =>
  k.key === 'nvidia.com/gpu' ? { ...k, key: 'gpu' } : k,
);

/**
 * Splits a stored quantity into the amount shown in the text box and the unit shown in the select. A value whose
 * suffix is not one of the field's units (an exponent, `1E`, or something invalid) is shown whole in the text box.
 */
export function splitQuantity(value: QuantityValue | undefined, kind: ResourceKind): { amount: string; unit: string } {
  if (value === undefined) return { amount: '', unit: kind.units[0]!.suffix };
  const parsed = parseQuantity(value);
  if (parsed.ok && kind.units.some((u) => u.suffix === parsed.suffix)) return { amount: parsed.amount, unit: parsed.suffix };
  return { amount: String(value), unit: '' };
}

const PLAIN_NUMBER = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)?$/;

/**
 * What the document stores after a person typed `amount` with `unit` selected: undefined when cleared; the typed text
 * as is when it carries its own suffix (`500Mi` typed in the box wins over the select); otherwise amount + unit.
 */
export function joinQuantity(amount: string, unit: string): string | undefined {
  const text = amount.trim();
  if (text === '') return undefined;
  if (!PLAIN_NUMBER.test(text)) return text;
  return text + unit;
}

/** Messages for one quantity of one resource, in the words Kubernetes uses. */
export function checkQuantity(value: QuantityValue, kind?: Pick<ResourceKind, 'integer'>): string | undefined {
  const parsed = parseQuantity(value);
  if (!parsed.ok) return parsed.message;
  if (parsed.value < 0) return 'must be greater than or equal to 0';
  if (kind?.integer && !Number.isInteger(parsed.value)) return 'must be a whole number';
  return undefined;
}

/** Kubernetes: a request must not exceed its limit. Returns a message for the request field, if any. */
export function checkRequestWithinLimit(request: QuantityValue | undefined, limit: QuantityValue | undefined): string | undefined {
  if (request === undefined || limit === undefined) return undefined;
  const r = parseQuantity(request);
  const l = parseQuantity(limit);
  if (!r.ok || !l.ok) return undefined;
  return r.value > l.value ? `must be less than or equal to the limit (${String(limit)})` : undefined;
}

/** A short reading of a quantity for the hint under a field: `= 0.5 CPU`, `≈ 95.4 MiB`. */
export function describeQuantity(value: QuantityValue, resource: string): string | undefined {
  const parsed = parseQuantity(value);
  if (!parsed.ok) return undefined;
  if (resource === 'cpu') {
    const cores = parsed.value;
    return cores < 1 ? `= ${round(cores * 1000)} millicores` : `= ${round(cores)} ${cores === 1 ? 'core' : 'cores'}`;
  }
  if (resource === 'memory' || resource === 'ephemeral-storage') return `≈ ${formatBinaryBytes(parsed.value)}`;
  return undefined;
}

function round(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

function formatBinaryBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return i === 0 ? `${round(v)} bytes` : `${Math.round(v * 10) / 10} ${units[i]}`;
}
