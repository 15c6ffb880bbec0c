import type { Diagnostic, WorkflowDoc } from '@podflow/core';

/** One undo step; the same label within about a second merges (typing). */
export type ApplyFn = (update: (doc: WorkflowDoc) => WorkflowDoc, label: string) => void;

export type InspectorSelection =
  | { kind: 'node'; nodeId: string }
  | { kind: 'task'; task: string }
  | { kind: 'workflow' }
  | { kind: 'none' };

export interface InspectorProps {
  doc: WorkflowDoc;
  selection: InspectorSelection;
  diagnostics: Diagnostic[];
  /** A document path to reveal, from the problems panel: open the right tab, scroll to and highlight the field. */
  focusPath?: string;
  apply: ApplyFn;
  /**
   * Optional: moves the selection when the inspector renames what is selected (a node whose id follows its task's
   * new name, a task renamed from its code). Without it, the inspector keeps showing the renamed item on its own.
   */
  onSelect?: (selection: InspectorSelection) => void;
}
