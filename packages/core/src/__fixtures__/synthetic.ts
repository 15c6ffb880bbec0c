import { nodeId, type NodeId } from '../document/ids';
import { API_VERSION, KIND, type Binding, type Position, type Task, type WorkflowDoc, type WorkflowNode } from '../document/workflow-schema';

export type SyntheticShape = 'chain' | 'fanout' | 'lattice';

const TASKS: Task[] = [
  { name: 'source', type: 'python', code: 'def source(seed: int = 1) -> int:\n    return seed\n' },
  { name: 'step', type: 'python', code: 'def step(a: int, b: int = 0) -> int:\n    return a + b\n' },
];

const GAP_X = 220;
const GAP_Y = 120;

/**
 * A generated workflow of exactly `nodes` nodes (≥ 1) for benchmarks and scale tests, with real tasks whose
 * signatures match the bindings:
 * - `chain`: n0 → n1 → … (each `step` takes the previous node as `a`);
 * - `fanout`: one `source` feeding N − 1 independent `step` nodes;
 * - `lattice`: layers of width ⌈√N⌉; every `step` takes `a` and `b` from two neighbours in the layer before.
 * Node 0 takes the workflow input `seed`; the last node is the workflow output `result`. Every node has a position.
 */
export function syntheticWorkflow(shape: SyntheticShape, nodes: number): WorkflowDoc {
  const count = Math.max(1, Math.floor(nodes));
  const list: WorkflowNode[] = [];
  const layout: Record<string, Position> = {};
  const add = (i: number, inputs: Record<string, Binding> | undefined, p: Position): NodeId => {
    const id = nodeId(`n${i}`);
    const node: WorkflowNode = { id, task: inputs ? 'step' : 'source' };
    if (inputs) node.inputs = inputs;
    list.push(node);
    layout[id] = p;
    return id;
  };
  const from = (id: NodeId): Binding => ({ node: id, output: 'o0' });

  if (shape === 'chain') {
    let prev = add(0, undefined, { x: 0, y: 0 });
    for (let i = 1; i < count; i++) prev = add(i, { a: from(prev) }, { x: i * GAP_X, y: 0 });
  } else if (shape === 'fanout') {
    const root = add(0, undefined, { x: 0, y: 0 });
    for (let i = 1; i < count; i++) add(i, { a: from(root) }, { x: GAP_X, y: (i - 1) * GAP_Y });
  } else {
    const width = Math.ceil(Math.sqrt(count));
    let prev: NodeId[] = [];
    for (let layer = 0, i = 0; i < count; layer++) {
      const current: NodeId[] = [];
      for (let j = 0; j < width && i < count; j++, i++) {
        const p = { x: layer * GAP_X, y: j * GAP_Y };
        const inputs = prev.length === 0 ? undefined : { a: from(prev[j % prev.length]!), b: from(prev[(j + 1) % prev.length]!) };
        current.push(add(i, inputs, p));
      }
      prev = current;
    }
  }
  list[0] = { ...list[0]!, inputs: { seed: { input: 'seed' } } };
  const last = list[list.length - 1]!.id;
  layout['input:seed'] = { x: -GAP_X, y: 0 };
  layout['output:result'] = { x: (layout[last]?.x ?? 0) + GAP_X, y: layout[last]?.y ?? 0 };
  return {
    apiVersion: API_VERSION,
    kind: KIND,
    metadata: { name: `synthetic-${shape}-${count}` },
    spec: {
      inputs: [{ name: 'seed', type: 'int', default: 1 }],
      outputs: [{ name: 'result', type: 'int', from: { node: last, output: 'o0' } }],
      tasks: TASKS.map((t) => ({ ...t })),
      nodes: list,
      layout,
    },
  };
}
