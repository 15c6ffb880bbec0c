import { chmodSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PodDirs, type PodDir } from './pod-dirs';

let root: string;
let dirs: PodDirs;
const fresh = () => {
  root = mkdtempSync(join(tmpdir(), 'podflow-poddirs-'));
  dirs = new PodDirs(join(root, 'pods'), join(root, 'spare'));
};
afterEach(() => {
  dirs.close();
  rmSync(root, { recursive: true, force: true });
});

/** Everything under a directory, as relative paths ("dir/" for directories) with files' contents. */
const tree = (dir: string, prefix = ''): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? [`${prefix}${e.name}/`, ...tree(join(dir, e.name), `${prefix}${e.name}/`)] : [`${prefix}${e.name}=${readFileSync(join(dir, e.name), 'utf8')}`]));
const inode = (path: string) => statSync(path).ino;
const spares = () => readdirSync(join(root, 'spare'));

/** One pod: takes a directory, lets `pod` act on it as a container would, releases it; returns what it was given. */
async function cycle(name: string, pod?: (d: PodDir) => void): Promise<{ dir: PodDir; given: string[]; ino: number }> {
  const dir = dirs.take(name, ['primary', 'init']);
  const given = tree(dir.path);
  const ino = inode(dir.path);
  pod?.(dir);
  await dirs.release(dir);
  return { dir, given, ino };
}

const FRESH = ['work/', 'work/init/', 'work/primary/'];

describe("the pods' own directories", () => {
  it('a pod gets an empty work directory per container, under a name of its own', async () => {
    fresh();
    const a = dirs.take('map-a-1', ['primary', 'init', 'primary', '../evil']);
    const b = dirs.take('map-a-1', ['primary', 'init']);
    expect(a.path).not.toBe(b.path);
    expect(a.path.startsWith(join(root, 'pods', ''))).toBe(true);
    expect(tree(a.path)).toEqual(FRESH); // a name that is no container name gets none
    await dirs.release(a);
    await dirs.release(b);
    expect(existsSync(a.path)).toBe(false);
    expect(readdirSync(join(root, 'pods'))).toEqual([]);
  });

  it('a directory its pod left untouched is the next pod\'s, exactly as fresh', async () => {
    fresh();
    const first = await cycle('item-0');
    expect(spares()).toHaveLength(1); // kept
    const second = await cycle('item-1');
    expect(second.ino).toBe(first.ino); // the same directory, moved: no mkdir
    expect(spares()).toHaveLength(1); // taken and kept again
    expect(second.dir.path).not.toBe(first.dir.path);
    expect(second.given).toEqual(FRESH);
    expect(readdirSync(join(root, 'pods'))).toEqual([]);
    dirs.close();
    expect(readdirSync(join(root, 'spare'))).toEqual([]);
  });

  const changes: [string, (d: PodDir) => void][] = [
    ['a file left in a work directory', (d) => writeFileSync(join(d.path, 'work', 'primary', 'out.txt'), 'x')],
    ['a file created and deleted again', (d) => {
      writeFileSync(join(d.path, 'work', 'init', 'tmp'), 'x');
      unlinkSync(join(d.path, 'work', 'init', 'tmp'));
    }],
    ['a directory made and removed again in the pod\'s own directory', (d) => {
      mkdirSync(join(d.path, 'x'));
      rmdirSync(join(d.path, 'x'));
    }],
    ['a work directory chmod-ed', (d) => chmodSync(join(d.path, 'work', 'primary'), 0o700)],
    ['a work directory removed', (d) => rmdirSync(join(d.path, 'work', 'init'))],
    ['a file beside the work directories', (d) => writeFileSync(join(d.path, 'termination-log'), '{"ok":true}')],
    ['a work directory replaced by a file', (d) => {
      rmdirSync(join(d.path, 'work', 'init'));
      writeFileSync(join(d.path, 'work', 'init'), '');
    }],
    ['a hard link to a file elsewhere left in a work directory', (d) => {
      writeFileSync(join(root, 'outside'), 'x');
      linkSync(join(root, 'outside'), join(d.path, 'work', 'primary', 'link'));
    }],
  ];
  for (const [what, change] of changes) {
    it(`a directory is deleted, never reused, after ${what}`, async () => {
      fresh();
      const first = await cycle('item-0', change);
      expect(existsSync(first.dir.path)).toBe(false);
      expect(spares()).toEqual([]); // deleted, not kept
      const second = await cycle('item-1');
      expect(second.given).toEqual(FRESH);
      expect(readdirSync(join(root, 'pods'))).toEqual([]);
    });
  }

  it('directories are reused only by pods of the same shape', async () => {
    fresh();
    const a = dirs.take('a', ['primary', 'init']);
    const aIno = inode(a.path);
    await dirs.release(a);
    const b = dirs.take('b', ['primary']);
    expect(tree(b.path)).toEqual(['work/', 'work/primary/']);
    expect(spares()).toHaveLength(1); // still waiting for a pod with an init container
    const c = dirs.take('c', ['init', 'primary']);
    expect(inode(c.path)).toBe(aIno);
    expect(spares()).toEqual([]);
    await dirs.release(b);
    await dirs.release(c);
  });
});
