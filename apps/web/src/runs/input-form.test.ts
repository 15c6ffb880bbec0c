import { describe, expect, it } from 'vitest';
import { parseWorkflowOrThrow, type WorkflowDoc } from '@podflow/core';
import { initialValue, inputFields, parseField, parseForm } from './input-form';

const doc: WorkflowDoc = parseWorkflowOrThrow({
  apiVersion: 'podflow/v1alpha1',
  kind: 'Workflow',
  metadata: { name: 'w' },
  spec: {
    inputs: [
      { name: 'count', type: 'int', default: 3 },
      { name: 'ratio', type: 'float' },
      { name: 'label', type: 'str', default: 'hi' },
      { name: 'flag', type: 'bool', default: true },
      { name: 'xs', type: 'List[int]', default: [1, 2, 3] },
      { name: 'cfg', type: 'dict[str, float]' },
      { name: 'maybe', type: 'Optional[int]', default: null },
    ],
  },
});

describe('inputFields', () => {
  it('chooses a widget by type and prefills defaults', () => {
    const fields = inputFields(doc);
    expect(fields.map((f) => [f.name, f.kind, f.optional, f.typeText])).toEqual([
      ['count', 'int', false, 'int'],
      ['ratio', 'float', false, 'float'],
      ['label', 'str', false, 'str'],
      ['flag', 'bool', false, 'bool'],
      ['xs', 'json', false, 'list[int]'],
      ['cfg', 'json', false, 'dict[str, float]'],
      ['maybe', 'int', true, 'Optional[int]'],
    ]);
    const byName = Object.fromEntries(fields.map((f) => [f.name, initialValue(f)]));
    expect(byName.count!.text).toBe('3');
    expect(byName.ratio!.text).toBe('');
    expect(byName.flag!.checked).toBe(true);
    expect(byName.xs!.text).toBe('[1,2,3]');
    expect(byName.maybe!.none).toBe(true);
  });
});

describe('parseField', () => {
  const [count, ratio, label, , xs, cfg, maybe] = inputFields(doc);
  const v = (text: string, none = false) => ({ text, checked: false, none });

  it('accepts values of the right type', () => {
    expect(parseField(count!, v(' 42 '))).toEqual({ ok: true, value: 42 });
    expect(parseField(ratio!, v('0.5'))).toEqual({ ok: true, value: 0.5 });
    expect(parseField(ratio!, v('2'))).toEqual({ ok: true, value: 2 });
    expect(parseField(label!, v(''))).toEqual({ ok: true, value: '' });
    expect(parseField(xs!, v('[4, 5]'))).toEqual({ ok: true, value: [4, 5] });
    expect(parseField(cfg!, v('{"a": 1.5}'))).toEqual({ ok: true, value: { a: 1.5 } });
    expect(parseField(maybe!, v('', true))).toEqual({ ok: true, value: null });
  });

  it('explains what is wrong', () => {
    expect(parseField(count!, v('1.5'))).toEqual({ ok: false, message: '“1.5” is not a whole number' });
    expect(parseField(count!, v(''))).toEqual({ ok: false, message: 'Required: enter a whole number', missing: true });
    expect(parseField(count!, v('9007199254740993'))).toMatchObject({ ok: false, message: expect.stringContaining('outside') });
    expect(parseField(ratio!, v('abc'))).toEqual({ ok: false, message: '“abc” is not a number' });
    expect(parseField(xs!, v('[1, "x"]'))).toEqual({ ok: false, message: '[1]: expected int, got string "x"' });
    expect(parseField(xs!, v('[1,'))).toMatchObject({ ok: false, message: expect.stringMatching(/^Not valid JSON/) });
    expect(parseField(cfg!, v('[]'))).toMatchObject({ ok: false, message: expect.stringContaining('dict') });
    expect(parseField(maybe!, v(''))).toEqual({ ok: false, message: 'Required: enter a whole number, or choose None', missing: true });
  });
});

describe('parseForm', () => {
  it('collects inputs and errors by field', () => {
    const fields = inputFields(doc);
    const values = Object.fromEntries(fields.map((f) => [f.name, initialValue(f)]));
    const r = parseForm(fields, values);
    expect(r.errors).toEqual({ ratio: 'Required: enter a number', cfg: 'Required: enter a JSON value of type dict[str, float]' });
    expect(r.inputs).toEqual({ count: 3, label: 'hi', flag: true, xs: [1, 2, 3], maybe: null });
    expect(r.missing).toEqual(['ratio', 'cfg']);
  });

  it('does not call a wrong value missing', () => {
    const fields = inputFields(doc);
    const values = { ...Object.fromEntries(fields.map((f) => [f.name, initialValue(f)])), ratio: { text: 'abc', checked: false, none: false } };
    expect(parseForm(fields, values).missing).toEqual(['cfg']);
  });
});
