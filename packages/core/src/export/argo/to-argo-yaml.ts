import { stringify } from 'yaml';
import type { ConfigMap } from 'kubernetes-types/core/v1';
import type { ArgoWorkflow } from './argo-types';

/**
 * One multi-document YAML: the code ConfigMaps first (so `kubectl apply -f` creates them first), then the Workflow.
 * Written as YAML 1.1, which Go readers (sigs.k8s.io/yaml: kubectl, argo) speak: `n`, `y`, `on` stay strings.
 */
export function toArgoYaml(exported: { configMaps: readonly ConfigMap[]; workflow: ArgoWorkflow }): string {
  const docs = [...exported.configMaps, exported.workflow].map((o) => stringify(o, { lineWidth: 0, blockQuote: 'literal', aliasDuplicateObjects: false, version: '1.1' }));
  return docs.map((d) => `---\n${d}`).join('');
}

/** The same objects as JSON (ConfigMaps, then the Workflow). */
export const toArgoObjects = (exported: { configMaps: readonly ConfigMap[]; workflow: ArgoWorkflow }): unknown[] => [...exported.configMaps, exported.workflow];
