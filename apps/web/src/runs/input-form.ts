import { checkJsonValue, formatPyType, inputsOf, nodeInputPorts, parsePyType, type Json, type PyType, type WorkflowDoc } from '@podflow/core';

/**
 * The run dialog's form for a workflow's inputs, built from their types: int, float and str as text fields, bool as
 * a checkbox, lists, dicts and any-JSON values as JSON. `Optional[T]` adds a "None" choice. Values are checked as the
 * server will check them (core's `checkJsonValue`), so a mistake shows beside its field before anything is sent.
 */
export type FieldKind = 'int' | 'float' | 'str' | 'bool' | 'json';

export interface InputField {
  name: string;
  typeText: string;
  /** Undefined when the input's type does not parse (validation reports it; the field takes JSON). */
  type: PyType | undefined;
  kind: FieldKind;
  optional: boolean;
  default: Json | undefined;
  description?: string;
  /** A node port whose task parameter has a default: left empty, it is not sent (the default applies). */
  omitWhenEmpty?: boolean;
}

/** What a field holds while the person edits it. */
export interface FieldValue {
  text: string;
  checked: boolean;
  /** Optional inputs only: None (null) is chosen. */
  none: boolean;
}

/** `missing`: the field is empty and has no default to fall back on (said as "required", not as a bad value). */
export type ParsedField = { ok: true; value: Json } | { ok: false; message: string; missing?: true };

function kindOf(t: PyType | undefined): FieldKind {
  switch (t?.kind) {
    case 'int':
    case 'float':
    case 'str':
    case 'bool':
      return t.kind;
    default:
      return 'json';
  }
}

export function inputFields(doc: WorkflowDoc): InputField[] {
  return inputsOf(doc).map((input) => {
    const parsed = parsePyType(input.type);
    const type = parsed.ok ? parsed.type : undefined;
    const optional = type?.kind === 'optional';
    const inner = type?.kind === 'optional' ? type.of : type;
    return {
      name: input.name,
      typeText: type ? formatPyType(type) : input.type,
      type,
      kind: kindOf(inner),
      optional,
      default: input.default,
      ...(input.description ? { description: input.description } : {}),
    };
  });
}

/** The form of one node's input ports (a run of that node alone). */
export function portFields(doc: WorkflowDoc, nodeId: string): InputField[] {
  return (nodeInputPorts(doc, nodeId) ?? []).map((port) => {
    const optional = port.type?.kind === 'optional';
    const inner = port.type?.kind === 'optional' ? port.type.of : port.type;
    return {
      name: port.name,
      typeText: port.typeText,
      type: port.type,
      kind: kindOf(inner),
      optional,
      default: undefined,
      ...(port.optional ? { omitWhenEmpty: true, description: 'Has a default in the code: leave empty to use it' } : {}),
    };
  });
}

/** The field's starting value: `value` (an earlier run's, say), else the default, else empty. */
export function initialValue(field: InputField, value: Json | undefined = field.default): FieldValue {
  if (value === undefined) return { text: '', checked: false, none: false };
  if (value === null && field.optional) return { text: '', checked: false, none: true };
  switch (field.kind) {
    case 'bool':
      return { text: '', checked: value === true, none: false };
    case 'str':
      return { text: typeof value === 'string' ? value : JSON.stringify(value), checked: false, none: false };
    case 'int':
    case 'float':
      return { text: typeof value === 'number' ? String(value) : JSON.stringify(value), checked: false, none: false };
    case 'json':
      return { text: JSON.stringify(value, null, Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null) ? undefined : 2), checked: false, none: false };
  }
}

const INT_TEXT = /^[+-]?\d+$/;

/** The JSON value of a field, or why it is not one. */
export function parseField(field: InputField, v: FieldValue): ParsedField {
  if (field.optional && v.none) return { ok: true, value: null };
  let value: Json;
  switch (field.kind) {
    case 'bool':
      return { ok: true, value: v.checked };
    case 'str':
      value = v.text;
      break;
    case 'int': {
      const t = v.text.trim();
      if (!t) return { ok: false, message: field.optional ? 'Required: enter a whole number, or choose None' : 'Required: enter a whole number', missing: true };
      if (!INT_TEXT.test(t)) return { ok: false, message: `“${t}” is not a whole number` };
      value = Number(t);
      break;
    }
    case 'float': {
      const t = v.text.trim();
      if (!t) return { ok: false, message: field.optional ? 'Required: enter a number, or choose None' : 'Required: enter a number', missing: true };
      const n = Number(t);
      if (!Number.isFinite(n)) return { ok: false, message: `“${t}” is not a number` };
      value = n;
      break;
    }
    case 'json': {
      const t = v.text.trim();
      if (!t) return { ok: false, message: `Required: enter a JSON value of type ${field.typeText}`, missing: true };
      try {
        value = JSON.parse(t) as Json;
      } catch (e) {
        return { ok: false, message: `Not valid JSON: ${(e as Error).message}` };
      }
      break;
    }
  }
  if (field.type) {
    const problem = checkJsonValue(value, field.type);
    if (problem) return { ok: false, message: capitalize(problem) };
  }
  return { ok: true, value };
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

export interface ParsedForm {
  inputs: Record<string, Json>;
  /** The problem of each field that has one, by field name. */
  errors: Record<string, string>;
  /** The fields left empty that need a value, in form order. */
  missing: string[];
}

/** Every field parsed: the inputs to send, the problems by field name, and which required fields are empty. */
export function parseForm(fields: readonly InputField[], values: Readonly<Record<string, FieldValue>>): ParsedForm {
  const inputs: Record<string, Json> = {};
  const errors: Record<string, string> = {};
  const missing: string[] = [];
  for (const f of fields) {
    const v = values[f.name] ?? initialValue(f);
    if (f.omitWhenEmpty && f.kind !== 'bool' && !v.none && v.text.trim() === '') continue;
    const r = parseField(f, v);
    if (r.ok) inputs[f.name] = r.value;
    else {
      errors[f.name] = r.message;
      if (r.missing) missing.push(f.name);
    }
  }
  return { inputs, errors, missing };
}
