import { findNode, findTask } from '../document/accessors';
import type { WorkflowDoc } from '../document/workflow-schema';
import { compile } from '../compile/compile';
import { yamlText } from '../compile/yaml-writer';

/** One side of a node's diff: its compiled preview Pod as YAML and its task's code, or why it could not compile. */
export type NodePodSide =
  | {
      ok: true;
      task: string;
      /** The Pod that `compile` makes for the preview (the same object that export writes), as YAML. */
      podYaml: string;
      code: string;
      /** Compile's own error findings (an invalid PodSpec), shown beside the diff. */
      problems: string[];
    }
  | { ok: false; task: string | undefined; error: string };

/** A node's two sides; `undefined` where the node does not exist (added or removed). */
export interface NodePodDiff {
  nodeId: string;
  a: NodePodSide | undefined;
  b: NodePodSide | undefined;
}

/** Compiles one side through the one compile path; an old version that no longer compiles is a message, not a throw. */
export function nodePodSide(doc: WorkflowDoc, nodeId: string): NodePodSide | undefined {
  const node = findNode(doc, nodeId);
  if (!node) return undefined;
  try {
    const compiled = compile(doc, nodeId);
    return {
      ok: true,
      task: compiled.task,
      podYaml: yamlText(compiled.pod),
      code: findTask(doc, compiled.task)?.code ?? '',
      problems: compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
    };
  } catch (e) {
    return { ok: false, task: node.task, error: `${nodeId} does not compile in this version: ${(e as Error).message}` };
  }
}

/** `olderId`: the node's id in `a` when it was renamed (`NodeDiff.renamedFrom`). */
export function nodePodDiff(a: WorkflowDoc, b: WorkflowDoc, nodeId: string, olderId = nodeId): NodePodDiff {
  return { nodeId, a: nodePodSide(a, olderId), b: nodePodSide(b, nodeId) };
}
