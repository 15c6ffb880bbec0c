import type { FastifyReply } from 'fastify';
import { toFlytekitModule, type WorkflowDoc } from '@podflow/core';
import { ApiError } from '../api-error';

/** `?format=flyte` of the export route: the flytekit module as a .py download, or 422 listing what flytekit cannot express. */
export function flyteModuleAnswer(doc: WorkflowDoc, reply: FastifyReply): string {
  const exported = toFlytekitModule(doc);
  if (!exported.ok) {
    throw new ApiError(422, 'not-exportable', `${doc.metadata.name} cannot be exported as a flytekit module: ${exported.diagnostics[0]?.message ?? ''}`, { issues: exported.diagnostics });
  }
  reply.header('content-type', 'text/x-python; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${doc.metadata.name.replace(/[^A-Za-z0-9_]+/g, '_').slice(0, 100) || 'workflow'}.py"`);
  return exported.module;
}
