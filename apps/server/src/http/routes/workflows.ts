import { CreateWorkflowBody, DraftConflictAnswer, DuplicateBody, ErrorAnswer, PutDraftBody, RenameBody, RevisionAnswer, WorkflowAnswer, WorkflowListAnswer, WorkflowParams } from '@podflow/core';
import type { AppContext } from '../app-context';
import { ApiError, notFound } from '../api-error';
import { parseDocumentBody } from '../parse-document-body';
import { raise } from '../raise';
import { defineRoute, type Route } from '../route';

const error = (description: string) => ({ description, schema: ErrorAnswer });

/** Workflows and their working draft. */
export function workflowRoutes(ctx: AppContext): Route[] {
  const { workflows } = ctx;
  const mustGet = (id: Parameters<typeof workflows.get>[0]) => workflows.get(id) ?? raise(notFound(`workflow ${id}`, 'id'));

  return [
    defineRoute({
      method: 'GET',
      path: '/api/workflows',
      tag: 'workflows',
      summary: 'List workflows, most recently changed first',
      responses: { 200: { description: 'the workflows', schema: WorkflowListAnswer } },
      handler: () => workflows.list(),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/workflows',
      tag: 'workflows',
      summary: 'Create a workflow from a document (JSON) or its YAML text',
      body: CreateWorkflowBody,
      responses: { 201: { description: 'created', schema: WorkflowAnswer }, 400: error('not a workflow document') },
      handler: ({ body, reply }) => {
        const doc = body.yaml !== undefined ? parseDocumentBody(body.yaml, 'yaml') : parseDocumentBody(body.document, 'document');
        reply.code(201);
        return workflows.create(doc);
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/workflows/:id',
      tag: 'workflows',
      summary: 'A workflow with its draft',
      params: WorkflowParams,
      responses: { 200: { description: 'the workflow', schema: WorkflowAnswer }, 404: error('no such workflow') },
      handler: ({ params }) => mustGet(params.id),
    }),
    defineRoute({
      method: 'PUT',
      path: '/api/workflows/:id/draft',
      tag: 'workflows',
      summary: 'Save the working draft (If-Match: the revision it was based on)',
      params: WorkflowParams,
      headers: [{ name: 'If-Match', description: 'the draft revision this document was based on', required: true }],
      body: PutDraftBody,
      responses: {
        200: { description: 'saved', schema: RevisionAnswer },
        409: { description: 'the draft changed since that revision: the current draft is in `draft`', schema: DraftConflictAnswer },
        428: error('If-Match is missing'),
      },
      handler: ({ params, body, request }) => {
        const expected = parseIfMatch(request.headers['if-match']);
        const doc = parseDocumentBody(body.document, 'document');
        const result = workflows.saveDraft(params.id, expected, doc) ?? raise(notFound(`workflow ${params.id}`, 'id'));
        if (result.ok) return { revision: result.revision };
        throw new ApiError(409, 'draft-conflict', `the draft is at revision ${result.draft.revision}, not ${expected}: it was saved elsewhere since`, {
          field: 'If-Match',
          extra: { draft: result.draft },
        });
      },
    }),
    defineRoute({
      method: 'PATCH',
      path: '/api/workflows/:id',
      tag: 'workflows',
      summary: "Rename: sets the draft's metadata.name",
      params: WorkflowParams,
      body: RenameBody,
      responses: { 200: { description: 'the workflow', schema: WorkflowAnswer }, 404: error('no such workflow') },
      handler: ({ params, body }) => workflows.rename(params.id, body.name) ?? raise(notFound(`workflow ${params.id}`, 'id')),
    }),
    defineRoute({
      method: 'DELETE',
      path: '/api/workflows/:id',
      tag: 'workflows',
      summary: 'Delete a workflow, its versions and its runs (running ones are cancelled first)',
      params: WorkflowParams,
      responses: { 204: { description: 'deleted' }, 404: error('no such workflow') },
      handler: async ({ params, reply }) => {
        mustGet(params.id);
        await ctx.runService.cancelRunsOf(params.id, 'the workflow was deleted');
        ctx.events.flush();
        if (!workflows.delete(params.id)) throw notFound(`workflow ${params.id}`, 'id');
        reply.code(204);
        return null;
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/workflows/:id/duplicate',
      tag: 'workflows',
      summary: 'Copy the draft into a new workflow',
      params: WorkflowParams,
      body: DuplicateBody,
      responses: { 201: { description: 'the new workflow', schema: WorkflowAnswer }, 404: error('no such workflow') },
      handler: ({ params, body, reply }) => {
        const copy = workflows.duplicate(params.id, body?.name) ?? raise(notFound(`workflow ${params.id}`, 'id'));
        reply.code(201);
        return copy;
      },
    }),
  ];
}

/** `If-Match: 3`, `"3"` or `W/"3"` → 3. */
function parseIfMatch(header: string | string[] | undefined): number {
  if (header === undefined) {
    throw new ApiError(428, 'precondition-required', 'send If-Match with the draft revision this document was based on', { field: 'If-Match' });
  }
  const match = /^\s*(?:W\/)?"?([0-9]{1,15})"?\s*$/.exec(Array.isArray(header) ? (header[0] ?? '') : header);
  if (!match) throw new ApiError(400, 'invalid-request', `If-Match: expected a draft revision number, got "${String(header)}"`, { field: 'If-Match' });
  return Number(match[1]);
}
