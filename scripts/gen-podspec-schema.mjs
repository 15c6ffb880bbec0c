// Generates the Kubernetes PodSpec JSON schema from the `kubernetes-types` declarations, and adds the enums that the
// TypeScript types cannot express (kubernetes-types has `imagePullPolicy?: string`). The output is build output: it is
// not committed, and `scripts/build.mjs` regenerates it when the types package changes.
import { createGenerator } from 'ts-json-schema-generator';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Enum values from the Kubernetes API reference (core/v1). */
const ENUMS = {
  'Container.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'Container.restartPolicy': ['Always'],
  'Container.terminationMessagePolicy': ['File', 'FallbackToLogsOnError'],
  'PodSpec.restartPolicy': ['Always', 'OnFailure', 'Never'],
  'PodSpec.dnsPolicy': ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
  'PodSpec.preemptionPolicy': ['Never', 'PreemptLowerPriority'],
  'ContainerPort.protocol': ['TCP', 'UDP', 'SCTP'],
  'Toleration.operator': ['Exists', 'Equal'],
  'Toleration.effect': ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  'EmptyDirVolumeSource.medium': ['', 'Memory'],
  'HostPathVolumeSource.type': ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'],
  'NodeSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'],
  'LabelSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist'],
  'VolumeMount.mountPropagation': ['None', 'HostToContainer', 'Bidirectional'],
  'SeccompProfile.type': ['Localhost', 'RuntimeDefault', 'Unconfined'],
};

/** Kubernetes' quantity grammar (apimachinery resource.Quantity). */
export const QUANTITY_PATTERN = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?[0-9]+)?$';

export function generatePodSpecSchema(typesPath, outPath) {
  const schema = createGenerator({ path: typesPath, type: 'PodSpec', skipTypeCheck: true, expose: 'all', topRef: true }).createSchema('PodSpec');
  for (const [key, values] of Object.entries(ENUMS)) {
    const [def, field] = key.split('.');
    const prop = schema.definitions?.[def]?.properties?.[field];
    if (!prop) throw new Error(`gen-podspec-schema: ${key} not found in kubernetes-types`);
    prop.enum = values;
  }
  // Quantities are kept as written: "500Mi", ".5", or a plain number (`cpu: 1`), as the API server accepts.
  const quantity = schema.definitions.Quantity;
  schema.definitions.Quantity = {
    description: quantity.description,
    anyOf: [{ type: 'string', pattern: QUANTITY_PATTERN }, { type: 'number' }],
  };
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, JSON.stringify(schema, null, 1));
}
