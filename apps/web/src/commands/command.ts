import type { ReactFlowInstance } from '@xyflow/react';
import type { EditorState } from '../store/editor-store';
import type { FlowEdge } from '../canvas/derive-edges';
import type { FlowNode } from '../canvas/derive-nodes';

/**
 * An editor command: one file each (`delete-selection.ts`…), run alike from the toolbar, keyboard shortcuts, menus
 * and context menus through `runCommand`. `keys` use `Mod` for ⌘ on macOS and Ctrl elsewhere.
 */
export interface CommandContext {
  state: EditorState;
  flow: ReactFlowInstance<FlowNode, FlowEdge> | null;
  /** Where the pointer last was over the canvas (screen coordinates), for paste. */
  pointer: { x: number; y: number } | null;
}

export interface EditorCommand {
  id: string;
  label: string;
  /** Shown in menus and the shortcuts dialog. */
  keys?: string[];
  group: 'Edit' | 'Canvas' | 'Workflow' | 'View' | 'Help';
  /**
   * 'canvas': the keys act only while focus is on the canvas or nowhere in particular (Delete in the inspector's
   * tab strip must not delete nodes). Menus and buttons run the command regardless.
   */
  scope?: 'canvas';
  /** Whether the command can run now (menu items and buttons are disabled otherwise). */
  enabled?: (ctx: CommandContext) => boolean;
  run: (ctx: CommandContext) => void | Promise<void>;
}

export const defineCommand = (c: EditorCommand): EditorCommand => c;
