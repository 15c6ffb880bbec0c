// The canvas benchmark's baseline: a bare React Flow page with default nodes and edges, rendering the graph the
// bench serves at ./graph.json (the same nodes, edges and positions as the Podflow workflow it is compared with).
// The query string gives what must match the Podflow canvas: the pane's size (w, h), the initial viewport
// (x, y, zoom) and viewport culling (cull=1, React Flow's onlyRenderVisibleElements, which Podflow's canvas uses).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlow, useEdgesState, useNodesState, type Edge, type Node, type Viewport } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

interface Graph {
  nodes: { id: string; x: number; y: number }[];
  edges: { id: string; source: string; target: string }[];
}

const query = new URLSearchParams(window.location.search);
const num = (name: string, fallback: number): number => {
  const v = Number(query.get(name));
  return query.has(name) && Number.isFinite(v) ? v : fallback;
};
const width = num('w', window.innerWidth);
const height = num('h', window.innerHeight);
const viewport: Viewport = { x: num('x', 0), y: num('y', 0), zoom: num('zoom', 1) };
const cull = query.get('cull') === '1';

function Flow({ graph }: { graph: Graph }) {
  const [nodes, , onNodesChange] = useNodesState<Node>(graph.nodes.map((n) => ({ id: n.id, position: { x: n.x, y: n.y }, data: { label: n.id } })));
  const [edges, , onEdgesChange] = useEdgesState<Edge>(graph.edges);
  return (
    <div style={{ width, height }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        defaultViewport={viewport}
        minZoom={0.05}
        maxZoom={2}
        onlyRenderVisibleElements={cull}
      />
    </div>
  );
}

void fetch('./graph.json')
  .then((r) => r.json() as Promise<Graph>)
  .then((graph) => {
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <Flow graph={graph} />
      </StrictMode>,
    );
  });
