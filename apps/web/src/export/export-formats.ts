import type { ExportScope } from './export-content';

/**
 * The formats the Export dialog offers, in order. A new format (the flytekit module) is one more entry here and one
 * more case in exportContent; the dialog reads only this list.
 */
export interface ExportFormat {
  id: 'pods' | 'argo' | 'flytekit' | 'workflow';
  label: string;
  hint: string;
  description: string;
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  { id: 'pods', label: 'Kubernetes pods', hint: 'ConfigMaps + Pods', description: 'The exact objects Podflow creates, for kubectl apply -f. Choose a node and type its inputs to get a pod that runs on its own.' },
  { id: 'argo', label: 'Argo Workflow', hint: 'runs without Podflow', description: 'The whole workflow as an Argo Workflow with its code ConfigMaps (docs/argo-export.md).' },
  { id: 'flytekit', label: 'flytekit module', hint: 'for Flyte', description: 'The workflow as a flytekit module (@task with pod_template, map_task, @dynamic), for pyflyte register. flytekit\'s local run ignores sidecars.' },
  { id: 'workflow', label: 'Workflow file', hint: '.podflow.yaml', description: 'The workflow document, as kept in git and opened by Podflow.' },
];

/** The content scope of a format and a node choice. */
export const scopeOf = (format: ExportFormat['id'], nodeId: string | undefined): ExportScope =>
  format === 'pods' ? (nodeId ? 'node' : 'all') : format;
