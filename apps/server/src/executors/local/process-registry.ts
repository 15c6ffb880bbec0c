import { rmSync } from 'node:fs';

/**
 * Every process group the local executor has started and not yet seen gone, and the directories it keeps outside
 * the data directory (on /dev/shm). If Node exits while some are still there (a crash, an unhandled exception,
 * process.exit), the processes are killed and the directories removed on the way out, so that nothing is left on
 * the host.
 */
const groups = new Set<number>();
const paths = new Set<string>();
let installed = false;

function cleanUp(): void {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  groups.clear();
  for (const path of paths) rmSync(path, { recursive: true, force: true });
  paths.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', cleanUp);
}

export function trackProcessGroup(pgid: number): void {
  install();
  groups.add(pgid);
}

/** A directory to remove if the process exits before its owner does. */
export function trackPath(path: string): void {
  install();
  paths.add(path);
}

export function untrackPath(path: string): void {
  paths.delete(path);
}

export function untrackProcessGroup(pgid: number): void {
  groups.delete(pgid);
}

/** Signals a process group; false when it no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}
