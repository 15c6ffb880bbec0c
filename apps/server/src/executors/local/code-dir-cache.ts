import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ownerKey } from './process-lifetime';

/** One file of a volume: a plain name (no directories), its bytes and mode. */
export interface VolumeFile {
  path: string;
  data: Buffer;
  mode: number;
}

interface Entry {
  dir: string;
  /** What each file was when written: a pod that changed, replaced or added one is caught before the next reuses it. */
  stamps: Map<string, string>;
  checks: Map<string, unknown>;
}

const stampOf = (path: string): string => {
  const s = lstatSync(path, { bigint: true });
  return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.mode}`;
};

/**
 * Content-addressed code directories (issue #19): the files of a volume made only of immutable, content-named
 * ConfigMaps (Podflow's code volume: the runtime and the task) are written once per executor and shared by every pod
 * with the same content, instead of being written and deleted again for each map item. The files are read-only
 * (0444) and the volume is mounted read-only where a container mounts it, as on Kubernetes; before each reuse the
 * directory is checked against what was written (inode, size, times and mode of each file, and no file added), and a
 * directory some pod changed is left alone and written afresh — so nothing one item does to its code reaches the next.
 *
 * The directories live in `<dataDir>/code/<owner>.…`, named after their owner process as the pods' directories are (a
 * restart after a crash removes them: process-lifetime.ts), and are removed by `close()`.
 */
export class CodeDirCache {
  private readonly entries = new Map<string, Entry>();
  private root: string | undefined;

  constructor(private readonly codeRoot: string) {}

  /** A directory holding exactly `files`, or undefined when they cannot be shared (a file in a subdirectory). */
  dirFor(files: readonly VolumeFile[]): string | undefined {
    if (files.some((f) => f.path.includes('/'))) return undefined;
    const hash = createHash('sha256');
    for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
      hash.update(`${f.path}\0${f.mode}\0${f.data.length}\0`).update(f.data);
    }
    const key = hash.digest('hex').slice(0, 32);
    const known = this.entries.get(key);
    if (known && this.intact(known)) return known.dir;
    const entry = this.write(key, files);
    this.entries.set(key, entry);
    return entry.dir;
  }

  /** A fact about a shared directory's content, computed once per directory (it cannot change while it is intact). */
  memo<T>(dir: string, name: string, compute: () => T): T {
    const entry = [...this.entries.values()].find((e) => e.dir === dir);
    if (!entry) return compute();
    if (!entry.checks.has(name)) entry.checks.set(name, compute());
    return entry.checks.get(name) as T;
  }

  close(): void {
    if (this.root) rmSync(this.root, { recursive: true, force: true });
    this.root = undefined;
    this.entries.clear();
  }

  private intact(entry: Entry): boolean {
    try {
      if (readdirSync(entry.dir).length !== entry.stamps.size) return false;
      for (const [name, stamp] of entry.stamps) if (stampOf(join(entry.dir, name)) !== stamp) return false;
      return true;
    } catch {
      return false;
    }
  }

  private write(key: string, files: readonly VolumeFile[]): Entry {
    if (!this.root) {
      mkdirSync(this.codeRoot, { recursive: true });
      this.root = mkdtempSync(join(this.codeRoot, `${ownerKey()}.`));
    }
    // Written whole under a temporary name, then renamed: a pod never sees half a directory.
    const temp = mkdtempSync(join(this.root, `${key}.tmp-`));
    const stamps = new Map<string, string>();
    for (const f of files) {
      const path = join(temp, f.path);
      writeFileSync(path, f.data);
      chmodSync(path, f.mode & 0o555); // read-only, as Kubernetes projects ConfigMaps
    }
    const dir = join(this.root, `${key}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`);
    renameSync(temp, dir);
    for (const f of files) stamps.set(f.path, stampOf(join(dir, f.path)));
    return { dir, stamps, checks: new Map() };
  }
}

/** Whether `dir/entrypoint.py` is this build's entrypoint (read from disk). */
export function fileEquals(path: string, expected: string): boolean {
  try {
    return readFileSync(path, 'utf8') === expected;
  } catch {
    return false;
  }
}
