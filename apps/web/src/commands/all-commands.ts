import type { EditorCommand } from './command';
import { undo } from './undo';
import { redo } from './redo';
import { deleteSelection } from './delete-selection';
import { duplicateSelection } from './duplicate-selection';
import { copySelection } from './copy-selection';
import { cutSelection } from './cut-selection';
import { paste } from './paste';
import { selectAll } from './select-all';
import { clearSelection } from './clear-selection';
import { autoLayout } from './auto-layout';
import { zoomToFit } from './zoom-to-fit';
import { zoomIn } from './zoom-in';
import { zoomOut } from './zoom-out';
import { importYaml } from './import-yaml';
import { downloadYaml } from './download-yaml';
import { exportPods } from './export-pods';
import { saveVersion } from './save-version';
import { showHistory } from './show-history';
import { showShortcuts } from './show-shortcuts';
import { toggleTheme } from './toggle-theme';
import { toggleProblems } from './toggle-problems';
import { newWorkflow } from './new-workflow';
import { toggleMap } from './toggle-map';
import { connectPorts } from './connect-ports';

/** Every command, in the order the shortcuts dialog lists them. */
export const allCommands: readonly EditorCommand[] = [
  undo,
  redo,
  copySelection,
  cutSelection,
  paste,
  duplicateSelection,
  deleteSelection,
  selectAll,
  clearSelection,
  toggleMap,
  connectPorts,
  autoLayout,
  zoomToFit,
  zoomIn,
  zoomOut,
  toggleProblems,
  toggleTheme,
  newWorkflow,
  importYaml,
  downloadYaml,
  exportPods,
  saveVersion,
  showHistory,
  showShortcuts,
];

export {
  undo,
  redo,
  copySelection,
  cutSelection,
  paste,
  duplicateSelection,
  deleteSelection,
  selectAll,
  clearSelection,
  toggleMap,
  connectPorts,
  autoLayout,
  zoomToFit,
  zoomIn,
  zoomOut,
  toggleProblems,
  toggleTheme,
  newWorkflow,
  importYaml,
  downloadYaml,
  exportPods,
  saveVersion,
  showHistory,
  showShortcuts,
};
