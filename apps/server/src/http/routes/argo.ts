import { ErrorAnswer, SubmitArgoAnswer, SubmitArgoBody, toArgoWorkflow, WorkflowParams, type Json } from '@podflow/core';
import { ArgoSubmitError, submitArgo } from '../../argo/submit-argo';
import { loadKubeConfig } from '../../executors/kubernetes/load-kube-config';
import type { AppContext } from '../app-context';
import { ApiError, notFound } from '../api-error';
import { raise } from '../raise';
import { defineRoute, type Route } from '../route';

const error = (description: string) => ({ description, schema: ErrorAnswer });

/** The editor's "Submit to Argo": the draft, exported as `podflow submit argo` does, created through the kubeconfig. */
export function argoRoutes(ctx: AppContext): Route[] {
  return [
    defineRoute({
      method: 'POST',
      path: '/api/workflows/:id/submit-argo',
      tag: 'versions',
      summary: "Create the draft as an Argo Workflow (generateName) and its ConfigMaps on the cluster of the server's kubeconfig",
      params: WorkflowParams,
      body: SubmitArgoBody,
      responses: {
        201: { description: 'created', schema: SubmitArgoAnswer },
        400: error('no usable kubeconfig or context'),
        404: error('no such workflow'),
        422: error('Argo cannot run this workflow (diagnostics in `issues`, each naming its node)'),
        502: error('the cluster refused or could not be reached'),
      },
      handler: async ({ params, body, reply }) => {
        const doc = (ctx.workflows.getDraft(params.id) ?? raise(notFound(`workflow ${params.id}`, 'id'))).document;
        const exported = toArgoWorkflow(doc, { generateName: true, inputs: (body?.inputs ?? {}) as Record<string, Json> });
        if (!exported.ok) {
          throw new ApiError(422, 'not-exportable', `${doc.metadata.name} cannot be exported to Argo: ${exported.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('; ')}`, { issues: exported.diagnostics });
        }
        let kc;
        try {
          kc = loadKubeConfig({ context: body?.context });
        } catch (e) {
          throw new ApiError(400, 'no-kubeconfig', (e as Error).message, { field: 'context' });
        }
        try {
          const submitted = await submitArgo(kc, exported, body?.namespace);
          reply.code(201);
          return submitted;
        } catch (e) {
          throw new ApiError(502, 'cluster-error', e instanceof ArgoSubmitError ? e.message : `cannot reach the cluster: ${(e as Error).message}`);
        }
      },
    }),
  ];
}
