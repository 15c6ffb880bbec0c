/** What can be dragged from the palette. */
export type PaletteItem =
  | { kind: 'python-task' }
  | { kind: 'dynamic-task' }
  | { kind: 'map-task' }
  | { kind: 'workflow-input' }
  | { kind: 'workflow-output' }
  | { kind: 'existing-task'; task: string };

export const paletteItemLabel = (item: PaletteItem): string => {
  switch (item.kind) {
    case 'python-task':
      return 'Python task';
    case 'dynamic-task':
      return 'Dynamic task';
    case 'map-task':
      return 'Map over a task';
    case 'workflow-input':
      return 'Workflow input';
    case 'workflow-output':
      return 'Workflow output';
    case 'existing-task':
      return item.task;
  }
};
