import podSpecSchema from '../k8s/generated/podspec.shape.json';
import { isPlainObject } from '../util/json';
import { pythonLiteral, pythonString } from './python-literal';

interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
}

const definitions = (podSpecSchema as unknown as { definitions: Record<string, SchemaNode> }).definitions;

/** Python client classes whose names are not `V1` + the Kubernetes kind. */
const CLASS_NAMES: Record<string, string> = { ResourceClaim: 'CoreV1ResourceClaim' };
/** Python attribute names that the plain camelCase → snake_case rule gets wrong (`kubernetes.client` attribute_map). */
const ATTRIBUTE_NAMES: Record<string, string> = { exec: '_exec', targetWWNs: 'target_wwns' };

export function pythonAttributeName(jsonKey: string): string {
  return ATTRIBUTE_NAMES[jsonKey] ?? jsonKey.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

export function pythonClassName(kind: string): string {
  return CLASS_NAMES[kind] ?? `V1${kind}`;
}

export interface PodSpecSource {
  code: string;
  /** The `kubernetes.client` classes it uses, sorted. */
  classes: string[];
  /** JSON paths of fields the Python client has no attribute for (they cannot be expressed), e.g. `resourceClaims[0].source`. */
  unknown: string[];
}

/**
 * A PodSpec (camelCase JSON as Kubernetes and the document have it) as `V1PodSpec(...)` source, one keyword per line,
 * the way a person writes it with the Kubernetes Python client; flytekit's serializer (`sanitize_for_serialization`)
 * turns it back into exactly this JSON. Maps (node selectors, resources) stay dict literals.
 */
export function podSpecSource(spec: unknown, indent: string): PodSpecSource {
  const classes = new Set<string>();
  const unknown: string[] = [];
  const code = render(spec, { $ref: '#/definitions/PodSpec' }, indent, '', classes, unknown);
  return { code, classes: [...classes].sort(), unknown };
}

function resolve(node: SchemaNode): [string | undefined, SchemaNode] {
  if (!node.$ref) return [undefined, node];
  const kind = node.$ref.replace('#/definitions/', '');
  return [kind, definitions[kind] ?? {}];
}

function render(value: unknown, schemaNode: SchemaNode, indent: string, path: string, classes: Set<string>, unknown: string[]): string {
  const [kind, node] = resolve(schemaNode);
  if (kind && node.properties && isPlainObject(value)) {
    const cls = pythonClassName(kind);
    classes.add(cls);
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return `${cls}()`;
    const inner = `${indent}    `;
    const simple = entries.every(([key, v]) => node.properties![key] && !node.properties![key]!.$ref && (v === null || typeof v !== 'object' || (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object'))));
    if (simple) {
      const flat = `${cls}(${entries.map(([key, v]) => `${pythonAttributeName(key)}=${pythonLiteral(v)}`).join(', ')})`;
      if (flat.length + indent.length <= 90) {
        for (const [key] of entries) if (kind === 'PodResourceClaim' && key === 'source') unknown.push(path ? `${path}.${key}` : key);
        return flat;
      }
    }
    const args = entries.map(([key, v]) => {
      const child = node.properties![key];
      const at = path ? `${path}.${key}` : key;
      if (!child || (kind === 'PodResourceClaim' && key === 'source')) unknown.push(at);
      return `${inner}${pythonAttributeName(key)}=${render(v, child ?? {}, inner, at, classes, unknown)},\n`;
    });
    return `${cls}(\n${args.join('')}${indent})`;
  }
  if (Array.isArray(value) && node.items) {
    if (value.length === 0) return '[]';
    if (!node.items.$ref && value.every((x) => x === null || typeof x !== 'object')) {
      const flat = pythonLiteral(value);
      if (flat.length + indent.length <= 90) return flat;
    }
    const inner = `${indent}    `;
    return `[\n${value.map((v, i) => `${inner}${render(v, node.items!, inner, `${path}[${i}]`, classes, unknown)},\n`).join('')}${indent}]`;
  }
  if (isPlainObject(value) && isPlainObject(node.additionalProperties)) {
    const inner = `${indent}    `;
    // The Kubernetes Python client types quantities as strings (cpu: 1 → "1"); Kubernetes reads both the same.
    const quantities = node.additionalProperties.$ref === '#/definitions/Quantity';
    const entries = Object.entries(value).map(([k, v]): [string, unknown] => [k, quantities && typeof v === 'number' ? String(v) : v]);
    const flat = `{${entries.map(([k, v]) => `${pythonString(k)}: ${pythonLiteral(v)}`).join(', ')}}`;
    if (flat.length + indent.length <= 90) return flat;
    return `{\n${entries.map(([k, v]) => `${inner}${pythonString(k)}: ${pythonLiteral(v, inner)},\n`).join('')}${indent}}`;
  }
  return pythonLiteral(value, indent);
}
