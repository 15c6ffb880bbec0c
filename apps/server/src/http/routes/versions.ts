import { CreatedVersionAnswer, CreateVersionBody, EmptyBody, ErrorAnswer, ExportQuery, RevisionAnswer, serializeWorkflow, VersionAnswer, VersionListAnswer, VersionParams, WorkflowParams } from '@podflow/core';
import { flyteModuleAnswer } from './flyte-export-answer';
import type { AppContext } from '../app-context';
import { notFound } from '../api-error';
import { defineRoute, type Route } from '../route';
import { raise } from '../raise';

const error = (description: string) => ({ description, schema: ErrorAnswer });

/** Immutable versions of a workflow, restore, and export as `.podflow.yaml`. */
export function versionRoutes(ctx: AppContext): Route[] {
  const { workflows } = ctx;
  const noWorkflow = (id: string) => raise(notFound(`workflow ${id}`, 'id'));

  return [
    defineRoute({
      method: 'GET',
      path: '/api/workflows/:id/versions',
      tag: 'versions',
      summary: 'List versions, newest first',
      params: WorkflowParams,
      responses: { 200: { description: 'the versions', schema: VersionListAnswer }, 404: error('no such workflow') },
      handler: ({ params }) => workflows.listVersions(params.id) ?? noWorkflow(params.id),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/workflows/:id/versions',
      tag: 'versions',
      summary: 'Save the draft as a new immutable version',
      params: WorkflowParams,
      body: CreateVersionBody,
      responses: { 201: { description: 'created', schema: CreatedVersionAnswer }, 404: error('no such workflow') },
      handler: ({ params, body, reply }) => {
        const version = workflows.createVersion(params.id, body?.message ?? '') ?? noWorkflow(params.id);
        reply.code(201);
        return { version };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/workflows/:id/versions/:version',
      tag: 'versions',
      summary: 'One version with its document',
      params: VersionParams,
      responses: { 200: { description: 'the version', schema: VersionAnswer }, 404: error('no such workflow or version') },
      handler: ({ params }) =>
        workflows.getVersion(params.id, params.version) ?? raise(notFound(`version ${params.version} of workflow ${params.id}`, 'version')),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/workflows/:id/versions/:version/restore',
      tag: 'versions',
      summary: 'Make a version the draft again',
      params: VersionParams,
      body: EmptyBody,
      responses: { 200: { description: 'the new draft revision', schema: RevisionAnswer }, 404: error('no such workflow or version') },
      handler: ({ params }) => {
        const result = workflows.restore(params.id, params.version);
        if (result === 'no-workflow') return noWorkflow(params.id);
        if (result === 'no-version') throw notFound(`version ${params.version} of workflow ${params.id}`, 'version');
        return result;
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/workflows/:id/export.yaml',
      tag: 'versions',
      summary: 'The draft (or ?version=) as .podflow.yaml text, or with ?format=flyte as a flytekit module',
      params: WorkflowParams,
      query: ExportQuery,
      responses: { 200: { description: 'the document (or the flytekit module, text/x-python)', contentType: 'application/yaml' }, 404: error('no such workflow or version'), 422: error('the workflow cannot be exported in that format (issues name each node and field)') },
      handler: ({ params, query, reply }) => {
        const doc =
          query.version !== undefined
            ? (workflows.getVersion(params.id, query.version) ?? raise(notFound(`version ${query.version} of workflow ${params.id}`, 'version'))).document
            : (workflows.getDraft(params.id) ?? noWorkflow(params.id)).document;
        if (query.format === 'flyte') return flyteModuleAnswer(doc, reply);
        const file = `${doc.metadata.name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 100) || 'workflow'}.podflow.yaml`;
        reply.header('content-type', 'application/yaml; charset=utf-8');
        reply.header('content-disposition', `attachment; filename="${file}"`);
        return serializeWorkflow(doc);
      },
    }),
  ];
}
