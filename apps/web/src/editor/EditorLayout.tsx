import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from '../canvas/Canvas';
import { Palette } from '../palette/Palette';
import { ProblemsPanel } from '../problems/ProblemsPanel';
import { Header } from '../shell/Header';
import { Resizer, usePanelSize } from '../shell/SplitPane';
import { useUiStore } from '../ui/ui-store';
import { InspectorPanel } from './InspectorPanel';
import { useRunStore } from '../runs/run-store';
import { RunPanel } from '../runs/RunPanel';
import { RunSession } from '../runs/RunSession';
import { RunVersionCanvas, RunVersionInspector, RunVersionPalette } from '../runs/RunVersionCanvas';
import styles from './EditorLayout.module.css';

/** Header; palette | canvas | inspector; problems under the canvas. Panels resize and remember their size. */
export function EditorLayout() {
  const [paletteW, setPaletteW] = usePanelSize('palette', 248, 200, 400);
  const [inspectorW, setInspectorW] = usePanelSize('inspector', 420, 300, 900);
  const [problemsH, setProblemsH] = usePanelSize('problems', 180, 80, 480);
  const problemsOpen = useUiStore((s) => s.problemsOpen);
  // The run tab of the bottom panel, and a run's version shown read-only in place of the draft (runs/).
  const runTab = useRunStore((s) => s.bottomTab === 'run');
  const versionView = useRunStore((s) => s.readonly && s.runDoc !== null);
  const [runH, setRunH] = usePanelSize('run-panel', 320, 140, 720);
  return (
    <div className={styles.editor} data-testid="editor">
      <Header />
      <div className={styles.editorBody} style={{ gridTemplateColumns: `${paletteW}px 0px minmax(0, 1fr) 0px ${inspectorW}px` }}>
        {versionView ? <RunVersionPalette /> : <Palette />}
        <Resizer side="left" size={paletteW} setSize={setPaletteW} label="Resize palette" />
        <div className={styles.centerColumn} style={{ gridTemplateRows: runTab ? `minmax(0, 1fr) 0px ${runH}px` : problemsOpen ? `minmax(0, 1fr) 0px ${problemsH}px` : 'minmax(0, 1fr) 0px auto' }}>
          <ReactFlowProvider>
            {versionView ? <RunVersionCanvas /> : <Canvas />}
          </ReactFlowProvider>
          {runTab ? (
            <Resizer side="bottom" size={runH} setSize={setRunH} label="Resize run panel" />
          ) : problemsOpen ? (
            <Resizer side="bottom" size={problemsH} setSize={setProblemsH} label="Resize problems" />
          ) : (
            <div />
          )}
          {runTab ? <RunPanel /> : <ProblemsPanel />}
        </div>
        <Resizer side="right" size={inspectorW} setSize={setInspectorW} label="Resize inspector" />
        {versionView ? <RunVersionInspector /> : <InspectorPanel />}
      </div>
      <RunSession />
    </div>
  );
}
