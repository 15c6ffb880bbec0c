import { describe, expect, it } from 'vitest';
import type { RunEvent, WorkflowDoc } from '@podflow/core';
import { collectRunEvents, readSse } from './__fixtures__/http-client';
import { serverPerSuite } from './__fixtures__/server-per-suite';

/** A workflow of one task `NAME(n: int) -> int` with the given body (indented 4 spaces). */
function oneTask(name: string, body: string, input = 3): WorkflowDoc {
  return {
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name: name.replace(/_/g, '-') },
    spec: {
      inputs: [{ name: 'n', type: 'int', default: input }],
      outputs: [{ name: 'o0', type: 'int', from: { node: name as never, output: 'o0' } }],
      tasks: [{ name, type: 'python', code: `def ${name}(n: int) -> int:\n${body}\n    return n\n` }],
      nodes: [{ id: name as never, task: name, inputs: { n: { input: 'n' } } }],
    },
  };
}

const seqs = (events: readonly RunEvent[]): number[] => events.map((e) => e.seq);
const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('runs over HTTP (real server process, local executor)', () => {
  const { http, target: server } = serverPerSuite();

  async function createFrom(document: WorkflowDoc): Promise<string> {
    const created = await http.post('/api/workflows', { document });
    expect(created.status).toBe(201);
    return created.json().id;
  }

  async function startRun(body: Record<string, unknown>): Promise<string> {
    const answer = await http.post('/api/runs', body);
    expect(answer.status, answer.text).toBe(201);
    return answer.json().id;
  }

  const seeds: [string, Record<string, unknown> | undefined, Record<string, unknown>][] = [
    ['pod-workflow', undefined, { o0: 'Hello from pod task!' }],
    ['multiple-containers-pod-workflow', undefined, { o0: 'hi pod world\n' }],
    ['map-pod-workflow', { list_of_ints: [1, 2, 3] }, { o0: '1, 2, 3' }],
    ['dynamic-pod-workflow', undefined, { o0: '6 served courtesy of a dynamic pod task!' }],
  ];

  it('the workflow list names each workflow\'s newest run and its status', async () => {
    const ran = await createFrom(oneTask('listed_ok', '    pass'));
    const idle = await createFrom(oneTask('listed_idle', '    pass'));
    await startRun({ workflowId: ran, inputs: { n: 1 } });
    const second = await startRun({ workflowId: ran, inputs: { n: 2 } });
    await collectRunEvents(server, second);
    const list = (await http.get('/api/workflows')).json() as { id: string; lastRun: { id: string; status: string; createdAt: string } | null }[];
    expect(list.find((w) => w.id === ran)?.lastRun).toMatchObject({ id: second, status: 'succeeded', createdAt: expect.stringMatching(/Z$/) });
    expect(list.find((w) => w.id === idle)?.lastRun).toBeNull();
  });

  describe('a run of one node (only)', () => {
    const chain = (name: string, extraNode?: Record<string, unknown>): WorkflowDoc =>
      ({
        apiVersion: 'podflow/v1alpha1',
        kind: 'Workflow',
        metadata: { name },
        spec: {
          inputs: [{ name: 'n', type: 'int', default: 3 }],
          tasks: [
            { name: 'square', type: 'python', code: 'def square(x: int) -> int:\n    return x * x\n' },
            { name: 'describe', type: 'python', code: 'def describe(value: int, label: str = "value") -> str:\n    return f"{label}={value}"\n' },
          ],
          nodes: [
            { id: 'square', task: 'square', inputs: { x: { input: 'n' } } },
            { id: 'describe', task: 'describe', inputs: { value: { node: 'square', output: 'o0' } } },
            ...(extraNode ? [extraNode] : []),
          ],
        },
      }) as WorkflowDoc;

    it('runs only that node with the inputs typed in, shown like any run', async () => {
      const workflowId = await createFrom(chain('only-typed'));
      const runId = await startRun({ workflowId, only: { node: 'describe', inputs: { value: 12, label: 'twelve' } } });
      const events = await collectRunEvents(server, runId);
      expect(events.at(-1)).toMatchObject({ type: 'run-succeeded', outputs: { o0: 'twelve=12' } });
      expect(events.filter((e) => e.type === 'node-queued').map((e) => (e as { nodeId: string }).nodeId)).toEqual(['describe']);
      const run = (await http.get(`/api/runs/${runId}`)).json();
      expect(run).toMatchObject({ workflowId, version: 1, status: 'succeeded', options: { only: { node: 'describe', inputs: { value: 12, label: 'twelve' } } } });
      expect(run.executions.map((e: { executionId: string }) => e.executionId)).toEqual(['describe']);
      // The list shows it with the workflow's other runs.
      expect((await http.get(`/api/runs?workflowId=${workflowId}`)).json().runs.map((r: { id: string }) => r.id)).toContain(runId);
    });

    it('takes what it does not get from an earlier run: the upstream output, and typed values win', async () => {
      const workflowId = await createFrom(chain('only-from'));
      const first = await startRun({ workflowId, inputs: { n: 5 } });
      await collectRunEvents(server, first);
      const again = await startRun({ workflowId, only: { node: 'describe', inputsFrom: first } });
      expect((await collectRunEvents(server, again)).at(-1)).toMatchObject({ type: 'run-succeeded', outputs: { o0: 'value=25' } });
      const typed = await startRun({ workflowId, only: { node: 'describe', inputsFrom: first, inputs: { label: 'sq' } } });
      expect((await collectRunEvents(server, typed)).at(-1)).toMatchObject({ type: 'run-succeeded', outputs: { o0: 'sq=25' } });
      // A node bound to a workflow input takes the workflow `inputs`, or its default.
      const square = await startRun({ workflowId, inputs: { n: 7 }, only: { node: 'square' } });
      expect((await collectRunEvents(server, square)).at(-1)).toMatchObject({ type: 'run-succeeded', outputs: { o0: 49 } });
    });

    it('is not stopped by problems of nodes it does not run', async () => {
      const workflowId = await createFrom(chain('only-elsewhere', { id: 'broken', task: 'square' }));
      // The whole workflow may not run ("broken" has no input x)…
      expect((await http.post('/api/runs', { workflowId })).status).toBe(422);
      // …but square alone may.
      const runId = await startRun({ workflowId, only: { node: 'square', inputs: { x: 6 } } });
      expect((await collectRunEvents(server, runId)).at(-1)).toMatchObject({ type: 'run-succeeded', outputs: { o0: 36 } });
    });

    it('refuses, naming the field: a missing or ill-typed input, an unknown node, an earlier run of another workflow, reuseFrom alongside', async () => {
      const workflowId = await createFrom(chain('only-refusals'));
      const other = await createFrom(chain('only-other'));
      const otherRun = await startRun({ workflowId: other });
      await collectRunEvents(server, otherRun);
      const cases: [Record<string, unknown>, number, string, RegExp][] = [
        [{ node: 'describe' }, 400, 'only.inputs.value', /takes output o0 of node square; type the value in, or take it from an earlier run/],
        [{ node: 'describe', inputs: { value: 'x' } }, 400, 'only.inputs.value', /expected int, got string/],
        [{ node: 'describe', inputs: { value: 1, nope: 2 } }, 400, 'only.inputs.nope', /node describe has no input "nope"/],
        [{ node: 'ghost' }, 400, 'only.node', /no node "ghost"/],
        [{ node: 'describe', inputsFrom: otherRun }, 400, 'only.inputsFrom', /a run of another workflow/],
        [{ node: 'describe', inputsFrom: 'run_0123456789abcdef0123' }, 404, 'only.inputsFrom', /run_0123456789abcdef0123/],
        [{ node: 'bad id!' }, 400, 'only.node', /expected a node id/],
      ];
      for (const [only, status, field, message] of cases) {
        const answer = await http.post('/api/runs', { workflowId, only });
        expect(answer.status, `${JSON.stringify(only)}: ${answer.text}`).toBe(status);
        expect(answer.json().error.field, JSON.stringify(only)).toBe(field);
        expect(answer.json().error.message).toMatch(message);
      }
      const both = await http.post('/api/runs', { workflowId, only: { node: 'square' }, reuseFrom: { runId: otherRun } });
      expect(both.status).toBe(400);
      expect(both.json().error.field).toBe('only');
    });
  });

  it.each(seeds)('runs the seed example %s, streaming its events over SSE', async (name, inputs, outputs) => {
    const example = (await http.get(`/api/examples/${name}`)).json();
    const workflowId = await createFrom(example.document);
    const runId = await startRun({ workflowId, ...(inputs ? { inputs } : {}) });

    const events = await collectRunEvents(server, runId);
    expect(seqs(events)).toEqual(oneTo(events.length));
    expect(events[0]).toMatchObject({ type: 'run-started', version: 1, executor: 'local' });
    expect(events[events.length - 1], JSON.stringify(events.slice(-5))).toMatchObject({ type: 'run-succeeded', outputs });

    const run = (await http.get(`/api/runs/${runId}`)).json();
    expect(run).toMatchObject({ id: runId, workflowId, version: 1, status: 'succeeded', outputs, error: null, lastSeq: events.length });
    expect(run.executions.length).toBeGreaterThan(0);
    for (const execution of run.executions) expect(['succeeded', 'cached']).toContain(execution.status);
    if (name === 'map-pod-workflow') {
      const items = run.executions.filter((e: { executionId: string }) => /^map_pod_task\[\d\]$/.test(e.executionId));
      expect(items).toHaveLength(3);
      expect(items[0].attempts[0].containers.map((c: { name: string }) => c.name)).toEqual(['init', 'primary']);
    }
  }, 60_000);

  it('resumes an event stream with Last-Event-ID or ?after= without losing or repeating an event', async () => {
    const workflowId = await createFrom(oneTask('chatty', '    for i in range(400):\n        print(f"tick {i}", flush=True)', 3));
    const runId = await startRun({ workflowId });

    // Read a little, hang up, reconnect from the last id seen, and again with ?after=.
    const first: RunEvent[] = [];
    const cut = await readSse(server, `/api/runs/${runId}/events`, (m) => first.push(JSON.parse(m.data)), { stopAfter: 5 });
    expect(cut.ended).toBe('client');
    const second: RunEvent[] = [];
    await readSse(server, `/api/runs/${runId}/events`, (m) => second.push(JSON.parse(m.data)), {
      headers: { 'last-event-id': String(first[first.length - 1]!.seq) },
      stopAfter: 150,
    });
    const rest = await collectRunEvents(server, runId, {}).then((all) => all.filter((e) => e.seq > second[second.length - 1]!.seq));
    const resumed = [...first, ...second, ...rest];
    expect(seqs(resumed)).toEqual(oneTo(resumed.length));
    expect(resumed[resumed.length - 1]!.type).toBe('run-succeeded');
    expect(resumed.filter((e) => e.type === 'log')).toHaveLength(400);

    // The whole stream again, after the run ended, is the same events; ?after= skips what a client has.
    const replay = await collectRunEvents(server, runId);
    expect(replay).toEqual(resumed);
    const tail: RunEvent[] = [];
    await readSse(server, `/api/runs/${runId}/events?after=${resumed.length - 3}`, (m) => tail.push(JSON.parse(m.data)));
    expect(seqs(tail)).toEqual([resumed.length - 2, resumed.length - 1, resumed.length]);
    const ids: string[] = [];
    await readSse(server, `/api/runs/${runId}/events?after=${resumed.length - 1}`, (m) => ids.push(`${m.id}/${m.event}`));
    expect(ids).toEqual([`${resumed.length}/run-event`]);
    const bad = await http.get(`/api/runs/${runId}/events`, { headers: { 'last-event-id': 'abc' } });
    expect(bad.status).toBe(400);
  }, 60_000);

  it('pages through a long log (5,000 lines) in order', async () => {
    const workflowId = await createFrom(oneTask('noisy', '    for i in range(5000):\n        print(f"line {i}")', 5000));
    const runId = await startRun({ workflowId });
    const events = await collectRunEvents(server, runId);
    expect(events[events.length - 1]!.type).toBe('run-succeeded');

    const lines: string[] = [];
    let after = 0;
    let pages = 0;
    for (;;) {
      const page = (await http.get(`/api/runs/${runId}/logs?execution=noisy&attempt=0&container=primary&limit=700&after=${after}`)).json();
      lines.push(...page.lines.map((l: { line: string }) => l.line));
      pages++;
      if (page.next === undefined) break;
      after = page.next;
    }
    expect(pages).toBe(8);
    expect(lines).toEqual(Array.from({ length: 5000 }, (_, i) => `line ${i}`));
    const first = (await http.get(`/api/runs/${runId}/logs?limit=1`)).json();
    expect(first.lines[0]).toMatchObject({ executionId: 'noisy', attempt: 0, container: 'primary', stream: 'stdout', line: 'line 0' });
    expect(first.next).toBe(first.lines[0].seq);
    expect((await http.get(`/api/runs/${runId}/logs?container=sidecar`)).json()).toEqual({ lines: [] });
  }, 60_000);

  it('cancels a running run; its stream ends with run-cancelled', async () => {
    const workflowId = await createFrom(oneTask('sleepy', '    import time\n    print("sleeping", flush=True)\n    time.sleep(120)'));
    const runId = await startRun({ workflowId });
    const events: RunEvent[] = [];
    let cancelled = false;
    await readSse(server, `/api/runs/${runId}/events`, (m) => {
      const event = JSON.parse(m.data) as RunEvent;
      events.push(event);
      if (event.type === 'log' && !cancelled) {
        cancelled = true;
        void http.post(`/api/runs/${runId}/cancel`).then((a) => expect(a.status).toBe(202));
      }
    });
    expect(events[events.length - 1]).toMatchObject({ type: 'run-cancelled' });
    const run = (await http.get(`/api/runs/${runId}`)).json();
    expect(run.status).toBe('cancelled');
    expect(run.executions[0].status).toBe('cancelled');
    expect((await http.post(`/api/runs/${runId}/cancel`)).status).toBe(409);
  }, 60_000);

  it('deletes a workflow with a running run: the run is cancelled first, then everything is gone', async () => {
    const workflowId = await createFrom(oneTask('doomed', '    import time\n    print("up", flush=True)\n    time.sleep(120)'));
    const runId = await startRun({ workflowId });
    await expect
      .poll(async () => (await http.get(`/api/runs/${runId}/logs`)).json().lines.length, { timeout: 30_000 })
      .toBeGreaterThan(0);
    const stream = collectRunEvents(server, runId);
    expect((await http.del(`/api/workflows/${workflowId}`)).status).toBe(204);
    expect((await stream).at(-1)).toMatchObject({ type: 'run-cancelled', reason: 'the workflow was deleted' });
    expect((await http.get(`/api/runs/${runId}`)).status).toBe(404);
    expect((await http.get(`/api/runs?workflowId=${workflowId}`)).json().runs).toEqual([]);
  }, 60_000);

  it('lists runs newest first, filtered and paged', async () => {
    const workflowId = await createFrom(oneTask('quick', '    pass'));
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await startRun({ workflowId, inputs: { n: i } });
      await collectRunEvents(server, id);
      ids.push(id);
    }
    const page1 = (await http.get(`/api/runs?workflowId=${workflowId}&limit=2`)).json();
    expect(page1.runs.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
    const page2 = (await http.get(`/api/runs?workflowId=${workflowId}&limit=2&before=${page1.next}`)).json();
    expect(page2.runs.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    expect(page2.next).toBeUndefined();
    expect(page1.runs[0]).toMatchObject({ status: 'succeeded', outputs: { o0: 2 }, version: 1 });
    const failedOnly = (await http.get(`/api/runs?workflowId=${workflowId}&status=failed`)).json();
    expect(failedOnly.runs).toEqual([]);
  }, 60_000);

  it('re-runs from a node, reusing what did not change', async () => {
    const example = (await http.get('/api/examples/map-pod-workflow')).json();
    const workflowId = await createFrom(example.document);
    const first = await startRun({ workflowId });
    expect((await collectRunEvents(server, first)).at(-1)?.type).toBe('run-succeeded');

    const again = await startRun({ workflowId, reuseFrom: { runId: first, fromNode: 'coalesce' } });
    const events = await collectRunEvents(server, again);
    expect(events.at(-1)).toMatchObject({ type: 'run-succeeded', outputs: { o0: '1, 2, 3' } });
    const cached = events.filter((e) => e.type === 'node-cached').map((e) => (e as { executionId: string }).executionId);
    expect(cached).toContain('map_pod_task');
    expect(cached).not.toContain('coalesce');
    const rerun = (await http.get(`/api/runs/${again}`)).json();
    expect(rerun.options).toEqual({ reuseFrom: { runId: first, fromNode: 'coalesce' } });
  }, 60_000);

  it('answers a workflow with errors with 422 listing them, and names the version it ran', async () => {
    const broken = oneTask('broken', '    pass');
    broken.spec.nodes![0]!.inputs = {};
    const workflowId = await createFrom(broken);
    const answer = await http.post('/api/runs', { workflowId });
    expect(answer.status).toBe(422);
    expect(answer.json().error.code).toBe('invalid-workflow');
    expect(answer.json().error.issues.length).toBeGreaterThan(0);
    expect((await http.get(`/api/workflows/${workflowId}/versions`)).json()).toEqual([]);
    // Without a usable kubeconfig the kubernetes executor is refused, saying why.
    const k8s = await http.post('/api/runs', { workflowId: await createFrom(oneTask('fine', '    pass')), executor: 'kubernetes', kubernetes: { context: 'no-such-context' } });
    expect(k8s.status).toBe(400);
    expect(k8s.json().error).toMatchObject({ code: 'executor-unavailable', field: 'kubernetes' });
  });

  it('refuses a bad Kubernetes API limit (qps, burst) with 400 naming the field, before anything is created', async () => {
    const workflowId = await createFrom(oneTask('limits', '    pass'));
    const cases: [unknown, string, RegExp][] = [
      [{ qps: -1 }, 'kubernetes.qps', /≥ 0 \(0: no limit\)/],
      [{ qps: 'fast' }, 'kubernetes.qps', /expected number, got string/],
      [{ qps: 1e6 }, 'kubernetes.qps', /at most 100,000/],
      [{ burst: 0 }, 'kubernetes.burst', /≥ 1/],
      [{ burst: 2.5 }, 'kubernetes.burst', /whole number/],
      [{ burst: null }, 'kubernetes.burst', /expected number, got null/],
      [{ qps: 10, brust: 5 }, 'kubernetes.brust', /unknown field "brust"/],
    ];
    for (const [kubernetes, field, message] of cases) {
      const answer = await http.post('/api/runs', { workflowId, executor: 'kubernetes', kubernetes });
      expect(answer.status, JSON.stringify(kubernetes)).toBe(400);
      expect(answer.json().error).toMatchObject({ code: 'invalid-request', field });
      expect(answer.json().error.message).toMatch(message);
    }
    expect((await http.get(`/api/runs?workflowId=${workflowId}`)).json().runs).toEqual([]);
  });
});
