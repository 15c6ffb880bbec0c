import type { NodeHandle } from '@xyflow/react';

/** The node body's border: a port's box is placed from the border box's corner, CSS positions it from the padding box's. */
const BORDER = 1;

export interface StandInPort {
  key: string;
  /** React Flow finds a node's ports by these classes ('source', 'target') when it measures the node. */
  type: 'source' | 'target';
  id: string | undefined;
  position: string;
  /** Absolutely placed where the estimated port is, at its size: no transform (each would be a paint chunk of its own). */
  style: { left: number; top: number; width: number; height: number };
}

/**
 * A stand-in body's ports (TaskNodeStandIn.tsx): the estimated ports of node-geometry.ts as plain boxes at the same
 * place and size, so that React Flow measures the same port positions as the real body's <Handle>s will have.
 */
export function standInPorts(handles: readonly NodeHandle[]): StandInPort[] {
  return handles.map((h) => ({
    key: `${h.type}:${h.id ?? ''}`,
    type: h.type,
    id: h.id ?? undefined,
    position: h.position,
    style: { left: h.x - BORDER, top: h.y - BORDER, width: h.width ?? 1, height: h.height ?? 1 },
  }));
}
