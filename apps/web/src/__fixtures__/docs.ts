import { parseWorkflowOrThrow, type WorkflowDoc } from '@podflow/core';

/** Small documents for the editor's unit tests. */
export const blank = (): WorkflowDoc => parseWorkflowOrThrow({ apiVersion: 'podflow/v1alpha1', kind: 'Workflow', metadata: { name: 'w' }, spec: {} });

/** list_of_ints → map(map_pod_task) → coalesce → o0, as in the seed. */
export const mapPod = (): WorkflowDoc =>
  parseWorkflowOrThrow({
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'map-pod' },
    spec: {
      inputs: [{ name: 'list_of_ints', type: 'list[int]' }],
      outputs: [{ name: 'o0', type: 'str', from: { node: 'coalesce', output: 'o0' } }],
      tasks: [
        {
          name: 'map_pod_task',
          type: 'python',
          code: 'def map_pod_task(int_val: int) -> str:\n    return str(int_val)\n',
          pod: { spec: { containers: [{ name: 'primary', resources: { requests: { cpu: '.5', memory: '500Mi' } } }], initContainers: [{ name: 'init', image: 'alpine' }] } },
        },
        { name: 'coalesce', type: 'python', code: 'from typing import List\n\ndef coalesce(list_of_strings: List[str]) -> str:\n    return ",".join(list_of_strings)\n' },
        { name: 'square', type: 'python', code: 'def square(x: int) -> int:\n    return x * x\n' },
      ],
      nodes: [
        { id: 'map_pod_task', task: 'map_pod_task', map: { retries: 1 }, inputs: { int_val: { input: 'list_of_ints' } } },
        { id: 'coalesce', task: 'coalesce', inputs: { list_of_strings: { node: 'map_pod_task', output: 'o0' } } },
        { id: 'square', task: 'square' },
      ],
      layout: { 'input:list_of_ints': { x: 0, y: 0 }, map_pod_task: { x: 300, y: 0 }, coalesce: { x: 600, y: 0 }, square: { x: 600, y: 300 } },
    },
  });
