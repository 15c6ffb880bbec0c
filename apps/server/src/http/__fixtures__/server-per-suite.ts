import { afterAll, beforeAll, expect } from 'vitest';
import { api, type Target } from './http-client';
import { startServerProcess, tempDataDir, type ServerProcess, type StartOptions } from './server-process';

/**
 * The real server for one describe block: started on a fresh data directory before its tests, stopped after them
 * (exit 0 expected) with its data removed. Returns its address (`target`, filled in before the tests run) and an HTTP
 * client for it.
 */
export function serverPerSuite(options: Omit<StartOptions, 'dataDir'> = {}): { http: ReturnType<typeof api>; target: Target } {
  const target: Target = { port: 0, token: '' };
  let server: ServerProcess | undefined;
  let cleanup = (): void => {};
  beforeAll(async () => {
    const tmp = tempDataDir();
    cleanup = tmp.cleanup;
    server = await startServerProcess({ ...options, dataDir: tmp.dir });
    target.port = server.port;
    target.token = server.token;
  }, 60_000);
  afterAll(async () => {
    expect(await server!.stop()).toBe(0);
    cleanup();
  });
  return { http: api(target), target };
}
