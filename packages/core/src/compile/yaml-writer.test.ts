import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { seedDoc, SEED_EXAMPLES } from '../__fixtures__/seed-examples';
import { syntheticWorkflow } from '../__fixtures__/synthetic';
import { compileWorkflow } from './compile';
import { toKubernetesObjects, toKubernetesYaml } from './to-kubernetes-yaml';
import { yamlText } from './yaml-writer';

/** Parses like kubectl (YAML 1.1) and like the `yaml` library's default (1.2): both must give back the value. */
const readBoth = (text: string) => [parse(text, { version: '1.1' }) as unknown, parse(text) as unknown];

/** Strings made to trip a writer: reserved words, numbers, quantities, indicators, line breaks, odd characters. */
const trickyString = fc.oneof(
  fc.constantFrom('', ' ', 'yes', 'No', 'ON', 'off', 'y', 'N', 'true', 'False', 'null', 'Null', '~', '0777', '0x1F', '0o17', '0b101', '1e5', '1E+5', 'e0', '-e0', 'E+5', '.inf', '-.Inf', '.NaN', '1_000', '1:20', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '500Mi', '0.5Gi', '250m', '1e', '3.', '+1', '-', '- a', '? x', ': y', 'a: b', 'a #b', '#c', '&a', '*a', '!t', '|', '>', '%x', '@x', '`x', '"q"', "'s'", '[a]', '{a}', 'a,b', '<<', '=', 'a\nb', 'a\n', 'a\n\n', '\n', '\na', '  a\nb', '\ta\nb', 'a \nb', 'a\r\nb', 'a\u2028b', 'a\u0085b', 'é\u00a0ü', '\u007f', '\ufeffx', 'x\u0000y', '😀', '---', '...', 'a\n---\nb', 'a\n...\nb'),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.array(fc.constantFrom('a', ' ', '\n', '\t', '#', ':', '-', '|', '0', '.', 'e', '"', "'", '\\'), { maxLength: 10 }).map((cs) => cs.join('')),
);

const jsonValue = (numbers: fc.Arbitrary<number>) =>
  fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, trickyString, numbers, fc.boolean(), fc.constant(null), tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4 }),
    object: fc.dictionary(trickyString, tie('value'), { maxKeys: 4 }),
  })).value;

describe('yaml-writer', () => {
  it('any JSON data written reads back equal, in YAML 1.1 (kubectl) and 1.2', () => {
    // YAML 1.1 reads `1e+21` (no dot) as a string, as any 1.1 reader would whoever wrote it: integers and decimals here.
    const numbers = fc.oneof(fc.integer(), fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 8));
    fc.assert(
      fc.property(jsonValue(numbers), (value) => {
        const text = yamlText(value);
        for (const back of readBoth(text)) expect(back).toEqual(value);
      }),
      { numRuns: 3000 },
    );
  });

  it('any double reads back equal in YAML 1.2', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)), (n) => {
        expect(parse(yamlText({ n }))).toEqual({ n });
      }),
    );
  });

  it('writes code as a literal block, quotes what 1.1 would misread, and leaves plain what is plain', () => {
    const text = yamlText({ data: { 'main.py': 'def f():\n    return 1\n' }, policy: 'IfNotPresent', memory: '500Mi', answer: 'yes', mode: '0777', empty: {}, list: [], items: [{ name: 'a', value: '1' }] });
    expect(text).toBe(
      [
        'data:',
        '  main.py: |',
        '    def f():',
        '        return 1',
        'policy: IfNotPresent',
        'memory: 500Mi',
        'answer: "yes"',
        'mode: "0777"',
        'empty: {}',
        'list: []',
        'items:',
        '  - name: a',
        '    value: "1"',
        '',
      ].join('\n'),
    );
  });

  it('refuses what is not JSON data, naming it', () => {
    expect(() => yamlText({ n: Number.NaN })).toThrow(/NaN is not a JSON number/);
    expect(() => yamlText({ f: () => 1 })).toThrow(/a function is not JSON data/);
  });
});

describe('toKubernetesYaml (streaming writer)', () => {
  for (const name of SEED_EXAMPLES) {
    it(`seed ${name}: the YAML parses back to exactly the objects of --format json`, () => {
      const compiled = compileWorkflow(seedDoc(name));
      const docs = parseAllDocuments(toKubernetesYaml(compiled), { version: '1.1' });
      expect(docs.every((d) => d.errors.length === 0)).toBe(true);
      expect(docs.map((d) => d.toJS() as unknown)).toEqual(toKubernetesObjects(compiled));
    });
  }

  it('a 300-node lattice: the same objects, and the same as the yaml library would write them', () => {
    const compiled = compileWorkflow(syntheticWorkflow('lattice', 300));
    const text = toKubernetesYaml(compiled);
    expect(parseAllDocuments(text).map((d) => d.toJS() as unknown)).toEqual(toKubernetesObjects(compiled));
    const pod = compiled[7]!.pod;
    const ours = text.split('---\n').find((d) => d.startsWith(`# ${compiled[7]!.executionId} `))!;
    expect(ours.replace(/^#.*\n/gm, '')).toBe(stringify(pod, { lineWidth: 0, blockQuote: 'literal' }));
  });
});
