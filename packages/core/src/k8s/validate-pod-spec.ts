import type { ErrorObject } from 'ajv';
import { validate as validator } from './generated/podspec-validate.js';

export interface SchemaProblem {
  /** Path inside the pod spec, as `containers[0].resources.limits.memory`. */
  path: string;
  message: string;
}

/**
 * Checks a PodSpec against Kubernetes' schema (generated at build time from `kubernetes-types`, enums added). The
 * validator is that schema compiled by Ajv at build time (scripts/gen-podspec-schema.mjs), with the same options as
 * before: all errors, not strict.
 */
export function validatePodSpec(spec: unknown): SchemaProblem[] {
  if (validator(spec)) return [];
  const byPath = new Map<string, SchemaProblem>();
  for (const error of validator.errors ?? []) {
    const problem = describe(error);
    const existing = byPath.get(problem.path);
    // anyOf (quantities) yields one error per branch; keep the clearest single message per field.
    if (!existing || error.keyword === 'anyOf') byPath.set(problem.path, problem);
  }
  return [...byPath.values()];
}

function describe(error: ErrorObject): SchemaProblem {
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let path = segments.map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join('').replace(/^\./, '');
  let message = error.message ?? 'is invalid';
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = (error.params as { additionalProperty: string }).additionalProperty;
      path = path ? `${path}.${field}` : field;
      message = `unknown field "${field}"`;
      break;
    }
    case 'enum':
      message = `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'anyOf':
    case 'pattern':
      message = 'is not a valid quantity (for example 500Mi, 1G, 0.5 or 250m)';
      break;
    case 'required':
      message = `is missing required field "${(error.params as { missingProperty: string }).missingProperty}"`;
      break;
    case 'type':
      message = `must be ${(error.params as { type: string }).type}`;
      break;
  }
  return { path, message };
}
