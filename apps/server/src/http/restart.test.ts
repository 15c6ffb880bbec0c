import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { WorkflowDoc } from '@podflow/core';
import { api, collectRunEvents } from './__fixtures__/http-client';
import { startServerProcess, tempDataDir, type ServerProcess } from './__fixtures__/server-process';
import { SERVER_RESTARTED } from '../runs/run-service';

/** A task that records its pid (so the test can stop the orphan a SIGKILLed server leaves) and sleeps. */
function sleeper(pidFile: string): WorkflowDoc {
  return {
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'sleeper' },
    spec: {
      outputs: [{ name: 'o0', type: 'int', from: { node: 'sleepy' as never, output: 'o0' } }],
      tasks: [
        {
          name: 'sleepy',
          type: 'python',
          code: `def sleepy() -> int:\n    import os, time\n    with open(${JSON.stringify(pidFile)}, "w") as f:\n        f.write(str(os.getpid()))\n    print("started", flush=True)\n    time.sleep(30)\n    return 1\n`,
        },
      ],
      nodes: [{ id: 'sleepy' as never, task: 'sleepy' }],
    },
  };
}

describe('restart safety (real server processes)', () => {
  const tmp = tempDataDir();
  const pidFile = join(tmp.dir, 'task.pid');
  let second: ServerProcess | undefined;
  afterAll(async () => {
    await second?.stop();
    // The first server was killed with SIGKILL: nothing could stop its task process, so the test does.
    if (existsSync(pidFile)) {
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
      } catch {
        // already gone
      }
    }
    tmp.cleanup();
  });

  it('survives kill -9 mid-run: the database is intact and the local run ends "server restarted", saying why', async () => {
    const first = await startServerProcess({ dataDir: tmp.dir });
    const http = api(first);
    const workflowId = (await http.post('/api/workflows', { document: sleeper(pidFile) })).json().id;
    const runId = (await http.post('/api/runs', { workflowId })).json().id;
    // Kill it once the task is running and its first line is stored.
    await expect
      .poll(async () => (await http.get(`/api/runs/${runId}/logs`)).json().lines.map((l: { line: string }) => l.line), { timeout: 30_000 })
      .toContain('started');
    await first.kill9();

    second = await startServerProcess({ dataDir: tmp.dir });
    expect(second.stderr()).toMatch(/1 run\(s\) left unfinished by the previous server were marked failed \("server restarted": a local run's processes end with the server\)/);
    const db = new Database(join(tmp.dir, 'podflow.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    const http2 = api(second);
    const run = (await http2.get(`/api/runs/${runId}`)).json();
    expect(run).toMatchObject({ status: 'failed', error: SERVER_RESTARTED });
    expect(run.executions[0]).toMatchObject({ executionId: 'sleepy', status: 'failed', reason: SERVER_RESTARTED });
    const events = await collectRunEvents(second, runId);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[events.length - 1]).toMatchObject({ type: 'run-failed', reason: SERVER_RESTARTED });
    // The workflow and its version are still there, and a new run works.
    expect((await http2.get(`/api/workflows/${workflowId}/versions`)).json()).toHaveLength(1);
  }, 90_000);

  it('stops cleanly on SIGTERM: running runs are cancelled, their processes stopped, everything written', async () => {
    const dir = tempDataDir();
    const pids = join(dir.dir, 'task.pid');
    try {
      const server = await startServerProcess({ dataDir: dir.dir });
      const http = api(server);
      const workflowId = (await http.post('/api/workflows', { document: sleeper(pids) })).json().id;
      const runId = (await http.post('/api/runs', { workflowId })).json().id;
      await expect
        .poll(async () => (await http.get(`/api/runs/${runId}/logs`)).json().lines.map((l: { line: string }) => l.line), { timeout: 30_000 })
        .toContain('started');
      expect(await server.stop()).toBe(0);
      expect(server.stderr()).toMatch(/SIGTERM: stopping/);
      const pid = Number(readFileSync(pids, 'utf8'));
      expect(() => process.kill(pid, 0)).toThrow(); // the task's process is gone
      expect(existsSync(join(dir.dir, 'podflow.db-wal'))).toBe(false); // checkpointed and closed

      const again = await startServerProcess({ dataDir: dir.dir });
      try {
        expect(again.stderr()).not.toMatch(/left unfinished/);
        const run = (await api(again).get(`/api/runs/${runId}`)).json();
        expect(run).toMatchObject({ status: 'cancelled', error: 'server stopped' });
      } finally {
        await again.stop();
      }
    } finally {
      dir.cleanup();
    }
  }, 90_000);
});
