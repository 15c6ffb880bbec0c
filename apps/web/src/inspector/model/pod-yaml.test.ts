import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { firstLineOf, rangeOfPath, readYamlMapping, toYaml } from './pod-yaml';

const text = `containers:
  - name: primary
    resources:
      limits:
        nvidia.com/gpu: 1
  - name: secondary
    image: alpine
priorityClassName: high
`;

describe('readYamlMapping', () => {
  it('reads a mapping', () => {
    const r = readYamlMapping(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.priorityClassName).toBe('high');
  });

  it('refuses broken indentation with a position', () => {
    const r = readYamlMapping('containers:\n  - name: a\n   image: b\n');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.length).toBeGreaterThan(0);
      expect(r.problems[0]!.startLine).toBeGreaterThanOrEqual(2);
    }
  });

  it('refuses duplicate keys, lists, scalars and empty text', () => {
    expect(readYamlMapping('a: 1\na: 2\n').ok).toBe(false);
    expect(readYamlMapping('- a\n').ok).toBe(false);
    expect(readYamlMapping('hello\n').ok).toBe(false);
    expect(readYamlMapping('').ok).toBe(false);
    expect(readYamlMapping('# only a comment\n').ok).toBe(false);
  });

  it('round-trips what toYaml prints', () => {
    const spec = { containers: [{ name: 'primary', resources: { requests: { cpu: '1', memory: '100Mi' } } }], priorityClassName: 'high' };
    const r = readYamlMapping(toYaml(spec));
    expect(r).toEqual({ ok: true, value: spec });
    expect(parse(toYaml({ containers: [] }))).toEqual({ containers: [] });
  });
});

describe('rangeOfPath', () => {
  it('finds keys and items', () => {
    expect(rangeOfPath(text, ['priorityClassName'])).toMatchObject({ startLine: 8, startCol: 1 });
    expect(rangeOfPath(text, ['containers', 1, 'image'])).toMatchObject({ startLine: 7, startCol: 5, endLine: 7 });
    expect(rangeOfPath(text, ['containers', 1])).toMatchObject({ startLine: 6, startCol: 5 });
  });

  it('finds keys that hold dots even when the path was split at them', () => {
    expect(rangeOfPath(text, ['containers', 0, 'resources', 'limits', 'nvidia', 'com/gpu'])).toMatchObject({ startLine: 5, startCol: 9 });
  });

  it('falls back to the deepest field that exists', () => {
    expect(rangeOfPath(text, ['containers', 0, 'volumeMounts', 0])).toMatchObject({ startLine: 2 });
    const multi = rangeOfPath(text, ['containers', 0])!;
    expect(firstLineOf(multi, text)).toMatchObject({ startLine: 2, endLine: 2 });
  });
});
