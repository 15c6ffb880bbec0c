/**
 * YAML that was typed but never applied (it does not parse, or the schema refuses it), kept in localStorage per
 * workflow and per editor (a task's pod spec, the pod template), so that a reload offers it back instead of
 * dropping it. `base` is the YAML of the document's value when the draft was kept: if the document moved on since,
 * the offer says so.
 */
export interface YamlDraft {
  text: string;
  base: string;
  savedAt: number;
}

const key = (workflowId: string, editor: string) => `podflow.yamlDraft.${workflowId}.${editor}`;

export function readYamlDraft(workflowId: string, editor: string): YamlDraft | undefined {
  try {
    const raw = localStorage.getItem(key(workflowId, editor));
    if (!raw) return undefined;
    const v = JSON.parse(raw) as Partial<YamlDraft>;
    return typeof v.text === 'string' && typeof v.base === 'string' ? { text: v.text, base: v.base, savedAt: typeof v.savedAt === 'number' ? v.savedAt : 0 } : undefined;
  } catch {
    return undefined;
  }
}

export function writeYamlDraft(workflowId: string, editor: string, draft: YamlDraft): void {
  try {
    localStorage.setItem(key(workflowId, editor), JSON.stringify(draft));
  } catch {
    /* quota or private mode: the draft lives as long as the tab */
  }
}

export function clearYamlDraft(workflowId: string, editor: string): void {
  try {
    localStorage.removeItem(key(workflowId, editor));
  } catch {
    /* ignore */
  }
}
