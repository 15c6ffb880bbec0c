import { useConnection } from '@xyflow/react';

/**
 * While a connection is being dragged: where it started, as a stable string (`nodeId\0handleId\0type`), so a node
 * re-renders when a drag starts and ends, not on every pointer move.
 */
export function useConnectingFrom(): { nodeId: string; handleId: string | null; type: 'source' | 'target' } | null {
  const key = useConnection((c) =>
    c.inProgress ? `${c.fromNode.id}\u0000${c.fromHandle.id ?? ''}\u0000${c.fromHandle.type}` : null,
  );
  if (!key) return null;
  const [nodeId, handleId, type] = key.split('\u0000') as [string, string, 'source' | 'target'];
  return { nodeId, handleId: handleId || null, type };
}
