/**
 * Immutable edits of plain JSON-like data along a path. Only the objects on the path are copied; everything else —
 * including fields the form knows nothing about — is shared with the input, so it survives every form edit.
 */
export type Path = readonly (string | number)[];
type Container = Record<string, unknown> | unknown[];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmptyObject = (v: unknown): boolean => isObject(v) && Object.keys(v).length === 0;

export function getIn(value: unknown, path: Path): unknown {
  let cur: unknown = value;
  for (const seg of path) {
    if (typeof seg === 'number') cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = isObject(cur) ? cur[seg] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

export interface SetOptions {
  /**
   * When the value is removed (undefined), how many of its enclosing objects may be removed too when that leaves
   * them empty: `resources.requests.cpu` cleared with `prune: 2` drops an emptied `requests`, then `resources`.
   */
  prune?: number;
}

/** Sets (or, with `undefined`, removes) the value at `path`, creating objects and arrays as needed. */
export function setIn<T>(root: T, path: Path, value: unknown, options: SetOptions = {}): T {
  return setAt(root, path, 0, value, options.prune ?? 0) as T;
}

function setAt(node: unknown, path: Path, i: number, value: unknown, prune: number): unknown {
  if (i === path.length) return value;
  const seg = path[i]!;
  if (typeof seg === 'number') {
    const arr = Array.isArray(node) ? node.slice() : [];
    const next = setAt(arr[seg], path, i + 1, value, prune);
    if (next === undefined && i === path.length - 1) {
      // Removing an array item goes through removeAt; here an undefined leaf clears the slot.
      if (seg < arr.length) arr.splice(seg, 1);
      return arr;
    }
    arr[seg] = next;
    return arr;
  }
  const obj: Record<string, unknown> = isObject(node) ? { ...node } : {};
  const next = setAt(obj[seg], path, i + 1, value, prune);
  const depthBelow = path.length - 1 - i; // 0 for the leaf's own object
  if (next === undefined || (depthBelow > 0 && depthBelow <= prune && value === undefined && isEmptyObject(next))) {
    delete obj[seg];
  } else {
    obj[seg] = next;
  }
  return obj;
}

export function updateIn<T>(root: T, path: Path, update: (current: unknown) => unknown, options: SetOptions = {}): T {
  return setIn(root, path, update(getIn(root, path)), options);
}

function arrayAt(root: unknown, path: Path): unknown[] {
  const v = getIn(root, path);
  return Array.isArray(v) ? v : [];
}

/** Removes item `index` of the array at `path`; an array left empty is removed with `dropEmpty`. */
export function removeAt<T>(root: T, path: Path, index: number, { dropEmpty = false } = {}): T {
  const arr = arrayAt(root, path).slice();
  arr.splice(index, 1);
  return setIn(root, path, dropEmpty && arr.length === 0 ? undefined : arr);
}

export function insertAt<T>(root: T, path: Path, index: number, item: unknown): T {
  const arr = arrayAt(root, path).slice();
  arr.splice(Math.max(0, Math.min(index, arr.length)), 0, item);
  return setIn(root, path, arr);
}

export function append<T>(root: T, path: Path, item: unknown): T {
  return insertAt(root, path, Number.MAX_SAFE_INTEGER, item);
}

/** Moves item `from` to position `to` of the array at `path` (no-op when out of range). */
export function moveItem<T>(root: T, path: Path, from: number, to: number): T {
  const arr = arrayAt(root, path).slice();
  if (from < 0 || from >= arr.length || to < 0 || to >= arr.length || from === to) return root;
  const [item] = arr.splice(from, 1);
  arr.splice(to, 0, item);
  return setIn(root, path, arr);
}

/** Renames key `from` to `to` in the object at `path`, keeping its position among the keys. */
export function renameKey<T>(root: T, path: Path, from: string, to: string): T {
  const obj = getIn(root, path);
  if (!isObject(obj) || from === to || !(from in obj)) return root;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === from) out[to] = v;
    else if (k !== to) out[k] = v;
  }
  return setIn(root, path, out);
}

export function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}
