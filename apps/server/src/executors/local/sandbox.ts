import { execFile } from 'node:child_process';
import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { isAbsolute, normalize } from 'node:path';

/**
 * Private mount namespaces for containers with volume mounts (DESIGN.md §4; reference/integration-notes.md §8).
 * The container sees a tmpfs as its root with the host's top-level directories bound back in, then its volumes at
 * their real paths: mount points are created on that tmpfs (or inside a volume), never on the host.
 * bubblewrap where present; `unshare` + `chroot` as root otherwise.
 */
export type SandboxKind = 'bwrap' | 'unshare';
export type SandboxPreference = 'auto' | SandboxKind | 'none';

export interface SandboxMount {
  /** For messages: the volume and container it comes from. */
  volume: string;
  source: string;
  /** Absolute path inside the container. */
  target: string;
  readOnly: boolean;
}

const run = (file: string, args: string[]) =>
  new Promise<boolean>((resolve) => {
    execFile(file, args, { timeout: 10_000 }, (error) => resolve(!error));
  });

/** Which sandbox works on this machine (probed by running it once), or why none does. */
export async function detectSandbox(preference: SandboxPreference): Promise<{ kind: SandboxKind } | { kind: undefined; why: string }> {
  if (preference === 'none') return { kind: undefined, why: 'mount namespaces are disabled for this executor' };
  if (preference !== 'unshare' && (await run('bwrap', ['--ro-bind', '/', '/', '--dev', '/dev', 'true']))) return { kind: 'bwrap' };
  if (preference === 'bwrap') return { kind: undefined, why: 'bubblewrap (bwrap) is not installed or cannot create a namespace here' };
  const root = process.getuid?.() === 0;
  if (root && (await run('unshare', ['-m', '--propagation', 'private', 'true']))) return { kind: 'unshare' };
  return {
    kind: undefined,
    why: root ? 'neither bubblewrap (bwrap) nor unshare can create a mount namespace here' : 'bubblewrap (bwrap) is not installed, and unshare needs root',
  };
}

/** Top-level host entries bound back into the container's root; the rest are mounted or skipped. */
const SPECIAL = new Set(['proc', 'dev', 'sys', 'lost+found']);
/** Bound read-only (system directories); the others are writable as for a process on the host. */
const READ_ONLY = new Set(['usr', 'etc', 'boot', 'bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32', 'opt', 'srv']);

type HostEntry = { name: string; symlink?: string };
let hostEntries: HostEntry[] | undefined;
function hostTopLevel(): HostEntry[] {
  hostEntries ??= readdirSync('/')
    .filter((name) => !SPECIAL.has(name))
    .flatMap((name): HostEntry[] => {
      try {
        const st = lstatSync(`/${name}`);
        if (st.isSymbolicLink()) return [{ name, symlink: readlinkSync(`/${name}`) }];
        return st.isDirectory() ? [{ name }] : [];
      } catch {
        return [];
      }
    });
  return hostEntries;
}

const depth = (path: string) => path.split('/').length;
const within = (path: string, dir: string) => path === dir || path.startsWith(dir === '/' ? '/' : `${dir}/`);

/**
 * Checks the mounts and orders them parents first. A mount point that would have to be created inside a host
 * directory shared with the container (`/usr/share/x`, `/tmp/new`) would change the host: refused, with a message
 * naming the mount. Throws an Error whose message is the reason.
 */
export function planMounts(mounts: readonly SandboxMount[]): SandboxMount[] {
  const clean = mounts.map((m) => {
    if (!isAbsolute(m.target)) throw new Error(`cannot mount volume "${m.volume}" at ${m.target}: the mount path must be absolute`);
    const target = normalize(m.target).replace(/(.)\/$/, '$1');
    if (target === '/') throw new Error(`cannot mount volume "${m.volume}" at /: a volume cannot replace the root`);
    return { ...m, target };
  });
  const seen = new Set<string>();
  for (const m of clean) {
    if (seen.has(m.target)) throw new Error(`cannot mount volume "${m.volume}" at ${m.target}: another volume is mounted there`);
    seen.add(m.target);
  }
  const hostNames = new Set(hostTopLevel().map((e) => e.name));
  for (const m of clean) {
    const top = m.target.split('/')[1] ?? '';
    if (clean.some((o) => o !== m && within(m.target, o.target))) continue; // created inside another volume
    if (top === 'proc' || top === 'sys') throw new Error(`cannot mount volume "${m.volume}" at ${m.target}: /${top} is the kernel's`);
    if (top === 'dev' || !hostNames.has(top) || m.target === `/${top}`) continue; // on the container's own tmpfs
    let exists = true;
    try {
      lstatSync(m.target);
    } catch {
      exists = false;
    }
    if (!exists) {
      throw new Error(
        `cannot mount volume "${m.volume}" at ${m.target}: the mount point does not exist on this machine, and creating it ` +
          `would change the host's /${top}, which the local executor shares with containers; mount it elsewhere (for example /mnt-${m.volume} or /data)`,
      );
    }
  }
  return clean.sort((a, b) => depth(a.target) - depth(b.target));
}

/** The bubblewrap command line. fd 3 receives bwrap's JSON status (`child-pid`, then `exit-code` if the command ran). */
export function bwrapArgv(mounts: readonly SandboxMount[], cwd: string, argv: readonly string[]): string[] {
  const replaced = new Set(mounts.map((m) => m.target));
  const args = ['--new-session', '--die-with-parent', '--json-status-fd', '3', '--tmpfs', '/'];
  for (const entry of hostTopLevel()) {
    const path = `/${entry.name}`;
    if (replaced.has(path)) continue;
    if (entry.symlink !== undefined) args.push('--symlink', entry.symlink, path);
    else args.push(READ_ONLY.has(entry.name) ? '--ro-bind' : '--bind', path, path);
  }
  args.push('--ro-bind-try', '/sys', '/sys', '--proc', '/proc', '--dev', '/dev');
  for (const m of mounts) args.push(m.readOnly ? '--ro-bind' : '--bind', m.source, m.target);
  args.push('--chdir', cwd, '--', ...argv);
  return args;
}

/**
 * The fallback as root: `unshare -m` runs a fixed shell script that mounts a tmpfs on `root` (a directory of the
 * pod), binds the host back and the volumes in, says "ready" on fd 3 and execs the command in a chroot. User
 * strings reach the script only as arguments, never as script text.
 */
export function unshareArgv(root: string, mounts: readonly SandboxMount[], cwd: string, argv: readonly string[]): string[] {
  const ops = namespaceOps(mounts).flat();
  return ['-m', '--propagation', 'private', '--', '/bin/sh', '-c', UNSHARE_SCRIPT, 'podflow-sandbox', root, ...ops, '--', cwd, ...argv];
}

export type NamespaceOp = ['symlink' | 'bind' | 'robind', string, string];

/**
 * What a container's root holds, parents first: the host's top-level entries (system directories read-only) except
 * those a volume replaces, /proc, /dev and /sys, then the volumes. Used by the unshare script and by the warm
 * worker, which builds the same namespace in a fork (packages/runtime/README.md, "A mount namespace").
 */
export function namespaceOps(mounts: readonly SandboxMount[]): NamespaceOp[] {
  const replaced = new Set(mounts.map((m) => m.target));
  const ops: NamespaceOp[] = [];
  for (const entry of hostTopLevel()) {
    const path = `/${entry.name}`;
    if (replaced.has(path)) continue;
    if (entry.symlink !== undefined) ops.push(['symlink', entry.symlink, path]);
    else ops.push([READ_ONLY.has(entry.name) ? 'robind' : 'bind', path, path]);
  }
  ops.push(['bind', '/proc', '/proc'], ['bind', '/dev', '/dev'], ['robind', '/sys', '/sys']);
  for (const m of mounts) ops.push([m.readOnly ? 'robind' : 'bind', m.source, m.target]);
  return ops;
}

const UNSHARE_SCRIPT = `set -e
root="$1"; shift
mount -t tmpfs -o mode=755 podflow-root "$root"
while [ "$1" != "--" ]; do
  op="$1"; src="$2"; dst="$3"; shift 3
  case "$op" in
    symlink) ln -s "$src" "$root$dst" ;;
    bind|robind)
      if [ -d "$src" ]; then mkdir -p "$root$dst"; else mkdir -p "$(dirname "$root$dst")"; [ -e "$root$dst" ] || : > "$root$dst"; fi
      mount --rbind "$src" "$root$dst"
      if [ "$op" = robind ]; then mount -o remount,bind,ro "$root$dst"; fi ;;
  esac
done
shift
cwd="$1"; shift
echo ready >&3
exec 3>&-
exec chroot "$root" /bin/sh -c 'cd "$1" && shift && exec "$@"' podflow-container "$cwd" "$@"`;
