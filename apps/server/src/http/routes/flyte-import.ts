import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFlyteModule } from '../../flyte/import-flyte-module';
import type { AppContext } from '../app-context';
import { ApiError } from '../api-error';
import { defineRoute, type Route } from '../route';
import { ErrorAnswer, FlyteImportAnswer, FlyteImportBody } from '@podflow/core';

/**
 * The editor's Import of a .py file: the module is read with flytekit (PODFLOW_FLYTE_PYTHON, else python3) in a
 * private temporary directory and each @workflow comes back as a document, which the editor then creates as usual.
 * Nothing is stored here. Importing a module runs its top-level code, as `pyflyte` does: the server is local and the
 * file is the user's own (the API needs the token).
 */
export function flyteImportRoutes(_ctx: AppContext): Route[] {
  return [
    defineRoute({
      method: 'POST',
      path: '/api/import/flyte',
      tag: 'workflows',
      summary: 'Read a flytekit module with flytekit: one document per @workflow, and what was refused (file, line, construct)',
      body: FlyteImportBody,
      responses: {
        200: { description: 'the workflows and diagnostics', schema: FlyteImportAnswer },
        400: { description: 'a bad body', schema: ErrorAnswer },
        422: { description: 'the module cannot be read (no flytekit: the pip line; an import error: its line)', schema: ErrorAnswer },
      },
      handler: async ({ body }) => {
        const dir = await mkdtemp(join(tmpdir(), 'podflow-flyte-import-'));
        try {
          const path = join(dir, body.filename);
          await writeFile(path, body.source);
          const result = await importFlyteModule(path, body.workflow ? { workflow: body.workflow } : {});
          if (!result.ok) throw new ApiError(422, result.reason, result.message);
          return { workflows: result.workflows.map((w) => ({ function: w.function, document: w.doc })), diagnostics: result.diagnostics };
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    }),
  ];
}
