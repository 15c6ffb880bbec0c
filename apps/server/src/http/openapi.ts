import { z } from 'zod';
import { ErrorAnswer, RunEventSchema, WorkflowDocSchema } from '@podflow/core';
import type { Route } from './route';

/**
 * The OpenAPI 3.1 document, generated from the routes' own zod schemas (zod 4's `z.toJSONSchema`), so it cannot
 * drift from what the server checks. Placeholders marked `x-schema` become references to shared components.
 */
type JsonObject = Record<string, unknown>;

export function buildOpenApi(routes: readonly Route[], version: string): JsonObject {
  const components: Record<string, unknown> = {};
  components.WorkflowDocument = toJsonSchema(WorkflowDocSchema, 'WorkflowDocument_', components);
  components.RunEvent = toJsonSchema(RunEventSchema, 'RunEvent_', components);

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const operationId = `${route.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`;
    const prefix = `${operationId}_`;
    const parameters: unknown[] = [
      ...parametersOf(route.params, 'path', prefix, components),
      ...parametersOf(route.query, 'query', prefix, components),
      ...(route.headers ?? []).map((h) => ({ name: h.name, in: 'header', required: h.required ?? false, description: h.description, schema: { type: 'string' } })),
    ];
    const operation: JsonObject = {
      operationId,
      summary: route.summary,
      tags: [route.tag],
      ...(parameters.length ? { parameters } : {}),
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([code, response]) => [
          code,
          {
            description: response.description,
            ...(response.schema || response.contentType
              ? {
                  content: {
                    [response.contentType ?? 'application/json']: response.schema ? { schema: schemaOrRef(response.schema, prefix, components) } : {},
                  },
                }
              : {}),
          },
        ]),
      ),
    };
    if (route.body) {
      const optional = route.body.safeParse(undefined).success;
      operation.requestBody = {
        required: !optional,
        content: { 'application/json': { schema: toJsonSchema(unwrapOptional(route.body), prefix, components) } },
      };
    }
    if (route.path.startsWith('/api/')) {
      const responses = operation.responses as JsonObject;
      responses['401'] ??= { description: 'the token is missing or wrong', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    if (!route.path.startsWith('/api/')) operation.security = [];
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  components.Error = toJsonSchema(ErrorAnswer, 'Error_', components);

  return {
    openapi: '3.1.0',
    info: {
      title: 'Podflow API',
      version,
      description:
        'The API of `podflow serve` (docs/api.md). Every /api call needs the token: `Authorization: Bearer TOKEN` or the ' +
        '`podflow_token` cookie. Errors are `{"error": {code, message, field?, issues?}}`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'podflow_token' },
      },
    },
  };
}

/** Shared schemas are referenced by name instead of being repeated in every operation. */
function schemaOrRef(schema: z.ZodType, prefix: string, components: Record<string, unknown>): JsonObject {
  if (schema === RunEventSchema) return { $ref: '#/components/schemas/RunEvent' };
  if (schema === ErrorAnswer) return { $ref: '#/components/schemas/Error' };
  return toJsonSchema(schema, prefix, components);
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query', prefix: string, components: Record<string, unknown>): unknown[] {
  if (!schema) return [];
  const json = toJsonSchema(schema, prefix, components);
  const properties = (json.properties ?? {}) as Record<string, unknown>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => ({ name, in: where, required: where === 'path' || required.has(name), schema: s }));
}

function unwrapOptional(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
}

function toJsonSchema(schema: z.ZodType, prefix: string, components: Record<string, unknown>): JsonObject {
  const raw = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input', target: 'draft-2020-12' }) as JsonObject;
  delete raw.$schema;
  const defs = (raw.$defs ?? {}) as Record<string, unknown>;
  delete raw.$defs;
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== 'object') return node;
    const obj = node as JsonObject;
    if (typeof obj['x-schema'] === 'string') return { $ref: `#/components/schemas/${obj['x-schema']}`, description: obj.description };
    if (typeof obj.$ref === 'string' && obj.$ref.startsWith('#/$defs/')) {
      return { ...obj, $ref: `#/components/schemas/${prefix}${obj.$ref.slice('#/$defs/'.length)}` };
    }
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, rewrite(v)]));
  };
  for (const [name, def] of Object.entries(defs)) components[`${prefix}${name}`] = rewrite(def);
  return rewrite(raw) as JsonObject;
}
