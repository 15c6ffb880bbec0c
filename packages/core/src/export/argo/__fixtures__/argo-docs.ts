import { parseWorkflowOrThrow } from '../../../document/parse-workflow';
import type { WorkflowDoc } from '../../../document/workflow-schema';

/** Every pod shape and every construct the Argo export maps, in one workflow (test-only). */
export const richText = `apiVersion: podflow/v1alpha1
kind: Workflow
metadata:
  name: argo-rich
  description: pods of every shape, a map, retries, a timeout and a cache
spec:
  defaults: { image: python:3.12-slim, namespace: pipelines }
  failurePolicy: continue
  podTemplate:
    metadata: { labels: { team: data } }
    spec:
      tolerations: [{ key: dedicated, operator: Equal, value: ml, effect: NoSchedule }]
  inputs:
    - { name: numbers, type: "list[int]", default: [1, 2, 3] }
    - { name: greeting, type: str }
    - { name: scale, type: int, default: 2 }
  outputs:
    - { name: total, type: int, from: { node: sum_up, output: o0 } }
    - { name: words, type: "list[Optional[str]]", from: { node: shout, output: o0 } }
  tasks:
    - name: double
      type: python
      code: |
        def double(n: int, scale: int) -> int:
            return n * scale
      retries: 2
      timeoutSeconds: 90.5
      cache: { enabled: true, version: "2" }
      pod:
        labels: { tier: compute }
        annotations: { note: "hello" }
        spec:
          nodeSelector: { node_group: memory }
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms: [{ matchExpressions: [{ key: zone, operator: In, values: [a, b] }] }]
          securityContext: { runAsUser: 1000, fsGroup: 2000 }
          serviceAccountName: runner
          hostNetwork: true
          dnsPolicy: ClusterFirstWithHostNet
          initContainers:
            - { name: fetch, image: alpine, command: [sh, -c, "echo ready > /work/ready"], volumeMounts: [{ name: work, mountPath: /work }] }
          containers:
            - name: primary
              env: [{ name: MODE, value: fast }]
              volumeMounts: [{ name: work, mountPath: /work }]
            - name: sidecar
              image: busybox
              command: [sh, -c, "sleep 3600"]
              volumeMounts: [{ name: work, mountPath: /work }]
          volumes:
            - { name: work, emptyDir: {} }
      resources: { requests: { cpu: 250m, memory: 64Mi } }
      env: { LEVEL: debug }
    - name: shout
      type: python
      code: |
        def shout(word: str, times: int = 1) -> str:
            return (word.upper() + "!") * times
    - name: sum_up
      type: python
      code: |
        from typing import List, Optional
        def sum_up(values: List[int], words: List[Optional[str]]) -> int:
            return sum(values) + len(words)
  nodes:
    - id: double
      task: double
      map: { concurrency: 2, retries: 3 }
      inputs:
        n: { input: numbers }
        scale: { input: scale }
    - id: shout
      task: shout
      map: { minSuccessRatio: 0.5 }
      inputs:
        word: { value: ["a", "b c", "1"] }
    - id: shout_once
      task: shout
      inputs:
        word: { input: greeting }
        times: { value: 3 }
    - id: sum_up
      task: sum_up
      inputs:
        values: { node: double, output: o0 }
        words: { node: shout, output: o0 }
`;

export const richDoc = (): WorkflowDoc => parseWorkflowOrThrow(richText);

/** Replaces one part of the rich document's text (the tests' way to make a variant). */
export const richVariant = (from: string, to: string): WorkflowDoc => {
  if (!richText.includes(from)) throw new Error(`richVariant: "${from}" not in the fixture`);
  return parseWorkflowOrThrow(richText.replace(from, to));
};
