import type { NodeChange } from '@xyflow/react';
import type { Position } from '@podflow/core';

export type Size = { width: number; height: number };

/** The canvas view state React Flow's node changes act on (never the document). */
export interface NodeChangeState {
  /** Positions of nodes being dragged (the document moves only when the drag ends). */
  dragging: ReadonlyMap<string, Position>;
  /** Selected canvas ids that still name something. */
  selected: ReadonlySet<string>;
}

/** What a batch of changes asks for; a field is present only when that part changed. */
export interface NodeChangeEffects {
  /** Sizes React Flow measured in this batch (only these: a batch costs what it measured, never the whole workflow). */
  measured?: Map<string, Size>;
  dragging?: Map<string, Position>;
  /** Finished moves: one `moveNodes` op, one undo step. */
  commit?: Map<string, Position>;
  selected?: string[];
}

/**
 * Interprets React Flow's node changes (a pure function, tested without React): sizes it measured, positions during a
 * drag, the final positions of a finished drag (or a keyboard nudge), and selection. Removals are ignored: deleting
 * goes through the delete command, never React Flow.
 */
export function interpretNodeChanges(changes: readonly NodeChange[], state: NodeChangeState): NodeChangeEffects {
  let measured: Map<string, Size> | undefined;
  let dragging: Map<string, Position> | undefined;
  const commit = new Map<string, Position>();
  let selected: Set<string> | undefined;
  for (const c of changes) {
    if (c.type === 'dimensions' && c.dimensions) {
      measured ??= new Map();
      measured.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
    } else if (c.type === 'position') {
      if (c.dragging && c.position) {
        dragging ??= new Map(state.dragging);
        dragging.set(c.id, c.position);
      } else if (c.position) {
        commit.set(c.id, c.position);
      } else if (c.dragging === false) {
        const last = (dragging ?? state.dragging).get(c.id);
        if (last) commit.set(c.id, last);
      }
    } else if (c.type === 'select') {
      selected ??= new Set(state.selected);
      if (c.selected) selected.add(c.id);
      else selected.delete(c.id);
    }
  }
  if (commit.size > 0) {
    dragging ??= new Map(state.dragging);
    for (const id of commit.keys()) dragging.delete(id);
  }
  return {
    ...(measured ? { measured } : {}),
    ...(dragging ? { dragging } : {}),
    ...(commit.size > 0 ? { commit } : {}),
    ...(selected ? { selected: [...selected] } : {}),
  };
}
