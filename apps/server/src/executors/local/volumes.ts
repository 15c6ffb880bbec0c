import { chmodSync, existsSync, mkdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative } from 'node:path';
import type { Pod, Volume } from 'kubernetes-types/core/v1';
import { fieldValue, resourceValue } from './downward-api';
import type { PodObjects } from './pod-objects';
import type { StoredData } from './local-store';
import { PodConfigError } from './pod-config-error';
import type { CodeDirCache, VolumeFile } from './code-dir-cache';

/** A pod volume as a directory (or, for a hostPath file, a file) on this machine. */
export interface HostVolume {
  name: string;
  hostPath: string;
  /** ConfigMap, Secret, downward API and projected volumes are read-only, as on Kubernetes. */
  readOnly: boolean;
}

export interface VolumeDirs {
  /** Per-pod directory for emptyDir and the files of configMap/secret volumes (deleted after the attempt). */
  podDir: string;
  /** Per-pod directory on a tmpfs for emptyDir `medium: Memory`, when this machine has one. */
  memoryDir: string | undefined;
  /** `<dataDir>/pvc`: one directory per claim, kept between runs. */
  pvcRoot: string;
  /** The server's data directory (token, database, other pods): no hostPath may reach into it or contain it. */
  dataDir: string;
  /**
   * Projected volumes made only of immutable, content-named ConfigMaps (the code volume): their files come from a
   * directory shared by every pod with the same content (code-dir-cache.ts) instead of being written for each pod.
   */
  shared?: { cache: CodeDirCache; volumes: ReadonlySet<string> };
}

/**
 * Materialises every volume of the pod (DESIGN.md §4): emptyDir → a directory of the pod (on a tmpfs for
 * `medium: Memory` where possible); configMap / secret / downwardAPI → files; projected → the union of its sources;
 * hostPath → itself; persistentVolumeClaim → `<dataDir>/pvc/<namespace>/<claim>`, kept between runs.
 */
export function materialiseVolumes(pod: Pod, objects: PodObjects, dirs: VolumeDirs): Map<string, HostVolume> {
  const volumes = new Map<string, HostVolume>();
  for (const volume of pod.spec?.volumes ?? []) {
    if (volumes.has(volume.name)) throw new PodConfigError(`volume "${volume.name}" is defined twice`);
    try {
      volumes.set(volume.name, materialise(pod, volume, objects, dirs));
    } catch (e) {
      if (e instanceof PodConfigError) throw new PodConfigError(`volume "${volume.name}": ${e.message}`);
      throw e;
    }
  }
  return volumes;
}

function materialise(pod: Pod, volume: Volume, objects: PodObjects, dirs: VolumeDirs): HostVolume {
  const own = (readOnly: boolean, base = dirs.podDir) => {
    const hostPath = join(base, 'volumes', safeSegment(volume.name));
    mkdirSync(hostPath, { recursive: true });
    return { name: volume.name, hostPath, readOnly };
  };
  if (volume.emptyDir) return own(false, volume.emptyDir.medium === 'Memory' && dirs.memoryDir ? dirs.memoryDir : dirs.podDir);
  if (volume.configMap) {
    const v = own(true);
    const { name = '', items, optional = false, defaultMode } = volume.configMap;
    writeItems(writeTo(v.hostPath), objects.configMap(name, optional), items, defaultMode, `ConfigMap "${name}"`);
    return v;
  }
  if (volume.secret) {
    const v = own(true);
    const { secretName = '', items, optional = false, defaultMode } = volume.secret;
    writeItems(writeTo(v.hostPath), objects.secret(secretName, optional), items, defaultMode, `Secret "${secretName}"`);
    return v;
  }
  if (volume.downwardAPI) {
    const v = own(true);
    writeDownward(pod, writeTo(v.hostPath), volume.downwardAPI.items ?? [], volume.downwardAPI.defaultMode);
    return v;
  }
  if (volume.projected) {
    const mode = volume.projected.defaultMode;
    const project = (put: Put) => {
      for (const source of volume.projected!.sources ?? []) {
        if (source.configMap) {
          const { name = '', items, optional = false } = source.configMap;
          writeItems(put, objects.configMap(name, optional), items, mode, `ConfigMap "${name}"`);
        } else if (source.secret) {
          const { name = '', items, optional = false } = source.secret;
          writeItems(put, objects.secret(name, optional), items, mode, `Secret "${name}"`);
        } else if (source.downwardAPI) {
          writeDownward(pod, put, source.downwardAPI.items ?? [], mode);
        } else {
          throw new PodConfigError(`projected source ${Object.keys(source).join(', ')} is not supported by the local executor`);
        }
      }
    };
    if (dirs.shared?.volumes.has(volume.name)) {
      // Its ConfigMaps are named by a hash of their content (core's code-config-maps.ts), so their names, items and
      // modes say which files the volume holds: the cache reads them only for a volume it has not seen.
      const source = JSON.stringify([volume.projected.sources, mode]);
      const dir = dirs.shared.cache.dirFor(source, () => {
        const files: VolumeFile[] = [];
        project((path, data, fileMode) => {
          const i = files.findIndex((f) => f.path === path);
          if (i >= 0) files.splice(i, 1); // a later source wins, as a write over the file would
          files.push({ path, data, mode: fileMode });
        });
        return files;
      });
      if (dir) return { name: volume.name, hostPath: dir, readOnly: true };
    }
    const v = own(true);
    project(writeTo(v.hostPath));
    return v;
  }
  if (volume.hostPath) {
    const path = normalize(volume.hostPath.path);
    const type = volume.hostPath.type ?? '';
    if (!isAbsolute(path)) throw new PodConfigError(`hostPath "${volume.hostPath.path}" is not absolute`);
    refuseDataDir(path, dirs.dataDir); // before anything is created
    if (!existsSync(path)) {
      if (type === 'DirectoryOrCreate') mkdirSync(path, { recursive: true });
      else if (type === 'FileOrCreate') {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, '');
      } else throw new PodConfigError(`hostPath ${path} does not exist on this machine`);
    }
    refuseDataDir(path, dirs.dataDir);
    const isDir = statSync(path).isDirectory();
    if ((type === 'Directory' && !isDir) || (type === 'File' && isDir)) throw new PodConfigError(`hostPath ${path} is not a ${type.toLowerCase()}`);
    return { name: volume.name, hostPath: path, readOnly: false };
  }
  if (volume.persistentVolumeClaim) {
    const claim = volume.persistentVolumeClaim.claimName;
    const hostPath = join(dirs.pvcRoot, safeSegment(pod.metadata?.namespace ?? 'default'), safeSegment(claim));
    mkdirSync(hostPath, { recursive: true });
    return { name: volume.name, hostPath, readOnly: volume.persistentVolumeClaim.readOnly ?? false };
  }
  const kind = Object.keys(volume).filter((k) => k !== 'name').join(', ') || 'no source';
  throw new PodConfigError(`volume type ${kind} is not supported by the local executor (emptyDir, configMap, secret, downwardAPI, projected, hostPath and persistentVolumeClaim are)`);
}

/**
 * A hostPath may not be Podflow's data directory, inside it (the token, the database, other runs' pods) or above it
 * (`/`, `/root`, which contain it). Compared as written and with symbolic links resolved.
 */
function refuseDataDir(path: string, dataDir: string): void {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  for (const [candidate, data] of [[path, dataDir], [real(path), real(dataDir)]] as const) {
    const down = relative(candidate, data);
    const up = relative(data, candidate);
    const contains = down === '' || (!down.startsWith('../') && down !== '..' && !isAbsolute(down));
    const inside = up === '' || (!up.startsWith('../') && up !== '..' && !isAbsolute(up));
    if (contains || inside) {
      throw new PodConfigError(
        `hostPath ${path} ${inside && !contains ? 'lies inside' : 'contains'} Podflow's data directory ${dataDir} (its token, database and other runs' files); the local executor refuses to mount it`,
      );
    }
  }
}

/** Where a volume's file goes: (path inside the volume, bytes, mode). */
type Put = (path: string, data: Buffer, mode: number) => void;

function writeItems(
  put: Put,
  data: StoredData | undefined,
  items: readonly { key: string; path: string; mode?: number }[] | undefined,
  defaultMode: number | undefined,
  what: string,
): void {
  if (!data) return; // optional and absent
  const chosen = items ?? Object.keys(data).map((key) => ({ key, path: key, mode: undefined }));
  for (const item of chosen) {
    const value = data[item.key];
    if (value === undefined) throw new PodConfigError(`${what} has no key "${item.key}"`);
    put(relativePath(item.path), value, item.mode ?? defaultMode ?? 0o644);
  }
}

function writeDownward(
  pod: Pod,
  put: Put,
  items: readonly NonNullable<NonNullable<Volume['downwardAPI']>['items']>[number][],
  defaultMode: number | undefined,
): void {
  for (const item of items) {
    const container = pod.spec?.containers?.[0];
    const value = item.fieldRef
      ? fieldValue(pod, item.fieldRef.fieldPath)
      : item.resourceFieldRef && container
        ? resourceValue(pod, item.resourceFieldRef, container)
        : '';
    put(relativePath(item.path), Buffer.from(value, 'utf8'), item.mode ?? defaultMode ?? 0o644);
  }
}

/** Writes a volume's files into its directory. */
function writeTo(dir: string): Put {
  return (relative, data, mode) => {
    const path = join(dir, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
    chmodSync(path, mode & 0o777);
  };
}

/** A relative path that stays inside its directory (`a/b.txt`, not `../x` or `/etc/x`). */
export function relativePath(path: string): string {
  const clean = normalize(path);
  if (!path || isAbsolute(path) || clean === '..' || clean.startsWith('../')) {
    throw new PodConfigError(`"${path}" must be a relative path inside the volume`);
  }
  return clean;
}

function safeSegment(name: string): string {
  if (!name || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
    throw new PodConfigError(`"${name}" cannot name a directory`);
  }
  return name;
}
