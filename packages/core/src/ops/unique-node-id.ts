import { nodeId, type NodeId } from '../document/ids';
import { uniqueName } from './unique-name';

const MAX_NODE_ID_LENGTH = 63;

/**
 * A node id made from `base` (usually a task name) that matches NODE_ID_PATTERN and is not in `taken`: characters a
 * node id cannot hold become `_`, then `_2`, `_3`… is appended while the id is taken.
 */
export function uniqueNodeId(base: string, taken: ReadonlySet<string>): NodeId {
  let cleaned = base.replace(/[^A-Za-z0-9_-]/g, '_');
  if (!/^[A-Za-z_]/.test(cleaned)) cleaned = `_${cleaned}`;
  return nodeId(uniqueName(cleaned, taken, MAX_NODE_ID_LENGTH));
}

/** `train_3` → `train`: the base a copy of a node is named from, so that copies count on (`train_4`), not nest. */
export const nodeIdBase = (id: string): string => id.replace(/_\d+$/, '') || id;
