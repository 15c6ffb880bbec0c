import { appendFileSync, chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CodeDirCache, type VolumeFile } from './code-dir-cache';

const fileList = (task = 'def t():\n    return 1\n'): VolumeFile[] => [
  { path: 'entrypoint.py', data: Buffer.from('# entrypoint\n'), mode: 0o644 },
  { path: 'task.py', data: Buffer.from(task), mode: 0o644 },
];
/** The files of the code volume named by `source` (its ConfigMaps are named after their content). */
const files = (task?: string) => [task ?? 'v1', () => fileList(task)] as const;
const contents = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((n) => [n, readFileSync(join(dir, n), 'utf8')]));

let root: string;
let cache: CodeDirCache;
const fresh = () => {
  root = mkdtempSync(join(tmpdir(), 'podflow-code-'));
  cache = new CodeDirCache(join(root, 'code'));
};
afterEach(() => {
  cache.close();
  rmSync(root, { recursive: true, force: true });
});

describe('content-addressed code directories', () => {
  it('pods with the same code share one directory of read-only files; other code gets its own', () => {
    fresh();
    const a = cache.dirFor(...files())!;
    expect(cache.dirFor(...files())).toBe(a);
    expect(contents(a)).toEqual({ 'entrypoint.py': '# entrypoint\n', 'task.py': 'def t():\n    return 1\n' });
    expect(statSync(join(a, 'task.py')).mode & 0o777).toBe(0o444);
    const b = cache.dirFor(...files('def t():\n    return 2\n'))!;
    expect(b).not.toBe(a);
    expect(contents(b)['task.py']).toBe('def t():\n    return 2\n');
  });

  it('a directory a pod changed is not reused: the next pod gets the files as compiled', () => {
    fresh();
    const changes: ((dir: string) => void)[] = [
      (dir) => {
        chmodSync(join(dir, 'task.py'), 0o644);
        appendFileSync(join(dir, 'task.py'), 'LEAK = 1\n');
      },
      (dir) => writeFileSync(join(dir, 'extra.py'), 'LEAK = 1\n'),
      (dir) => unlinkSync(join(dir, 'entrypoint.py')),
      (dir) => {
        unlinkSync(join(dir, 'task.py'));
        writeFileSync(join(dir, 'task.py'), 'def t():\n    return 1\n'); // same bytes, another file
      },
      (dir) => chmodSync(join(dir, 'task.py'), 0o777),
    ];
    for (const change of changes) {
      const used = cache.dirFor(...files())!;
      change(used);
      const next = cache.dirFor(...files())!;
      expect(next).not.toBe(used);
      expect(contents(next)).toEqual({ 'entrypoint.py': '# entrypoint\n', 'task.py': 'def t():\n    return 1\n' });
      expect(cache.dirFor(...files())).toBe(next);
    }
  });

  it("reads a source's files only the first time and when its directory must be written again", () => {
    fresh();
    let reads = 0;
    const counted = () => (reads++, fileList());
    const dir = cache.dirFor('v1', counted)!;
    expect(cache.dirFor('v1', counted)).toBe(dir);
    expect(cache.dirFor('v1', counted)).toBe(dir);
    expect(reads).toBe(1);
    writeFileSync(join(dir, 'extra.py'), 'LEAK = 1\n');
    const next = cache.dirFor('v1', counted)!;
    expect([next === dir, reads]).toEqual([false, 2]);
    expect(contents(next)).toEqual({ 'entrypoint.py': '# entrypoint\n', 'task.py': 'def t():\n    return 1\n' });
    expect(cache.dirFor('another name, same files', fileList)).toBe(next);
  });

  it('files in subdirectories are not shared (each pod writes its own); close() removes every directory', () => {
    fresh();
    expect(cache.dirFor('nested', () => [{ path: 'a/b.txt', data: Buffer.from('x'), mode: 0o644 }])).toBeUndefined();
    const dir = cache.dirFor(...files())!;
    expect(cache.memo(dir, 'n', () => 1)).toBe(1);
    expect(cache.memo(dir, 'n', () => 2)).toBe(1);
    cache.close();
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(join(root, 'code'))).toEqual([]);
  });
});
