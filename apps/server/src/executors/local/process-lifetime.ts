import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Ties the local executor's processes to the life of the server (or CLI) that started them.
 *
 * - Each container's main process started by the server (and each warm worker) is started through
 *   `setpriv --pdeathsig KILL`, so the kernel kills it the moment its parent dies, even by `kill -9`. (bubblewrap
 *   containers get `--die-with-parent`.) A warm worker's own containers: its forks ask for SIGKILL when it dies; the
 *   worker asks for SIGTERM when the server dies and then kills every container's process group (the commands it
 *   vfork+execs included); when the worker alone dies, the pool kills its containers' groups.
 * - Each carries `PODFLOW_LOCAL_OWNER=PID-STARTTIME:DATADIR` in its environment, inherited by everything it starts, and
 *   each pod directory is named after its owner. On start-up, `sweepLeftovers` kills every process whose owner is no
 *   longer alive and removes the pod directories it left: what a process tree spawned before its parent was killed
 *   (a sidecar's own children) is found and ended there.
 *
 * A process that clears its environment and leaves its process group escapes both; SECURITY.md says so.
 */
export const OWNER_ENV = 'PODFLOW_LOCAL_OWNER';

/** `PID-STARTTIME` of a live process (the start time tells a reused PID apart); undefined without /proc. */
export function processKey(pid: number): string | undefined {
  const start = startTime(pid);
  return start === undefined ? undefined : `${pid}-${start}`;
}

function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

const ownKey = processKey(process.pid) ?? `${process.pid}-0`;

/** This process's owner key, which names its pod directories. */
export const ownerKey = (): string => ownKey;

/** The environment entry every process of this executor carries. */
export const ownerMark = (dataDir: string): string => `${ownKey}:${resolve(dataDir)}`;

function alive(key: string): boolean {
  const [pid, start] = key.split('-');
  return pid !== undefined && startTime(Number(pid)) === start;
}

let setpriv: string | null | undefined;
/**
 * `[file, args]`, run so that the kernel SIGKILLs the process when this one dies (where util-linux's setpriv exists;
 * by absolute path, since a container's own PATH may not lead to it).
 */
export function tiedToParent(file: string, args: readonly string[]): [string, string[]] {
  if (setpriv === undefined) setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p)) ?? null;
  return setpriv ? [setpriv, ['--pdeathsig', 'KILL', '--', file, ...args]] : [file, [...args]];
}

/** setpriv's own line when the command cannot be executed (exit 127): the start error it stands for. */
export const SETPRIV_EXEC_FAILURE = /^setpriv: failed to execute (.*?): (.*)$/;

/**
 * Ends what an executor of `dataDir` left behind when its owner died: processes marked with a dead owner, and
 * pod directories named after one. Returns what it did, for the server's log.
 */
export function sweepLeftovers(dataDir: string): { killed: number; removed: number } {
  const data = resolve(dataDir);
  let killed = 0;
  let removed = 0;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return { killed, removed }; // no /proc: nothing to find this way
  }
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
    } catch {
      continue; // gone, or not ours to read
    }
    const mark = environ.split('\0').find((entry) => entry.startsWith(`${OWNER_ENV}=`));
    if (!mark) continue;
    const value = mark.slice(OWNER_ENV.length + 1);
    const colon = value.indexOf(':');
    const key = value.slice(0, colon);
    if (value.slice(colon + 1) !== data || key === ownKey || alive(key)) continue;
    try {
      process.kill(Number(pid), 'SIGKILL');
      killed++;
    } catch {
      // already gone
    }
  }
  // Pods' directories, the shared code directories of each executor (code-dir-cache.ts) and its spare pod directories
  // (pod-dirs.ts), named after their owner.
  for (const [podsDir, counted] of [[join(data, 'pods'), true], [join(data, 'code'), false], [join(data, 'spare'), false]] as const) {
    let entries: string[] = [];
    try {
      entries = readdirSync(podsDir);
    } catch {
      // none yet
    }
    for (const entry of entries) {
      const key = /^(\d+-\d+)\./.exec(entry)?.[1];
      if (key !== undefined && (key === ownKey || alive(key))) continue;
      rmSync(join(podsDir, entry), { recursive: true, force: true });
      if (counted) removed++;
    }
  }
  // Each executor's root on /dev/shm (emptyDir `medium: Memory`, termination files), named after its owner too: not a
  // pod's directory, so not counted (a pod's own directory in `pods` is).
  let shm: string[] = [];
  try {
    shm = readdirSync('/dev/shm');
  } catch {
    // no /dev/shm
  }
  for (const entry of shm) {
    const key = /^podflow-(\d+-\d+)\./.exec(entry)?.[1];
    if (key === undefined || key === ownKey || alive(key)) continue;
    rmSync(join('/dev/shm', entry), { recursive: true, force: true });
  }
  return { killed, removed };
}
