import { isPlainObject } from '../util/json';
import { API_VERSION } from './workflow-schema';

/**
 * Upgrades an older document, still as raw data, to the current `apiVersion`. Each entry turns one version into the
 * next; `podflow/v1alpha1` is the first, so the table is empty, but every document passes through here before the
 * schema sees it, so a future version only adds an entry.
 */
const MIGRATIONS: Record<string, { to: string; up: (raw: Record<string, unknown>) => Record<string, unknown> }> = {};

export const KNOWN_API_VERSIONS: readonly string[] = [API_VERSION, ...Object.keys(MIGRATIONS)];

export function migrateWorkflow(raw: unknown): unknown {
  if (!isPlainObject(raw)) return raw;
  let current = raw;
  for (let guard = 0; guard < 100; guard++) {
    const step = typeof current.apiVersion === 'string' ? MIGRATIONS[current.apiVersion] : undefined;
    if (!step) return current;
    current = { ...step.up(current), apiVersion: step.to };
  }
  return current;
}
