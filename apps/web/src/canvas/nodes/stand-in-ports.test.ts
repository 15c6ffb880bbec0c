import { describe, expect, it } from 'vitest';
import { Position } from '@xyflow/react';
import { taskNodeGeometry } from '../node-geometry';
import type { TaskNodeData } from '../node-view';
import { standInPorts } from './stand-in-ports';

const data = (inputs: string[], outputs: string[]): TaskNodeData => ({
  nodeId: 'n1',
  taskName: 'step',
  kind: 'task',
  missingTask: false,
  inputs: inputs.map((name) => ({ name, typeText: 'int', optional: false, mapped: false, binding: undefined })),
  outputs: outputs.map((name) => ({ name, typeText: 'int', optional: false })),
  containers: [],
  resources: undefined,
  scheduling: undefined,
  mapSummary: undefined,
  codeProblem: false,
});

describe('standInPorts', () => {
  it('places each estimated port at its box inside the 1 px border (what React Flow measures from the border box)', () => {
    const g = taskNodeGeometry(data(['a', 'b'], ['o0']));
    const ports = standInPorts(g.handles);
    expect(ports.map((p) => [p.type, p.id, p.position])).toEqual([
      ['target', 'a', Position.Left],
      ['target', 'b', Position.Left],
      ['source', 'o0', Position.Right],
    ]);
    for (const [i, p] of ports.entries()) {
      const h = g.handles[i]!;
      // Border-box coordinates of the port's corner = CSS left/top (from the padding box) + the border.
      expect(p.style.left + 1).toBe(h.x);
      expect(p.style.top + 1).toBe(h.y);
      expect(p.style.width).toBe(h.width);
      expect(p.style.height).toBe(h.height);
    }
    // A left port straddles the left border, a right port the right border.
    expect(ports[0]!.style.left + ports[0]!.style.width / 2).toBeCloseTo(0, 5);
    expect(ports[2]!.style.left + ports[2]!.style.width / 2).toBeCloseTo(g.width - 2, 5);
  });

  it('keys ports by type and id, so a node with an input and an output of one name keeps both', () => {
    const ports = standInPorts(taskNodeGeometry(data(['x'], ['x'])).handles);
    expect(new Set(ports.map((p) => p.key)).size).toBe(2);
  });

  it('gives a port without a size a 1 px box (React Flow treats a missing size as 1)', () => {
    const [p] = standInPorts([{ id: null, type: 'source', position: Position.Right, x: 10, y: 20 }]);
    expect(p).toMatchObject({ id: undefined, style: { left: 9, top: 19, width: 1, height: 1 } });
  });
});
