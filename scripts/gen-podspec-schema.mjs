// Generates the Kubernetes PodSpec JSON schema from the `kubernetes-types` declarations, and adds the enums that the
// TypeScript types cannot express (kubernetes-types has `imagePullPolicy?: string`). The output is build output: it is
// not committed, and `scripts/build.mjs` regenerates it when the types package changes.
import { createGenerator } from 'ts-json-schema-generator';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/**
 * The schema without its documentation (`description` of every schema node, not fields named so): what validation and
 * the Flyte exporter read. The documentation (≈ 70 % of the file) stays in podspec.schema.json for the YAML editor's
 * hovers, which load lazily; without it, the validator Ajv generates (it embeds the schemas it checks) and the
 * page's first load are a fraction of the size.
 */
export function withoutDescriptions(node) {
  if (Array.isArray(node)) return node.map(withoutDescriptions);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description' && typeof value === 'string') continue;
    // maps of names to schemas: the names are data, each value a schema
    if ((key === 'properties' || key === 'definitions') && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, withoutDescriptions(schema)]));
    } else out[key] = withoutDescriptions(value);
  }
  return out;
}

/** Writes the schema without its documentation (`withoutDescriptions`) beside it. */
export function generatePodSpecShape(schemaPath, outPath) {
  writeFileSync(outPath, JSON.stringify(withoutDescriptions(JSON.parse(readFileSync(schemaPath, 'utf8')))));
}

/**
 * Compiles the schema with core's Ajv (v8, resolved from packages/core) into a standalone ES module, so that no process
 * or page compiles it at run time (≈ 150 ms of `podflow validate`'s CPU before): `export const validate`, with Ajv's
 * usual `validate.errors`. It is generated from the schema file above, so the two cannot drift; build output too.
 */
export function generatePodSpecValidator(corePackageJson, schemaPath, outPath) {
  const require = createRequire(corePackageJson);
  const Ajv = require('ajv').default;
  const standaloneCode = require('ajv/dist/standalone').default;
  const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: true } });
  const code = standaloneCode(ajv, ajv.compile(withoutDescriptions(JSON.parse(readFileSync(schemaPath, 'utf8')))));
  // Ajv emits require() for runtime helpers some keywords need; this schema needs none, and the module must stay ESM.
  if (/\brequire\(/.test(code)) throw new Error('gen-podspec-schema: the standalone PodSpec validator needs require(); import its runtime helpers instead');
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, `// Generated by scripts/gen-podspec-schema.mjs from podspec.schema.json (Ajv standalone). Do not edit.\n${code}\n`);
  writeFileSync(
    outPath.replace(/\.js$/, '.d.ts'),
    `// Generated by scripts/gen-podspec-schema.mjs. Do not edit.\nimport type { ValidateFunction } from 'ajv';\nexport declare const validate: ValidateFunction;\nexport default validate;\n`,
  );
}
