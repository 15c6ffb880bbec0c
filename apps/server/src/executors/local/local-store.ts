import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isPlainObject } from '@podflow/core';

/**
 * The local executor's stand-in for the API server's ConfigMaps and Secrets (DESIGN.md §4): JSON files in the data
 * directory, `store/configmaps/<namespace>/<name>.json` and `store/secrets/<namespace>/<name>.json`, written by the
 * CLI and the API. A file holds the object as Kubernetes would (`{"data": {...}, "binaryData": {...}}` for a
 * ConfigMap; `{"data": {key: base64}, "stringData": {...}}` for a Secret); a whole ConfigMap/Secret manifest works too.
 * Values are returned as bytes.
 */
export type StoredData = Record<string, Buffer>;
export type StoreKind = 'configmaps' | 'secrets';

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export class LocalObjectStore {
  constructor(readonly dataDir: string) {}

  private path(kind: StoreKind, namespace: string, name: string): string | undefined {
    if (!NAME.test(namespace) || !NAME.test(name) || name.length > 253) return undefined;
    return join(this.dataDir, 'store', kind, namespace, `${name}.json`);
  }

  /** The object's data, or undefined when there is none (or it cannot be read: the message says why). */
  read(kind: StoreKind, namespace: string, name: string): { data: StoredData } | { error: string } | undefined {
    const path = this.path(kind, namespace, name);
    if (!path) return undefined;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      return { error: `cannot read ${path}: ${(e as Error).message}` };
    }
    if (!isPlainObject(raw)) return { error: `${path} does not hold a JSON object` };
    const data: StoredData = {};
    const text = (field: unknown) => (isPlainObject(field) ? Object.entries(field).filter(([, v]) => typeof v === 'string') as [string, string][] : []);
    if (kind === 'configmaps') {
      for (const [k, v] of text(raw.data)) data[k] = Buffer.from(v, 'utf8');
      for (const [k, v] of text(raw.binaryData)) data[k] = Buffer.from(v, 'base64');
    } else {
      for (const [k, v] of text(raw.data)) data[k] = Buffer.from(v, 'base64');
      for (const [k, v] of text(raw.stringData)) data[k] = Buffer.from(v, 'utf8');
    }
    return { data };
  }

  /** Writes an object (string values; for a Secret they are stored base64-encoded as Kubernetes does). */
  write(kind: StoreKind, namespace: string, name: string, values: Record<string, string>): void {
    const path = this.path(kind, namespace, name);
    if (!path) throw new Error(`"${namespace}/${name}" is not a valid namespace/name`);
    const body =
      kind === 'configmaps'
        ? { data: values }
        : { data: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')])) };
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.tmp`, `${JSON.stringify(body, null, 2)}\n`, { mode: kind === 'secrets' ? 0o600 : 0o644 });
    renameSync(`${path}.tmp`, path);
  }
}
