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
  /** Content key of each source seen: the files of a source are read and hashed once, not for every pod. */
  private readonly contentOf = new Map<string, string | null>();
  private root: string | undefined;

  constructor(private readonly codeRoot: string) {}

  /**
   * A directory holding exactly the files of `source`, or undefined when they cannot be shared (a file in a
   * subdirectory). `source` names the files for good (the code volume's content-named ConfigMaps, with their items
   * and modes): `files()` is called only the first time, or when the directory must be written again.
   */
  dirFor(source: string, files: () => readonly VolumeFile[]): string | undefined {
    let key = this.contentOf.get(source);
    if (key === null) return undefined;
    const known = key === undefined ? undefined : this.entries.get(key);
    if (known && this.intact(known)) return known.dir;
    const list = files();
    key = contentKey(list);
    this.contentOf.set(source, key);
    if (key === null) return undefined;
    const same = this.entries.get(key); // another source with the same files
    if (same && same !== known && this.intact(same)) return same.dir;
    const entry = this.write(key, list);
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
    this.contentOf.clear();
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

/** The hash of the files' names, modes and bytes; null when they cannot be shared (a file in a subdirectory). */
function contentKey(files: readonly VolumeFile[]): string | null {
  if (files.some((f) => f.path.includes('/'))) return null;
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`${f.path}\0${f.mode}\0${f.data.length}\0`).update(f.data);
  }
  return hash.digest('hex').slice(0, 32);
}

/** Whether `dir/entrypoint.py` is this build's entrypoint (read from disk). */
export function fileEquals(path: string, expected: string): boolean {
  try {
    return readFileSync(path, 'utf8') === expected;
  } catch {
    return false;
  }
}
