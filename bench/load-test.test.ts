import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureServer } from './load-test';
import { startServerProcess, tempDataDir, type ServerProcess } from '../apps/server/src/http/__fixtures__/server-process';

describe('measureServer (small numbers, real server process)', () => {
  let server: ServerProcess;
  let cleanup: () => void;
  beforeAll(async () => {
    const tmp = tempDataDir();
    cleanup = tmp.cleanup;
    server = await startServerProcess({ dataDir: tmp.dir });
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    cleanup();
  });

  it('measures latencies and delivers every event to every SSE subscriber', async () => {
    const result = await measureServer({ baseUrl: server.baseUrl, token: server.token, clients: 5, getRequests: 40, postRuns: 5, subscribers: 12, mapItems: 20 });
    expect(result.getWorkflow.count).toBe(40);
    expect(result.postRun.count).toBe(5);
    expect(result.sse).toMatchObject({ subscribers: 12, mapItems: 20, runStatus: 'succeeded', allReceivedEveryEvent: true });
    expect(result.sse.receivedMin).toBe(result.sse.emitted);
    expect(result.sse.emitted).toBeGreaterThan(20 * 4);
  }, 120_000);

  it('talks to this machine only', async () => {
    await expect(measureServer({ baseUrl: 'http://example.com:80', token: 'x' })).rejects.toThrow(/only talks to this machine/);
  });
});
