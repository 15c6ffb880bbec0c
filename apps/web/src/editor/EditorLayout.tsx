import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from '../canvas/Canvas';
import { Palette } from '../palette/Palette';
import { ProblemsPanel } from '../problems/ProblemsPanel';
import { Header } from '../shell/Header';
import { Resizer, usePanelSize } from '../shell/SplitPane';
import { useUiStore } from '../ui/ui-store';
import { InspectorPanel } from './InspectorPanel';

/** Header; palette | canvas | inspector; problems under the canvas. Panels resize and remember their size. */
export function EditorLayout() {
  const [paletteW, setPaletteW] = usePanelSize('palette', 248, 200, 400);
  const [inspectorW, setInspectorW] = usePanelSize('inspector', 420, 300, 900);
  const [problemsH, setProblemsH] = usePanelSize('problems', 180, 80, 480);
  const problemsOpen = useUiStore((s) => s.problemsOpen);
  return (
    <div className="editor" data-testid="editor">
      <Header />
      <div className="editor-body" style={{ gridTemplateColumns: `${paletteW}px 0px minmax(0, 1fr) 0px ${inspectorW}px` }}>
        <Palette />
        <Resizer side="left" size={paletteW} setSize={setPaletteW} label="Resize palette" />
        <div className="center-column" style={{ gridTemplateRows: problemsOpen ? `minmax(0, 1fr) 0px ${problemsH}px` : 'minmax(0, 1fr) 0px auto' }}>
          <ReactFlowProvider>
            <Canvas />
          </ReactFlowProvider>
          {problemsOpen ? <Resizer side="bottom" size={problemsH} setSize={setProblemsH} label="Resize problems" /> : <div />}
          <ProblemsPanel />
        </div>
        <Resizer side="right" size={inspectorW} setSize={setInspectorW} label="Resize inspector" />
        <InspectorPanel />
      </div>
    </div>
  );
}
