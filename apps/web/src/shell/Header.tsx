import { useEditorStore } from '../store/editor-store';
import { useThemeStore } from '../theme/theme';
import { runCommand } from '../commands/run-command';
import { exportPods, redo, showHistory, showShortcuts, toggleTheme, undo } from '../commands/all-commands';
import { formatCombo } from '../commands/key-combo';
import { navigate } from '../router/router';
import { DownloadIcon, HistoryIcon, KeyboardIcon, LogoMark, MoonIcon, RedoIcon, SunIcon, UndoIcon } from '../ui/icons';
import { RunButton } from '../runs/RunPanel';
import { useRunStore } from '../runs/run-store';
import { cx } from '../ui/cx';
import { SaveIndicator } from './SaveIndicator';
import { WorkflowName } from './WorkflowName';
import { WorkflowsMenu } from './WorkflowsMenu';
import styles from './Header.module.css';

/** The editor's header: workflows menu and name, save state, undo/redo, and the workflow's actions. */
export function Header() {
  const canUndo = useEditorStore((s) => s.past.length > 0);
  const canRedo = useEditorStore((s) => s.future.length > 0);
  const undoLabel = useEditorStore((s) => s.past.at(-1)?.label);
  const redoLabel = useEditorStore((s) => s.future[0]?.label);
  const theme = useThemeStore((s) => s.theme);
  // A run's version is shown read-only in place of the draft: the editing tools have nothing to act on.
  const versionView = useRunStore((s) => s.readonly && s.runDoc !== null);
  return (
    <header className={styles.appHeader}>
      <div className={styles.headerLeft}>
        <button className={styles.logoBtn} onClick={() => navigate('/')} aria-label="All workflows" title="All workflows">
          <LogoMark size={22} />
        </button>
        <WorkflowsMenu />
        <span className={styles.headerSep}>/</span>
        <WorkflowName />
        <SaveIndicator />
      </div>
      <div className={cx(styles.headerCenter, versionView && styles.toolsHidden)}>
        <button
          className="icon-btn"
          onClick={() => runCommand(undo)}
          disabled={!canUndo}
          aria-label="Undo"
          title={`Undo${undoLabel ? ` ${undoLabel.toLowerCase()}` : ''} (${formatCombo(undo.keys![0]!)})`}
          data-testid="undo"
        >
          <UndoIcon />
        </button>
        <button
          className="icon-btn"
          onClick={() => runCommand(redo)}
          disabled={!canRedo}
          aria-label="Redo"
          title={`Redo${redoLabel ? ` ${redoLabel.toLowerCase()}` : ''} (${formatCombo(redo.keys![0]!)})`}
          data-testid="redo"
        >
          <RedoIcon />
        </button>
      </div>
      <div className={styles.headerRight}>
        <button className="icon-btn" onClick={() => runCommand(showHistory)} aria-label="Version history" title="Version history" data-testid="history-button">
          <HistoryIcon />
        </button>
        <button className="icon-btn" onClick={() => runCommand(toggleTheme)} aria-label="Toggle theme" title={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`} data-testid="theme-toggle">
          {theme === 'dark' ? <SunIcon /> : <MoonIcon />}
        </button>
        <button className="icon-btn" onClick={() => runCommand(showShortcuts)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" data-testid="shortcuts-button">
          <KeyboardIcon />
        </button>
        <span className={styles.headerDivider} />
        <button className="btn btn-sm" onClick={() => runCommand(exportPods)} data-testid="export-button" title={`Export Kubernetes YAML (${formatCombo(exportPods.keys![0]!)})`}>
          <DownloadIcon size={14} /> Export
        </button>
        <RunButton />
      </div>
    </header>
  );
}
