import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { canonicalRequirement, normalizeProjectName, parseRequirement } from './requirement';

const VALID = [
  'requests',
  'requests==2.31.0',
  'Foo[bar,baz]>=1,<2',
  'foo [ bar , baz ] >= 1 , < 2',
  'name; python_version < "3.13"',
  "name>=1.0; sys_platform == 'linux' and (python_version >= '3.8' or extra == \"x\")",
  'name==1.*',
  'name!=2.0.*',
  'name~=1.4.2',
  'name===weird-thing',
  'name (>=1, <2)',
  'zope.interface>=5',
  'my_pkg-name.x==1.0rc1.post2.dev3+local.1',
  'pkg==v1.0',
  'name; "linux" in sys_platform',
  'name; os_name not in "nt"',
  'name==1!2.0',
];

/** Refused here and by packaging ≥ 22 (pip ≥ 23.3); older pips' packaging still took them as "legacy" specifiers. */
const LEGACY = ['a==', 'a>=1.0.*'];

const INVALID = [
  'bad name',
  'a~=1',
  'a==not a version',
  'a==1.0,',
  'a[x',
  'a; nonsense',
  'a; python_version <',
  'a; python_version < "3" and',
  '_a',
  'a-',
  'a>=1 <2',
  'a)',
  'a (>=1',
];

describe('parseRequirement', () => {
  it.each(VALID)('accepts %s', (line) => {
    expect(parseRequirement(line)).toMatchObject({ ok: true });
  });

  it.each([...INVALID, ...LEGACY])('refuses %s, saying where', (line) => {
    const parsed = parseRequirement(line);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/column \d+|marker/);
  });

  it.each([
    ['-e .', /pip option/],
    ['--index-url https://example.com/simple', /pip option/],
    ['-r requirements.txt', /pip option/],
    ['pkg @ https://example.com/pkg.whl', /URL/],
    ['pkg@https://example.com/pkg.whl', /URL/],
    ['https://example.com/pkg.whl', /URL/],
    ['./local/pkg', /local path/],
    ['/abs/pkg.whl', /local path/],
    ['dir/pkg', /local path/],
    ['~/pkg', /local path/],
    ['requests  # http', /comment/],
    ['   ', /empty/],
  ])('refuses %s with a reason a person can act on', (line, reason) => {
    const parsed = parseRequirement(line);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(reason);
  });

  it('reads the parts and the PEP 503 name', () => {
    expect(parseRequirement(' Foo.Bar_baz [Sec, a] >=1 , <2 ; python_version<"4" ')).toEqual({
      ok: true,
      requirement: { name: 'Foo.Bar_baz', normalizedName: 'foo-bar-baz', extras: ['Sec', 'a'], specifiers: ['>=1', '<2'], marker: 'python_version<"4"' },
    });
    expect(normalizeProjectName('A__b.-C')).toBe('a-b-c');
  });

  it('spells one requirement one way, whatever the spacing and case', () => {
    const canon = (s: string) => {
      const p = parseRequirement(s);
      if (!p.ok) throw new Error(p.message);
      return canonicalRequirement(p.requirement);
    };
    expect(canon('Foo_Bar [Y,x] >= 1 ,<2')).toBe(canon('foo-bar[x,y]>=1,<2'));
    expect(canon('foo-bar[x,y]>=1,<2')).toBe('foo-bar[x,y]>=1,<2');
  });

  it('agrees with pip\'s own parser (packaging, vendored in pip) on every case', () => {
    const lines = [...VALID, ...INVALID];
    const script = [
      'import json, sys',
      'from pip._vendor.packaging.requirements import Requirement',
      'out = []',
      'for line in json.load(sys.stdin):',
      '    try:',
      '        Requirement(line); out.append(True)',
      '    except Exception:',
      '        out.append(False)',
      'print(json.dumps(out))',
    ].join('\n');
    const answers = JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(lines), encoding: 'utf8' })) as boolean[];
    const disagreements = lines.flatMap((line, i) => (parseRequirement(line).ok === answers[i] ? [] : [`${line}: pip says ${String(answers[i])}`]));
    expect(disagreements).toEqual([]);
  });
});
