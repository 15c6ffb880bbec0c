import type { ConfigMap } from 'kubernetes-types/core/v1';
import type { LocalObjectStore, StoredData, StoreKind } from './local-store';
import { PodConfigError } from './pod-config-error';

/**
 * The ConfigMaps and Secrets one pod may read: those compiled with it (Podflow's runtime, task and inputs
 * ConfigMaps), then the local store. A missing one is an error naming it, unless the reference is optional.
 */
export class PodObjects {
  constructor(
    private readonly compiled: readonly ConfigMap[],
    private readonly store: LocalObjectStore,
    readonly namespace: string,
  ) {}

  configMap(name: string, optional = false): StoredData | undefined {
    const own = this.compiled.find((cm) => cm.metadata?.name === name);
    if (own) {
      const data: StoredData = {};
      for (const [k, v] of Object.entries(own.data ?? {})) data[k] = Buffer.from(v, 'utf8');
      for (const [k, v] of Object.entries(own.binaryData ?? {})) data[k] = Buffer.from(v, 'base64');
      return data;
    }
    return this.fromStore('configmaps', name, optional);
  }

  secret(name: string, optional = false): StoredData | undefined {
    return this.fromStore('secrets', name, optional);
  }

  /** One key of a ConfigMap or Secret (env `valueFrom`). */
  key(kind: StoreKind, name: string, key: string, optional: boolean): Buffer | undefined {
    const data = kind === 'configmaps' ? this.configMap(name, optional) : this.secret(name, optional);
    if (!data) return undefined;
    const value = data[key];
    if (value === undefined && !optional) {
      throw new PodConfigError(`${kindLabel(kind)} "${this.namespace}/${name}" has no key "${key}"`);
    }
    return value;
  }

  private fromStore(kind: StoreKind, name: string, optional: boolean): StoredData | undefined {
    const found = this.store.read(kind, this.namespace, name);
    if (found && 'error' in found) throw new PodConfigError(found.error);
    if (found) return found.data;
    if (optional) return undefined;
    const file = `${this.store.dataDir}/store/${kind}/${this.namespace}/${name}.json`;
    throw new PodConfigError(`${kindLabel(kind)} "${this.namespace}/${name}" not found (the local executor reads it from ${file})`);
  }
}

const kindLabel = (kind: StoreKind) => (kind === 'configmaps' ? 'ConfigMap' : 'Secret');
