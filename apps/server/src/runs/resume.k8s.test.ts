import { CoreV1Api, Watch, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import type { RunEvent } from '@podflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshNamespace, testKubeConfig } from '../executors/kubernetes/testing/k8s-test-env';
import { api, readSse } from '../http/__fixtures__/http-client';
import { startServerProcess, tempDataDir, type ServerProcess } from '../http/__fixtures__/server-process';

// Issue #17 §1 on the test cluster, with the built server: kill -9 mid-way through a 200-item map; the restarted
// server rebuilds the run from its stored events, re-attaches to its pods and carries on. Pod creations are counted
// by a separate watch; SSE subscribers resume with Last-Event-ID.
const ITEMS = 200;
let kc: KubeConfig;
let ns: string;
const data = tempDataDir();
const servers: ServerProcess[] = [];

beforeAll(async () => {
  kc = testKubeConfig();
  ns = await freshNamespace(kc, 'pf-resume');
});
afterAll(async () => {
  for (const s of servers) await s.stop();
  data.cleanup();
});

/** Every pod ADDED in the namespace (a separate watch): creations by uid, and how often each name was created. */
class Creations {
  readonly uids = new Set<string>();
  readonly byName = new Map<string, number>();
  readonly deleted = new Set<string>();
  private controller: AbortController | undefined;
  async start(): Promise<void> {
    const list = await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: ns });
    this.controller = await new Watch(kc).watch(
      `/api/v1/namespaces/${ns}/pods`,
      { resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: true },
      (type: string, pod: V1Pod) => {
        const uid = pod.metadata?.uid;
        const name = pod.metadata?.name;
        if (!uid || !name) return;
        if (type === 'ADDED' && !this.uids.has(uid)) {
          this.uids.add(uid);
          this.byName.set(name, (this.byName.get(name) ?? 0) + 1);
        }
        if (type === 'DELETED') this.deleted.add(uid);
      },
      () => {},
    );
  }
  stop(): void {
    this.controller?.abort();
  }
}

const doc = {
  apiVersion: 'podflow/v1alpha1',
  kind: 'Workflow',
  metadata: { name: 'resume-map' },
  spec: {
    inputs: [{ name: 'xs', type: 'list[int]' }],
    outputs: [{ name: 'squares', type: 'list[int]', from: { node: 'square', output: 'o0' } }],
    tasks: [
      {
        name: 'square',
        type: 'python',
        code: 'def square(x: int) -> int:\n    return x * x\n',
        // kwok runs no code: each pod says what it returned, and lives ~1.2 s (so that pods run across the kill).
        pod: { annotations: { 'podflow.test/message': JSON.stringify({ ok: true, outputs: { o0: 7 } }), 'podflow.test/duration-ms': '1200' } },
      },
    ],
    nodes: [{ id: 'square', task: 'square', map: { concurrency: 20 }, inputs: { x: { input: 'xs' } } }],
  },
};

/** One SSE subscriber: events by seq, across reconnections with Last-Event-ID. */
class Subscriber {
  readonly seqs: number[] = [];
  readonly events: RunEvent[] = [];
  lastId: string | undefined;
  follow(server: ServerProcess, runId: string): Promise<unknown> {
    return readSse(
      server,
      `/api/runs/${runId}/events`,
      (m) => {
        const e = JSON.parse(m.data) as RunEvent;
        this.events.push(e);
        this.seqs.push(e.seq);
        this.lastId = m.id;
      },
      { headers: this.lastId ? { 'last-event-id': this.lastId } : {} },
    ).catch(() => undefined); // the server was killed under it
  }
}

describe('resume after kill -9 (built server, test cluster)', () => {
  it(`a ${ITEMS}-item map ends succeeded, every item ran exactly once, SSE subscribers see each event once`, { timeout: 600_000 }, async () => {
    const creations = new Creations();
    await creations.start();
    const first = await startServerProcess({ dataDir: data.dir, env: { KUBECONFIG: process.env.KUBECONFIG! } });
    servers.push(first);
    const http = api(first);
    const workflowId = (await http.post('/api/workflows', { document: doc })).json().id;
    const xs = Array.from({ length: ITEMS }, (_, i) => i);
    const created = await http.post('/api/runs', { workflowId, executor: 'kubernetes', kubernetes: { namespace: ns }, inputs: { xs } });
    expect(created.status, created.text).toBe(201);
    const runId = created.json().id;
    const early = new Subscriber();
    const late = new Subscriber();
    const earlyDone = early.follow(first, runId);

    // kill -9 once a third of the items have pods
    await expect.poll(() => creations.uids.size, { timeout: 120_000, interval: 50 }).toBeGreaterThanOrEqual(ITEMS / 3);
    const atKill = creations.uids.size;
    await first.kill9();
    await earlyDone;
    const seenBeforeKill = early.seqs.length;
    expect(seenBeforeKill).toBeGreaterThan(0);

    const second = await startServerProcess({ dataDir: data.dir, env: { KUBECONFIG: process.env.KUBECONFIG! } });
    servers.push(second);
    expect(second.stderr()).toContain('resuming 1 Kubernetes run(s) left unfinished by the previous server');
    // the early subscriber resumes where it was; a late one joins half-way through what was stored
    late.lastId = String(Math.floor(seenBeforeKill / 2));
    await Promise.all([early.follow(second, runId), late.follow(second, runId)]);

    const run = (await api(second).get(`/api/runs/${runId}`)).json();
    expect(run, run.error).toMatchObject({ status: 'succeeded', outputs: { squares: xs.map(() => 7) } });

    // every item ran exactly once: one pod creation per item, none created twice
    await expect.poll(() => creations.deleted.size, { timeout: 60_000 }).toBe(creations.uids.size);
    creations.stop();
    expect(creations.uids.size).toBe(ITEMS);
    expect([...creations.byName.values()].every((n) => n === 1)).toBe(true);
    const items = run.executions.filter((e: { executionId: string }) => e.executionId.startsWith('square['));
    expect(items).toHaveLength(ITEMS);
    expect(items.every((e: { status: string; attempts: unknown[] }) => e.status === 'succeeded' && e.attempts.length === 1)).toBe(true);

    // each subscriber saw each event once, in order, to the end
    const stored = early.events[early.events.length - 1]!.seq;
    expect(early.seqs).toEqual(Array.from({ length: stored }, (_, i) => i + 1));
    expect(late.seqs).toEqual(Array.from({ length: stored - Number(late.lastId === undefined ? 0 : Math.floor(seenBeforeKill / 2)) }, (_, i) => Math.floor(seenBeforeKill / 2) + i + 1));
    expect(early.events.at(-1)).toMatchObject({ type: 'run-succeeded' });
    const types = (t: string) => early.events.filter((e) => e.type === t).length;
    expect(types('run-started')).toBe(1);
    expect(types('attempt-started')).toBe(ITEMS);
    expect(types('attempt-succeeded')).toBe(ITEMS);
    expect(types('node-succeeded')).toBe(ITEMS + 1);
    process.stderr.write(`kill -9 figures: ${ITEMS} items; ${atKill} pods created before the kill; ${creations.uids.size} created in all; ${stored} events, each seen once by 2 subscribers (one resumed with Last-Event-ID ${early.seqs[seenBeforeKill - 1]}, one joined at ${Math.floor(seenBeforeKill / 2)})\n`);
  });

  it('a dynamic task whose pod runs across the kill: re-attached, its sub-DAG then runs once', { timeout: 300_000 }, async () => {
    const creations = new Creations();
    await creations.start();
    const own = tempDataDir(); // a server of its own (the other test's may still run on its directory)
    const server = await startServerProcess({ dataDir: own.dir, env: { KUBECONFIG: process.env.KUBECONFIG! } });
    servers.push(server);
    const spec = { nodes: [{ id: 'stringify', task: 'stringify', inputs: { val: { value: 6 } } }], outputs: { o0: { node: 'stringify', output: 'o0' } } };
    const dynamicDoc = {
      apiVersion: 'podflow/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'resume-dynamic' },
      spec: {
        outputs: [{ name: 'o0', type: 'str', from: { node: 'dyn', output: 'o0' } }],
        tasks: [
          { name: 'stringify', type: 'python', code: 'def stringify(val: int) -> str:\n    return str(val)\n', pod: { annotations: { 'podflow.test/message': JSON.stringify({ ok: true, outputs: { o0: 'six' } }) } } },
          {
            name: 'dyn',
            type: 'dynamic',
            code: 'def dyn() -> str:\n    return stringify(val=6)\n',
            pod: { annotations: { 'podflow.test/message': JSON.stringify({ ok: true, dynamic: spec }), 'podflow.test/duration-ms': '4000' } },
          },
        ],
        nodes: [{ id: 'dyn', task: 'dyn' }],
      },
    };
    const http = api(server);
    const workflowId = (await http.post('/api/workflows', { document: dynamicDoc })).json().id;
    const runId = (await http.post('/api/runs', { workflowId, executor: 'kubernetes', kubernetes: { namespace: ns } })).json().id;
    const before = creations.uids.size;
    await expect.poll(() => creations.uids.size, { timeout: 60_000, interval: 50 }).toBe(before + 1); // the dynamic pod
    await server.kill9();
    const again = await startServerProcess({ dataDir: own.dir, env: { KUBECONFIG: process.env.KUBECONFIG! } });
    servers.push(again);
    await expect.poll(async () => (await api(again).get(`/api/runs/${runId}`)).json().status, { timeout: 90_000, interval: 250 }).toMatch(/succeeded|failed|cancelled/);
    const run = (await api(again).get(`/api/runs/${runId}`)).json();
    expect(run, run.error).toMatchObject({ status: 'succeeded', outputs: { o0: 'six' } });
    await expect.poll(() => creations.deleted.size, { timeout: 60_000 }).toBe(creations.uids.size);
    creations.stop();
    expect(creations.uids.size - before).toBe(2); // the dynamic pod once, its one call once
    expect(run.executions.map((e: { executionId: string; attempts: unknown[] }) => `${e.executionId}:${e.attempts.length}`).sort()).toEqual(['dyn/stringify:1', 'dyn:1']);
    await again.stop();
    own.cleanup();
  });
});
