import { Position, type NodeHandle } from '@xyflow/react';
import type { TaskNodeData } from './node-view';
import { VALUE_HANDLE } from './flow-ids';

/**
 * The size and handle positions a node will have when drawn, estimated from its data and the stylesheet
 * (styles/canvas.css: a 232 px wide task node, a 26 px row per port, 11 px handles on the border), for nodes not
 * measured yet. React Flow draws every node it cannot place at least once to measure it; with this estimate it
 * draws only the nodes on screen (integration-notes §2), and the edges of off-screen nodes still end at their ports.
 * Once a node is drawn its measured size and handles replace the estimate.
 */
export interface NodeGeometry {
  width: number;
  height: number;
  handles: NodeHandle[];
}

/** Measured in Chromium from the stylesheet (node header, port rows, footer). */
export const TASK_NODE = {
  minWidth: 232,
  maxWidth: 380,
  headerWithSubtitle: 51.2,
  headerAlone: 45,
  note: 27,
  portsPadding: 6,
  row: 26,
  footer: 35,
  handle: 11,
} as const;

/** Monospace characters of the port names and types, about 7 px each at 11 px. */
const CHAR = 6.8;

export function taskNodeGeometry(data: TaskNodeData): NodeGeometry {
  const g = TASK_NODE;
  const rows = Math.max(data.inputs.length, data.outputs.length);
  let top = data.taskName !== data.nodeId || data.mapSummary ? g.headerWithSubtitle : g.headerAlone;
  if (data.missingTask) top += g.note;
  if (data.codeProblem) top += g.note;
  let widest = 0;
  for (let i = 0; i < rows; i++) {
    const input = data.inputs[i];
    const output = data.outputs[i];
    const chars = (input ? input.name.length + input.typeText.length : 0) + (output ? output.name.length + output.typeText.length : 0);
    widest = Math.max(widest, chars * CHAR + 72);
  }
  const width = Math.round(Math.min(g.maxWidth, Math.max(g.minWidth, widest)));
  const firstRow = top + g.portsPadding;
  const handleY = (i: number) => firstRow + i * g.row + (g.row - g.handle) / 2;
  const handles: NodeHandle[] = [
    ...data.inputs.map((p, i) => ({ id: p.name, type: 'target' as const, position: Position.Left, x: -g.handle / 2 + 1, y: handleY(i), width: g.handle, height: g.handle })),
    ...data.outputs.map((p, i) => ({ id: p.name, type: 'source' as const, position: Position.Right, x: width - g.handle / 2 - 1, y: handleY(i), width: g.handle, height: g.handle })),
  ];
  // Whole pixels (and the width above), as React Flow measures a drawn node (offsetWidth/offsetHeight): a node drawn at
  // its estimated size (a stand-in, or a compact node or a box never drawn in full) keeps that size once measured,
  // instead of changing by a fraction of a pixel and being measured a second time.
  const height = Math.round(top + (rows > 0 ? 2 * g.portsPadding + rows * g.row : 0) + g.footer);
  return { width, height, handles };
}

/** A workflow input (one source handle on its right) or output (one target handle on its left). */
export function ioNodeGeometry(kind: 'input' | 'output', name: string, type: string | undefined): NodeGeometry {
  const width = Math.round(Math.max(150, Math.min(320, 96 + (name.length + (type?.length ?? 0)) * CHAR)));
  const height = kind === 'input' ? 69 : 54;
  const handle = kind === 'input'
    ? { id: VALUE_HANDLE, type: 'source' as const, position: Position.Right, x: width - 7.5, y: 29, width: 11, height: 11 }
    : { id: VALUE_HANDLE, type: 'target' as const, position: Position.Left, x: -3.5, y: 21.4, width: 11, height: 11 };
  return { width, height, handles: [handle] };
}
