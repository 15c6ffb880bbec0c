import { lstatSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ownerKey } from './process-lifetime';

/** A pod's own directory, with an empty `work/<container>` for each container asked for. */
export interface PodDir {
  path: string;
  /** Names of the containers with a `work/<name>` directory, sorted. */
  workNames: readonly string[];
  /** What each entry was once handed out (stampOf), to tell at the end whether the pod changed it. */
  stamps: Map<string, string>;
}

/** A spare directory tree kept per shape (the work directories' names) for at most this many pods at once. */
const SPARES_PER_SHAPE = 16;
const CONTAINER_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const stampOf = (path: string): string => {
  const s = lstatSync(path, { bigint: true });
  return `${s.ino}:${s.mode}:${s.uid}:${s.gid}:${s.nlink}:${s.mtimeNs}:${s.ctimeNs}`;
};

const sameNames = (path: string, names: readonly string[]): boolean => {
  const found = readdirSync(path).sort();
  return found.length === names.length && found.every((name, i) => name === names[i]);
};

/**
 * The pods' own directories (`<dataDir>/pods/<owner>.<pod>-<n>`), made and removed for every pod — or, when a pod
 * left its directory exactly as it got it, kept for the next pod of the same shape (issue #19). Creating and removing
 * directories is what a map item spent most of its server-side time on where the filesystem journals each one
 * (≈ 0.3 ms per mkdir here, against ≈ 0.03 ms for a rename).
 *
 * A directory is reused only if, after its pod, every directory in it has the entries, inode, mode, owner, link count,
 * modification and change times it had when handed out (any file created, even if deleted again, or any chmod, chown or
 * extended attribute changes the times): the next pod finds exactly what a fresh directory holds. Anything else (volumes, namespace roots, a file left in a work
 * directory) is deleted as before. A process that escaped its pod's process group (a daemon, which the local executor
 * does not track) could still write into a directory that is reused; one that is deleted it could not.
 *
 * Spare trees wait in `<dataDir>/spare/<owner>.<n>`, named after their owner process so that a restart after a crash
 * removes them (process-lifetime.ts); `close()` removes them.
 */
export class PodDirs {
  private readonly spares = new Map<string, { path: string; pod: PodDir }[]>();
  private counter = 0;
  private madeRoots = false;

  constructor(
    private readonly podsDir: string,
    private readonly spareDir: string,
  ) {}

  /** A new pod directory for `podName`, with an empty `work/<name>` for each of `workNames` (valid container names). */
  take(podName: string, workNames: readonly string[]): PodDir {
    if (!this.madeRoots) {
      mkdirSync(this.podsDir, { recursive: true });
      mkdirSync(this.spareDir, { recursive: true });
      this.madeRoots = true;
    }
    const names = [...new Set(workNames.filter((n) => CONTAINER_NAME.test(n)))].sort();
    // Named after its owner process: a restart after a crash removes the directories of pods whose owner is gone.
    const path = join(this.podsDir, `${ownerKey()}.${podName.slice(0, 80)}-${(++this.counter).toString(36)}`);
    const spare = this.spares.get(names.join('/'))?.pop();
    if (spare) {
      renameSync(spare.path, path);
      return this.rebased(spare.pod, path);
    }
    mkdirSync(path);
    if (names.length > 0) mkdirSync(join(path, 'work'));
    for (const name of names) mkdirSync(join(path, 'work', name));
    const pod: PodDir = { path, workNames: names, stamps: new Map() };
    this.stamp(pod);
    return pod;
  }

  /** After the pod (its processes gone): keeps the directory for the next pod if it is untouched, else deletes it. */
  async release(pod: PodDir): Promise<void> {
    const key = pod.workNames.join('/');
    const spares = this.spares.get(key) ?? [];
    if (spares.length < SPARES_PER_SHAPE && this.untouched(pod)) {
      try {
        const path = join(this.spareDir, `${ownerKey()}.${(++this.counter).toString(36)}`);
        renameSync(pod.path, path);
        spares.push({ path, pod });
        this.spares.set(key, spares);
        return;
      } catch {
        // deleted below
      }
    }
    // Asynchronous: deleting many small files must not hold up the other pods' event loop.
    await rm(pod.path, { recursive: true, force: true, maxRetries: 3 });
  }

  /** Removes the spare directories (the pods' own are removed by release()). */
  close(): void {
    for (const list of this.spares.values()) for (const { path } of list) rmSync(path, { recursive: true, force: true });
    this.spares.clear();
  }

  private entries(pod: PodDir): string[] {
    return [pod.path, ...(pod.workNames.length > 0 ? [join(pod.path, 'work'), ...pod.workNames.map((n) => join(pod.path, 'work', n))] : [])];
  }

  /** Records each entry's stamp (after a rename: the moved directory's change time is new). */
  private stamp(pod: PodDir): void {
    pod.stamps.clear();
    for (const entry of this.entries(pod)) pod.stamps.set(entry, stampOf(entry));
  }

  private rebased(old: PodDir, path: string): PodDir {
    const pod: PodDir = { path, workNames: old.workNames, stamps: new Map() };
    this.stamp(pod);
    return pod;
  }

  private untouched(pod: PodDir): boolean {
    try {
      if (!sameNames(pod.path, pod.workNames.length > 0 ? ['work'] : [])) return false;
      if (pod.workNames.length > 0 && !sameNames(join(pod.path, 'work'), pod.workNames)) return false;
      for (const name of pod.workNames) if (readdirSync(join(pod.path, 'work', name)).length > 0) return false;
      for (const [entry, stamp] of pod.stamps) if (stampOf(entry) !== stamp) return false;
      return true;
    } catch {
      return false;
    }
  }
}
