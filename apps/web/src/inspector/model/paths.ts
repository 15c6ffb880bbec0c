/**
 * Document paths as the inspector uses them. Diagnostics name a field as a string (`spec.tasks[1].pod.spec.containers[0].name`,
 * sometimes with a key holding dots written plainly: `…limits.nvidia.com/gpu`); the form and the YAML tab work with
 * segment arrays. `pathKey` gives one comparable spelling for both.
 */
import type { Path } from './immutable';

/** One spelling for a path: strings joined with '.', indexes as `[n]`. */
export function pathKey(path: Path): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}

/** Splits a path string into segments: `a.b[0]["x.y"].c` → ['a', 'b', 0, 'x.y', 'c']. Plain dots always split. */
export function parsePath(text: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|([^.[\]]+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(JSON.parse(m[2]) as string);
    else out.push(m[3]!);
  }
  return out;
}

/** The spelling of a path string as `pathKey` would write it (so `a["b"]` and `a.b` compare equal). */
export function normalizePathString(text: string): string {
  return pathKey(parsePath(text));
}

/**
 * Re-joins segments that a plain dot split apart, guided by the data: with `{limits: {'nvidia.com/gpu': 1}}`,
 * ['limits', 'nvidia', 'com/gpu'] becomes ['limits', 'nvidia.com/gpu']. Segments that match nothing are kept.
 */
export function resolvePath(data: unknown, segments: readonly (string | number)[]): (string | number)[] {
  const out: (string | number)[] = [];
  let cur: unknown = data;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (typeof seg === 'number' || !isObj(cur) || seg in cur) {
      out.push(seg);
      cur = typeof seg === 'number' ? (Array.isArray(cur) ? cur[seg] : undefined) : isObj(cur) ? cur[seg] : undefined;
      continue;
    }
    let joined = seg;
    let j = i;
    while (j + 1 < segments.length && typeof segments[j + 1] === 'string' && !(joined in cur)) {
      joined = `${joined}.${segments[j + 1] as string}`;
      j += 1;
    }
    if (joined in cur) {
      out.push(joined);
      cur = cur[joined];
      i = j;
    } else {
      out.push(seg);
      cur = undefined;
    }
  }
  return out;
}

/** True when `path` is `prefix` or lies under it. */
export function startsWithPath(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => path[i] === seg);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
