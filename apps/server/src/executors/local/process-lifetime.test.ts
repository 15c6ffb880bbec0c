import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowDoc } from '@podflow/core';
import { api } from '../../http/__fixtures__/http-client';
import { startServerProcess, tempDataDir, type ServerProcess } from '../../http/__fixtures__/server-process';

/**
 * kill -9 of the server must not leave pod processes behind. A pod of plain processes (a native sidecar and the
 * primary, no volume mounts): the sidecar starts a child of its own in the background. When the server dies, the
 * kernel kills each container's main process at once (pdeathsig; the primary, forked by the warm worker, dies with the
 * worker, which dies with the server); the sidecar's child, which nothing ties to the
 * server, is found and killed by the next server at start-up, which also removes the dead pod's directory.
 */
const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

function podWithSidecar(dir: string): WorkflowDoc {
  return {
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'sidecar-pod' },
    spec: {
      tasks: [
        {
          name: 'sleepy',
          type: 'python',
          code: `def sleepy() -> int:\n    import os, time\n    open(${JSON.stringify(join(dir, 'primary.pid'))}, "w").write(str(os.getpid()))\n    print("started", flush=True)\n    time.sleep(300)\n    return 1\n`,
          pod: {
            spec: {
              initContainers: [
                {
                  name: 'side',
                  image: 'busybox',
                  restartPolicy: 'Always',
                  command: ['sh', '-c', `echo $$$$ > ${join(dir, 'sidecar.pid')}; sleep 300 & echo $! > ${join(dir, 'grandchild.pid')}; wait`],
                },
              ],
            },
          },
        },
      ],
      nodes: [{ id: 'sleepy' as never, task: 'sleepy' }],
    },
  } as unknown as WorkflowDoc;
}

describe('pod processes live no longer than the server (kill -9)', () => {
  const tmp = tempDataDir();
  const pids: number[] = [];
  let second: ServerProcess | undefined;
  afterAll(async () => {
    await second?.stop();
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone, as it should be
      }
    }
    tmp.cleanup();
  });

  it('ends the containers when the server dies, and the rest of their trees and their directories at restart', async () => {
    const first = await startServerProcess({ dataDir: tmp.dir });
    const http = api(first);
    const workflowId = (await http.post('/api/workflows', { document: podWithSidecar(tmp.dir) })).json().id;
    const run = await http.post('/api/runs', { workflowId });
    expect(run.status, run.text).toBe(201);
    await expect.poll(() => ['primary.pid', 'sidecar.pid', 'grandchild.pid'].every((f) => existsSync(join(tmp.dir, f))), { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => (await http.get(`/api/runs/${run.json().id}/logs`)).json().lines.map((l: { line: string }) => l.line), { timeout: 30_000 }).toContain('started');
    const [primary, sidecar, grandchild] = ['primary.pid', 'sidecar.pid', 'grandchild.pid'].map((f) => Number(readFileSync(join(tmp.dir, f), 'utf8').trim())) as [number, number, number];
    pids.push(primary, sidecar, grandchild);
    expect([primary, sidecar, grandchild].map(isAlive), JSON.stringify((await http.get(`/api/runs/${run.json().id}/logs`)).json().lines)).toEqual([true, true, true]);
    expect(readdirSync(join(tmp.dir, 'pods')).length).toBe(1);

    await first.kill9();
    // The containers' main processes go with the server.
    await expect.poll(() => [isAlive(primary), isAlive(sidecar)], { timeout: 10_000 }).toEqual([false, false]);

    second = await startServerProcess({ dataDir: tmp.dir });
    await expect.poll(() => isAlive(grandchild), { timeout: 10_000 }).toBe(false);
    expect(second.stderr()).toMatch(/ended \d+ process\(es\) and removed 1 pod director/);
    expect(readdirSync(join(tmp.dir, 'pods'))).toEqual([]);
    const status = (await api(second).get(`/api/runs/${run.json().id}`)).json().status;
    expect(status).toBe('failed');
  }, 90_000);
});
