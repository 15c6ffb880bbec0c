import { contentHash } from '../util/hash';
import { toDnsPart } from '../util/names';

/** The run id used when compiling without a run (preview and export). */
export const PREVIEW_RUN = 'preview';

/**
 * A Pod's name: a readable workflow and execution part, then a short hash of (workflow, execution, run, attempt)
 * that keeps every attempt distinct — the way Kubernetes' own generateName adds a suffix. At most 52 characters,
 * a DNS-1123 label (so also a valid hostname), and room for `-inputs` on the per-attempt ConfigMap.
 */
export function podName(workflow: string, executionId: string, runId: string, attempt: number): string {
  const hash = contentHash(`${workflow}\u0000${executionId}\u0000${runId}\u0000${attempt}`).slice(0, 6);
  const readable = `${toDnsPart(workflow, 20)}-${toDnsPart(executionId, 24)}`.replace(/^-+|-+$/g, '') || 'pod';
  return `${readable}-${hash}`;
}

