import { create } from 'zustand';
import type { Position } from '@podflow/core';
import type { PendingOutput } from './derive-nodes';

/**
 * Canvas-only view state: workflow outputs placed but not connected yet (an output in the document must name its
 * source), the node whose name is being edited inline, and open canvas menus. Never saved, never undone.
 */
export type CanvasMenu =
  | { kind: 'node'; x: number; y: number; id: string }
  | { kind: 'pane'; x: number; y: number }
  | { kind: 'map-picker'; x: number; y: number; at: Position };

interface CanvasViewStore {
  pendingOutputs: PendingOutput[];
  editingId: string | null;
  menu: CanvasMenu | null;
  addPendingOutput(output: PendingOutput): void;
  movePendingOutputs(positions: ReadonlyMap<string, Position>): void;
  removePendingOutputs(names: readonly string[]): void;
  setEditing(id: string | null): void;
  setMenu(menu: CanvasMenu | null): void;
  reset(): void;
}

export const useCanvasView = create<CanvasViewStore>((set) => ({
  pendingOutputs: [],
  editingId: null,
  menu: null,
  addPendingOutput: (output) => set((s) => ({ pendingOutputs: [...s.pendingOutputs, output] })),
  movePendingOutputs: (positions) =>
    set((s) => ({
      pendingOutputs: s.pendingOutputs.map((p) => {
        const at = positions.get(`output:${p.name}`);
        return at ? { ...p, position: at } : p;
      }),
    })),
  removePendingOutputs: (names) => set((s) => ({ pendingOutputs: s.pendingOutputs.filter((p) => !names.includes(p.name)) })),
  setEditing: (editingId) => set({ editingId }),
  setMenu: (menu) => set({ menu }),
  reset: () => set({ pendingOutputs: [], editingId: null, menu: null }),
}));
