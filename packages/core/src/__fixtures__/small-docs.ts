import { parseWorkflowOrThrow } from '../document/parse-workflow';
import type { WorkflowDoc } from '../document/workflow-schema';
import { deepFreeze } from './deep-freeze';

/** Small hand-written workflows for graph and op tests, parsed through the real boundary and deep-frozen (an op that
 *  mutates its input throws). */

const fixture = (yaml: string): WorkflowDoc => deepFreeze(parseWorkflowOrThrow(yaml));

const header = (name: string): string => `apiVersion: podflow/v1alpha1\nkind: Workflow\nmetadata:\n  name: ${name}\n`;

const addTasks = `  tasks:
    - name: source
      type: python
      code: |
        def source(seed: int = 1) -> int:
            return seed
    - name: step
      type: python
      code: |
        def step(a: int, b: int = 0) -> int:
            return a + b
`;

/** a → b, a → c, (b, c) → d; one workflow input, one output, a layout entry for every node and the input/output. */
export const diamond: WorkflowDoc = fixture(`${header('diamond')}spec:
  inputs:
    - name: seed
      type: int
      default: 3
  outputs:
    - name: total
      type: int
      from: { node: d, output: o0 }
${addTasks}  nodes:
    - id: a
      task: source
      inputs:
        seed: { input: seed }
    - id: b
      task: step
      inputs:
        a: { node: a, output: o0 }
    - id: c
      task: step
      inputs:
        a: { node: a, output: o0 }
        b: { value: 10 }
    - id: d
      task: step
      inputs:
        a: { node: b, output: o0 }
        b: { node: c, output: o0 }
  layout:
    "input:seed": { x: -200, y: 0 }
    a: { x: 0, y: 0 }
    b: { x: 200, y: -100 }
    c: { x: 200, y: 100 }
    d: { x: 400, y: 0 }
    "output:total": { x: 600, y: 0 }
`);

/** s1 → s2 → s3 → s4, written in reverse document order (so a sort must reorder). */
export const reversedChain: WorkflowDoc = fixture(`${header('reversed-chain')}spec:
${addTasks}  nodes:
    - { id: s4, task: step, inputs: { a: { node: s3, output: o0 } } }
    - { id: s3, task: step, inputs: { a: { node: s2, output: o0 } } }
    - { id: s2, task: step, inputs: { a: { node: s1, output: o0 } } }
    - { id: s1, task: source }
`);

/** Two independent sources x, y (y first in the document) and z taking both. */
export const twoSources: WorkflowDoc = fixture(`${header('two-sources')}spec:
${addTasks}  nodes:
    - { id: y, task: source }
    - { id: z, task: step, inputs: { a: { node: x, output: o0 }, b: { node: y, output: o0 } } }
    - { id: x, task: source }
`);

/** p → q → r → p, plus s downstream of the cycle and t on its own. */
export const cyclic: WorkflowDoc = fixture(`${header('cyclic')}spec:
${addTasks}  nodes:
    - { id: t, task: source }
    - { id: s, task: step, inputs: { a: { node: r, output: o0 } } }
    - { id: p, task: step, inputs: { a: { node: r, output: o0 } } }
    - { id: q, task: step, inputs: { a: { node: p, output: o0 } } }
    - { id: r, task: step, inputs: { a: { node: q, output: o0 } } }
`);

/** A node bound to its own output. */
export const selfLoop: WorkflowDoc = fixture(`${header('self-loop')}spec:
${addTasks}  nodes:
    - { id: solo, task: step, inputs: { a: { node: solo, output: o0 } } }
`);

/** References to things that do not exist: a node `ghost`, a workflow input `nope`, an output from `phantom`. */
export const dangling: WorkflowDoc = fixture(`${header('dangling')}spec:
  outputs:
    - { name: lost, from: { node: phantom, output: o0 } }
    - { name: kept, from: { node: real, output: o0 } }
${addTasks}  nodes:
    - { id: real, task: step, inputs: { a: { node: ghost, output: o0 }, b: { input: nope } } }
    - { id: after, task: step, inputs: { a: { node: real, output: o0 } } }
`);

/** The seed's map example: a map node over a workflow input, a coalescing task, and a dynamic task calling both. */
export const mapAndDynamic: WorkflowDoc = fixture(`${header('map-pod-workflow')}spec:
  inputs:
    - name: list_of_ints
      type: list[int]
      default: [1, 2, 3]
  outputs:
    - name: o0
      type: str
      from: { node: coalesce, output: o0 }
  tasks:
    - name: map_pod_task
      type: python
      code: |
        def map_pod_task(int_val: int) -> str:
            return str(int_val)
      resources: { requests: { cpu: "500m", memory: 500Mi } }
    - name: coalesce
      type: python
      code: |
        from typing import List

        def coalesce(list_of_strings: List[str]) -> str:
            coalesced = "".join(list_of_strings)
            return coalesced
    - name: stringify
      type: python
      code: |
        def stringify(x: int) -> str:
            return f"{x}"
    - name: dynamic_pod_task
      type: dynamic
      code: |
        def dynamic_pod_task(a: int) -> list[str]:
            """Calls stringify(x) once per item; "map_pod_task(" in a string is not a call."""
            s = []
            for i in range(a):
                s.append(stringify(x=i))  # stringify( in a comment
            return s
  nodes:
    - id: map_pod_task
      task: map_pod_task
      map: { concurrency: 4, minSuccessRatio: 1.0, retries: 1 }
      inputs:
        int_val: { input: list_of_ints }
    - id: coalesce
      task: coalesce
      inputs:
        list_of_strings: { node: map_pod_task, output: o0 }
    - id: dynamic_pod_task
      task: dynamic_pod_task
      inputs:
        a: { value: 3 }
  layout:
    map_pod_task: { x: 0, y: 0 }
    coalesce: { x: 250, y: 0 }
    dynamic_pod_task: { x: 0, y: 150 }
`);

/** The least a document can be: no spec lists at all. */
export const empty: WorkflowDoc = fixture(`${header('empty')}spec: {}\n`);
