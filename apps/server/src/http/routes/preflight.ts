import { ErrorAnswer, formatDiagnostic, hasErrors, PreflightAnswer, PreflightBody, WorkflowParams } from '@podflow/core';
import { cachedPythonSyntax } from '../../runs/cached-python-syntax';
import { checkRunWithPython } from '../../validation/python-syntax';
import type { AppContext } from '../app-context';
import { ApiError, notFound } from '../api-error';
import { defineRoute, type Route } from '../route';

const error = (description: string) => ({ description, schema: ErrorAnswer });

/** "Check against cluster" (issue #17 §3): the workflow's compiled pods checked against the live cluster. */
export function preflightRoutes(ctx: AppContext): Route[] {
  return [
    defineRoute({
      method: 'POST',
      path: '/api/workflows/:id/preflight',
      tag: 'runs',
      summary:
        'Check the draft (or `version`) against the cluster without creating anything: server-side dry runs, referenced objects, node selectors and taints, RBAC. `ok` is false when a diagnostic is an error.',
      params: WorkflowParams,
      body: PreflightBody,
      responses: {
        200: { description: 'the diagnostics (an unreachable cluster is one of them)', schema: PreflightAnswer },
        400: error('no usable kubeconfig or context'),
        404: error('no such workflow or version'),
        422: error('the workflow has errors to fix first (listed in `issues`)'),
      },
      handler: async ({ params, body }) => {
        const draft = ctx.workflows.getDraft(params.id) ?? (() => { throw notFound(`workflow ${params.id}`, 'id'); })();
        let doc = draft.document;
        if (body?.version !== undefined) {
          const version = ctx.workflows.getVersion(params.id, body.version);
          if (!version) throw notFound(`version ${body.version} of workflow ${params.id}`, 'version');
          doc = version.document;
        }
        const { blockers: errors } = await checkRunWithPython(doc, cachedPythonSyntax);
        if (errors.length > 0) {
          throw new ApiError(422, 'invalid-workflow', `the workflow has ${errors.length} error${errors.length > 1 ? 's' : ''} to fix first; first: ${formatDiagnostic(errors[0]!)}`, { issues: errors });
        }
        const result = await ctx.preflight(doc, body?.kubernetes ?? {});
        return { ok: !hasErrors(result.diagnostics), ...result };
      },
    }),
  ];
}
