import { toDnsLabel } from '../util/names';

/** The run id used when compiling without a run (preview and export). */
export const PREVIEW_RUN = 'preview';

/**
 * A Pod's name: workflow, execution, run and attempt, as one DNS-1123 label (≤ 63 characters, so that it is also a
 * valid hostname). When anything had to be cut or changed, a hash of the full text keeps names distinct.
 */
export function podName(workflow: string, executionId: string, runId: string, attempt: number): string {
  return toDnsLabel(`${workflow}-${executionId}-${runId}-a${attempt}`);
}
