import { compile, findTask, nodesOf, toKubernetesYaml, uniqueNodeId, type CompiledPod, type WorkflowDoc } from '@podflow/core';

export type CompilePreview =
  | { ok: true; compiled: CompiledPod; yaml: string; nodeId: string; synthetic: boolean }
  | { ok: false; message: string };

/**
 * The compiled objects for a node. A task that no node invokes (one that dynamic tasks call) is compiled as if a node
 * invoked it, so that its pod can still be previewed.
 */
export function compilePreview(doc: WorkflowDoc, nodeId: string | undefined, taskName: string): CompilePreview {
  try {
    let id: string | undefined = nodeId ?? nodesOf(doc).find((n) => n.task === taskName)?.id;
    let target = doc;
    let synthetic = false;
    if (!id) {
      if (!findTask(doc, taskName)) return { ok: false, message: `there is no task "${taskName}"` };
      const newId = uniqueNodeId(taskName, new Set(nodesOf(doc).map((n) => n.id)));
      id = newId;
      target = { ...doc, spec: { ...doc.spec, nodes: [...nodesOf(doc), { id: newId, task: taskName }] } };
      synthetic = true;
    }
    const compiled = compile(target, id);
    return { ok: true, compiled, yaml: toKubernetesYaml([compiled]), nodeId: id, synthetic };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
