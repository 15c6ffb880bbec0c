import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * CSS modules are typed loosely (`vite/client` declares `*.module.css` as a string record), so a misspelt
 * `styles.nodeHeadr` would compile and silently drop the style. This test reads every module and every import of one
 * and holds the two together: each `styles.x` names a class of the module it came from, each module is imported, and
 * each class of a module is used by one of its importers (a class nobody applies is a dead rule).
 */
const src = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return files(p, ext);
    return ext.test(e.name) ? [p] : [];
  });
}

const camel = (c: string) => c.replace(/-([a-z0-9])/g, (_, x: string) => x.toUpperCase());

/** The local (hashed) class names of a module, camelCased as Vite exports them (`localsConvention: 'camelCaseOnly'`). */
export function localClasses(css: string): Set<string> {
  const text = css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/'[^']*'|"[^"]*"/g, '')
    .replace(/:global\([^)]*\)/g, '');
  const out = new Set<string>();
  for (const block of text.split('{')) {
    const selector = block.split(/[};]/).pop() ?? '';
    if (selector.trim().startsWith('@')) continue;
    for (const m of selector.replace(/\[[^\]]*\]/g, '').matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)) out.add(camel(m[1]!));
  }
  return out;
}

interface Use {
  file: string;
  name: string;
  refs: Set<string>;
  dynamic: boolean;
}

const modules = files(src, /\.module\.css$/);
const sources = files(src, /\.tsx?$/).filter((f) => !f.endsWith('.test.ts'));
const uses = new Map<string, Use[]>();
for (const file of sources) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^import (\w+) from '([^']+\.module\.css)';$/gm)) {
    const name = m[1]!;
    const refs = new Set([...text.matchAll(new RegExp(`(?<![\\w.'/-])${name}\\.(\\w+)`, 'g'))].map((r) => r[1]!));
    const list = uses.get(resolve(dirname(file), m[2]!)) ?? [];
    list.push({ file, name, refs, dynamic: new RegExp(`\\b${name}\\[`).test(text) });
    uses.set(resolve(dirname(file), m[2]!), list);
  }
}

describe('CSS modules', () => {
  it('finds the modules and their imports', () => {
    expect(modules.length).toBeGreaterThan(40);
    expect(uses.size).toBe(modules.length);
  });

  for (const mod of modules) {
    const name = relative(src, mod);
    const local = localClasses(readFileSync(mod, 'utf8'));
    const users = uses.get(mod) ?? [];

    it(`${name}: imported, every reference names one of its classes, every class is used`, () => {
      expect(users.map((u) => relative(src, u.file)), `${name} is imported by no component`).not.toEqual([]);
      for (const u of users) {
        const missing = [...u.refs].filter((r) => !local.has(r));
        expect(missing, `${relative(src, u.file)} reads ${u.name}.{${missing.join(', ')}}, which ${name} does not define`).toEqual([]);
      }
      if (users.some((u) => u.dynamic)) return; // read as styles[kind]: every class may be in use
      const used = new Set(users.flatMap((u) => [...u.refs]));
      const unused = [...local].filter((c) => !used.has(c));
      expect(unused, `classes of ${name} that no component applies`).toEqual([]);
    });
  }

  it('reads class names the way Vite exports them', () => {
    const css = `/* .not-this */ .a-b, .c:hover > .d-e-f { content: '.nope'; }
      :global(.btn) .g { x: 1; } @media (max-width: 900px) { .h[data-x='.i'] { y: 0.5; } } @keyframes k { 0% { z: 0 } }`;
    expect([...localClasses(css)].sort()).toEqual(['aB', 'c', 'dEF', 'g', 'h']);
  });
});
