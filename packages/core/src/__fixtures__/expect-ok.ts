import type { WorkflowDoc } from '../document/workflow-schema';
import type { OpResult } from '../ops/op-result';

/** The document of an accepted op; throws with the reason when it was refused. */
export function expectOk(result: OpResult): WorkflowDoc {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.doc;
}

/** The reason of a refused op; throws when it was accepted. */
export function expectRefused(result: OpResult): string {
  if (result.ok) throw new Error('expected the op to be refused');
  return result.reason;
}
