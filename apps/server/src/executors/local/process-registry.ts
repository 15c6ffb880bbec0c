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

/** Signals a process group (0: only checks it exists); false when it no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Waits (at most `withinMs`) until nothing is left in a process group that was just SIGKILLed: a killed process closes
 * its pipes before it has finished exiting, so on a busy machine it can still be running for a moment after its
 * container was seen to end. A group left with only zombies (not yet reaped by init) ends the wait at the bound.
 */
export async function groupGone(pgid: number, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (signalGroup(pgid, 0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
