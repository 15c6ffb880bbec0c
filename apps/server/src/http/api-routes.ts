import type { AppContext } from './app-context';
import type { Route } from './route';
import { exampleRoutes } from './routes/examples';
import { flyteImportRoutes } from './routes/flyte-import';
import { healthRoutes } from './routes/health';
import { openApiRoutes } from './routes/openapi';
import { runEventRoutes } from './routes/run-events';
import { runLogRoutes } from './routes/run-logs';
import { runRoutes } from './routes/runs';
import { versionRoutes } from './routes/versions';
import { workflowRoutes } from './routes/workflows';

/** Every route of the API, each described once (method, path, core's request and answer schemas, handler). */
export function apiRoutes(ctx: AppContext, streams: Set<AbortController>): Route[] {
  const routes: Route[] = [];
  routes.push(
    ...healthRoutes(ctx),
    ...workflowRoutes(ctx),
    ...versionRoutes(ctx),
    ...exampleRoutes(ctx),
    ...flyteImportRoutes(ctx),
    ...runRoutes(ctx),
    ...runEventRoutes(ctx, streams),
    ...runLogRoutes(ctx),
    ...openApiRoutes(ctx, () => routes),
  );
  return routes;
}
