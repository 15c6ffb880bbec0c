import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TaskPod } from '@podflow/core';
import { contractRequest, outputsOf, RecordingSink, type ContractTask } from '../contract/contract-pods';
import { isProcessAlive } from '../contract/executor-contract';
import type { AttemptResult } from '../executor';
import { LocalExecutor, type LocalExecutorOptions } from './local-executor';
import { LocalObjectStore } from './local-store';

const T = { timeout: 60_000 };
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function executor(options: Partial<LocalExecutorOptions> = {}): LocalExecutor {
  const dataDir = mkdtempSync(join(tmpdir(), 'podflow-local-'));
  const ex = new LocalExecutor({ dataDir, ...options });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }), () => ex.close());
  return ex;
}

async function run(ex: LocalExecutor, task: ContractTask, inputs = {}, sink = new RecordingSink()): Promise<{ result: AttemptResult; sink: RecordingSink }> {
  const result = await ex.runAttempt(contractRequest(task, inputs), sink, new AbortController().signal);
  return { result, sink };
}

/** The seed's second workflow, polling faster: a sidecar writes /data/message.txt into a shared in-memory emptyDir. */
const SHARED_VOLUME: ContractTask = {
  name: 'shared',
  code: [
    'import os, time',
    '',
    'def shared() -> str:',
    '    while not os.path.isfile("/podflow-test-data/message.txt"):',
    '        time.sleep(0.1)',
    '    with open("/podflow-test-data/message.txt") as f:',
    '        return f.read()',
    '',
  ].join('\n'),
  pod: {
    spec: {
      containers: [
        { name: 'primary', volumeMounts: [{ name: 'shared-data', mountPath: '/podflow-test-data' }] },
        {
          name: 'secondary',
          image: 'alpine',
          command: ['/bin/sh'],
          args: ['-c', 'echo hi pod world > /podflow-test-data/message.txt'],
          volumeMounts: [{ name: 'shared-data', mountPath: '/podflow-test-data' }],
        },
      ],
      volumes: [{ name: 'shared-data', emptyDir: { medium: 'Memory' } }],
    },
  },
};

describe('local executor: volumes and mount namespaces', () => {
  for (const sandbox of ['bwrap', 'unshare'] as const) {
    it(`containers share an emptyDir at its real path (${sandbox}), and nothing appears on the host`, T, async () => {
      if (sandbox === 'unshare' && process.getuid?.() !== 0) return;
      const ex = executor({ sandbox });
      const { result } = await run(ex, SHARED_VOLUME);
      expect(result).toEqual({ ok: true, outputs: { o0: 'hi pod world\n' } });
      expect(existsSync('/podflow-test-data')).toBe(false);
      expect(readdirSync(join(ex.dataDir, 'pods'))).toEqual([]);
    });
  }

  it('a mount that would create a mount point on the host is refused, naming the mount', T, async () => {
    const ex = executor();
    const { result } = await run(ex, {
      name: 'bad_mount',
      code: 'def bad_mount() -> str:\n    return "no"\n',
      pod: {
        spec: {
          containers: [{ name: 'primary', volumeMounts: [{ name: 'scratch', mountPath: '/usr/share/podflow-nope' }] }],
          volumes: [{ name: 'scratch', emptyDir: {} }],
        },
      },
    });
    expect(result).toMatchObject({ ok: false, kind: 'config' });
    expect((result as { reason: string }).reason).toMatch(/volume "scratch" at \/usr\/share\/podflow-nope/);
    expect(existsSync('/usr/share/podflow-nope')).toBe(false);
  });

  it('without any mount namespace, a volume mount fails with kind config naming the mount', T, async () => {
    const ex = executor({ sandbox: 'none' });
    const { result } = await run(ex, SHARED_VOLUME);
    expect(result).toMatchObject({ ok: false, kind: 'config' });
    expect((result as { reason: string }).reason).toMatch(/volume "shared-data" at \/podflow-test-data/);
  });

  it('a plain task runs even where no namespace can be made', T, async () => {
    const ex = executor({ sandbox: 'none', warmWorker: false });
    const { result } = await run(ex, { name: 'plain', code: 'def plain() -> str:\n    return "ok"\n' });
    expect(result).toEqual({ ok: true, outputs: { o0: 'ok' } });
  });

  it('configMap and secret volumes come from the store; a persistentVolumeClaim outlives the pod', T, async () => {
    const ex = executor();
    const store = new LocalObjectStore(ex.dataDir);
    store.write('configmaps', 'default', 'settings', { 'greeting.txt': 'hello' });
    store.write('secrets', 'default', 'creds', { token: 's3cret' });
    const pod: TaskPod = {
      spec: {
        containers: [
          {
            name: 'primary',
            volumeMounts: [
              { name: 'settings', mountPath: '/podflow-test-settings' },
              { name: 'creds', mountPath: '/podflow-test-creds', readOnly: true },
              { name: 'claim', mountPath: '/podflow-test-claim' },
            ],
          },
        ],
        volumes: [
          { name: 'settings', configMap: { name: 'settings' } },
          { name: 'creds', secret: { secretName: 'creds' } },
          { name: 'claim', persistentVolumeClaim: { claimName: 'my-claim' } },
        ],
      },
    };
    const code = [
      'import os',
      '',
      'def volumes() -> str:',
      '    g = open("/podflow-test-settings/greeting.txt").read()',
      '    t = open("/podflow-test-creds/token").read()',
      '    n = int(open("/podflow-test-claim/n").read()) if os.path.exists("/podflow-test-claim/n") else 0',
      '    open("/podflow-test-claim/n", "w").write(str(n + 1))',
      '    return f"{g} {t} {n}"',
      '',
    ].join('\n');
    expect((await run(ex, { name: 'volumes', code, pod })).result).toEqual({ ok: true, outputs: { o0: 'hello s3cret 0' } });
    expect((await run(ex, { name: 'volumes', code, pod })).result).toEqual({ ok: true, outputs: { o0: 'hello s3cret 1' } });
    expect(readFileSync(join(ex.dataDir, 'pvc', 'default', 'my-claim', 'n'), 'utf8')).toBe('2');
  });

  it('a missing ConfigMap is a config failure naming it', T, async () => {
    const ex = executor();
    const { result } = await run(ex, {
      name: 'missing_cm',
      code: 'def missing_cm() -> str:\n    return "no"\n',
      pod: { spec: { containers: [{ name: 'primary', volumeMounts: [{ name: 'v', mountPath: '/podflow-test-v' }] }], volumes: [{ name: 'v', configMap: { name: 'nowhere' } }] } },
    });
    expect(result).toMatchObject({ ok: false, kind: 'config' });
    expect((result as { reason: string }).reason).toMatch(/ConfigMap "default\/nowhere" not found/);
  });
});

describe('local executor: containers', () => {
  it('a container with no command cannot run locally, and says so', T, async () => {
    const ex = executor();
    const { result } = await run(ex, {
      name: 'no_command',
      code: 'def no_command() -> str:\n    return "no"\n',
      pod: { spec: { containers: [{ name: 'primary' }, { name: 'web', image: 'nginx' }] } },
    });
    expect(result).toEqual({
      ok: false,
      kind: 'config',
      reason: 'container "web" has no command; images are not pulled locally, so a container runs only its command',
    });
  });

  it('a command that does not exist is a config failure', T, async () => {
    const ex = executor();
    const { result } = await run(ex, {
      name: 'no_binary',
      code: 'def no_binary() -> str:\n    return "no"\n',
      pod: { spec: { containers: [{ name: 'primary' }], initContainers: [{ name: 'init', image: 'x', command: ['podflow-no-such-binary'] }] } },
    });
    expect(result).toMatchObject({ ok: false, kind: 'config' });
    expect((result as { reason: string }).reason).toMatch(/podflow-no-such-binary/);
  });

  it('env: valueFrom (store, downward API), $(VAR) expansion and $$ escapes, workingDir', T, async () => {
    const ex = executor();
    const store = new LocalObjectStore(ex.dataDir);
    store.write('configmaps', 'default', 'app', { mode: 'fast' });
    store.write('secrets', 'default', 'app', { password: 'pw' });
    const sink = new RecordingSink();
    const { result } = await run(
      ex,
      {
        name: 'env_task',
        code: 'import os\n\ndef env_task() -> str:\n    return os.environ["MODE"] + " " + os.environ["GREETING"]\n',
        pod: {
          labels: { team: 'data' },
          spec: {
            containers: [
              { name: 'primary', env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'app', key: 'mode' } } }, { name: 'GREETING', value: 'hi $(MODE)' }] },
            ],
            initContainers: [
              {
                name: 'init',
                image: 'x',
                command: ['echo', '$(POD)', '$(IP)', '$(TEAM)', '$(PW)', '$$(POD)', '$(UNDEFINED)', 'cost: $$5'],
                env: [
                  { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                  { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
                  { name: 'TEAM', valueFrom: { fieldRef: { fieldPath: "metadata.labels['team']" } } },
                  { name: 'PW', valueFrom: { secretKeyRef: { name: 'app', key: 'password' } } },
                ],
              },
              { name: 'where', image: 'x', workingDir: '/usr/share', command: ['pwd'] },
            ],
          },
        },
      },
      {},
      sink,
    );
    expect(result).toEqual({ ok: true, outputs: { o0: 'fast hi fast' } });
    const [line] = sink.lines('init', 'stdout');
    expect(line).toMatch(/^executor-contract-\S+ 127\.0\.0\.1 data pw \$\(POD\) \$\(UNDEFINED\) cost: \$5$/);
    expect(sink.lines('where')).toEqual(['/usr/share']);
  });

  it('a sidecar that ignores SIGTERM is killed after the grace period', T, async () => {
    const ex = executor({ maxGracePeriodSeconds: 1 });
    const sink = new RecordingSink();
    const { result } = await run(
      ex,
      {
        name: 'stubborn',
        code: 'import time\n\ndef stubborn() -> str:\n    time.sleep(1)\n    return "ok"\n',
        pod: { spec: { containers: [{ name: 'primary' }, { name: 'sidecar', image: 'x', command: ['sh', '-c', "trap '' TERM; echo SIDECAR $$$$; while true; do sleep 0.2; done"] }] } },
      },
      {},
      sink,
    );
    expect(result).toEqual({ ok: true, outputs: { o0: 'ok' } });
    const pid = Number(sink.lines('sidecar')[0]?.split(' ')[1]);
    expect(pid).toBeGreaterThan(0);
    expect(isProcessAlive(pid)).toBe(false);
    expect(sink.ended.find((e) => e.container === 'sidecar')?.exitCode).toBe(137);
  });

  it('native sidecars (init containers with restartPolicy Always) keep running beside the primary', T, async () => {
    const ex = executor();
    const sink = new RecordingSink();
    const { result } = await run(
      ex,
      {
        name: 'native',
        code: 'import time\n\ndef native() -> str:\n    time.sleep(1)\n    return "ok"\n',
        pod: { spec: { containers: [{ name: 'primary' }], initContainers: [{ name: 'proxy', image: 'x', restartPolicy: 'Always', command: ['sh', '-c', 'echo PROXY $$$$; exec sleep 1000'] }] } },
      },
      {},
      sink,
    );
    expect(result).toEqual({ ok: true, outputs: { o0: 'ok' } });
    const pid = Number(sink.lines('proxy')[0]?.split(' ')[1]);
    expect(isProcessAlive(pid)).toBe(false);
  });
});

describe('local executor: shared code directories (issue #19)', () => {
  /** Reports where its code is and whether it is as compiled, then changes it (as root can, read-only or not). */
  const MEDDLER: ContractTask = {
    name: 'meddle',
    code: [
      'import os',
      '',
      'def meddle() -> str:',
      '    d = os.environ["PODFLOW_CODE_DIR"]',
      '    path = os.path.join(d, "task.py")',
      '    mark = "LEAK" + "ED"  # not in this source as one word',
      '    clean = mark not in open(path).read() and not os.path.exists(os.path.join(d, "extra.py"))',
      '    mode = oct(os.stat(path).st_mode & 0o777)',
      '    try:',
      '        os.chmod(path, 0o644)',
      '        with open(path, "a") as f:',
      '            f.write("# " + mark + "\\n")',
      '        open(os.path.join(d, "extra.py"), "w").close()',
      '    except OSError:',
      '        pass',
      '    return "%s %s %s" % (d, clean, mode)',
      '',
    ].join('\n'),
  };

  for (const warmWorker of [true, false]) {
    it(`pods with the same code read it from one read-only directory, and what one pod does to it never reaches the next (warm worker ${warmWorker ? 'on' : 'off'})`, T, async () => {
      const ex = executor({ warmWorker, maxConcurrentPods: 1 });
      const seen: string[][] = [];
      for (let i = 0; i < 3; i++) {
        const { result } = await run(ex, MEDDLER);
        seen.push(String(outputsOf(result).o0).split(' '));
      }
      for (const [, clean, mode] of seen) {
        expect(clean).toBe('True');
        expect(mode).toBe('0o444');
      }
      // Each pod changed its directory, so none was reused; the run's code dirs go when the executor closes.
      expect(new Set(seen.map(([dir]) => dir)).size).toBe(3);
      await ex.close();
      for (const [dir] of seen) expect(existsSync(dir!)).toBe(false);
    });
  }

  it('a pod that leaves its code alone shares the directory with the next', T, async () => {
    const ex = executor({ maxConcurrentPods: 1 });
    const task: ContractTask = { name: 'where', code: 'import os\n\ndef where() -> str:\n    return os.environ["PODFLOW_CODE_DIR"]\n' };
    const first = outputsOf((await run(ex, task)).result).o0;
    const second = outputsOf((await run(ex, task)).result).o0;
    expect(second).toBe(first);
    expect(readdirSync(join(ex.dataDir, 'pods'))).toEqual([]); // the pods' own directories are gone
  });
});

describe('local executor: scheduling on this machine', () => {
  const parentCommand = 'import os\n\ndef who() -> str:\n    return open(f"/proc/{os.getppid()}/cmdline").read().replace("\\0", " ")\n';

  it('plain tasks run on a warm worker that forks per task', T, async () => {
    const ex = executor();
    const { result } = await run(ex, { name: 'who', code: parentCommand });
    expect(String(outputsOf(result).o0)).toContain('--worker');
  });

  it('a primary beside an init container and a sidecar still runs on a warm worker, after the init container', T, async () => {
    const ex = executor();
    const dir = mkdtempSync(join(tmpdir(), 'podflow-warm-init-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const code = [
      'import os',
      '',
      'def who(dir: str) -> str:',
      '    parent = open(f"/proc/{os.getppid()}/cmdline").read().replace("\\0", " ")',
      '    return open(os.path.join(dir, "init.txt")).read().strip() + " | " + parent',
      '',
    ].join('\n');
    const pod = {
      spec: {
        containers: [{ name: 'primary' }],
        initContainers: [
          { name: 'init', image: 'alpine', command: ['/bin/sh'], args: ['-c', `sleep 0.2; echo init ran > ${dir}/init.txt`] },
          { name: 'side', image: 'alpine', restartPolicy: 'Always', command: ['sleep', '30'] },
        ],
      },
    };
    const { result, sink } = await run(ex, { name: 'who', code, pod }, { dir });
    const [init, parent] = String(outputsOf(result).o0).split(' | ');
    expect(init).toBe('init ran');
    expect(parent).toContain('--worker');
    expect(sink.ended.map((e) => e.container)).toEqual(['init', 'primary', 'side']);
  });

  it('a primary with volume mounts runs on a warm worker in its own pod\'s mount namespace, items never sharing one', T, async () => {
    const ex = executor();
    const code = [
      'import os',
      '',
      'def item(x: int) -> str:',
      '    parent = open(f"/proc/{os.getppid()}/cmdline").read().replace("\\0", " ")',
      '    with open("/podflow-item-data/mine.txt") as f:',
      '        seen = f.read().strip()',
      '    open("/podflow-item-data/primary.txt", "w").write(str(x))',
      '    return "%s %s %s" % (seen == os.environ["HOSTNAME"], sorted(os.listdir("/podflow-item-data")), "--worker" in parent)',
      '',
    ].join('\n');
    const mount = [{ name: 'item-data', mountPath: '/podflow-item-data' }];
    const pod = {
      spec: {
        containers: [{ name: 'primary', volumeMounts: mount }],
        initContainers: [{ name: 'init', image: 'alpine', command: ['/bin/sh'], args: ['-c', 'echo "$HOSTNAME" > /podflow-item-data/mine.txt'], volumeMounts: mount }],
        volumes: [{ name: 'item-data', emptyDir: {} }],
      },
    };
    const results = await Promise.all([1, 2, 3, 4].map((x) => run(ex, { name: 'item', code, pod }, { x })));
    expect(results.map(({ result }) => outputsOf(result).o0)).toEqual([1, 2, 3, 4].map(() => "True ['mine.txt', 'primary.txt'] True"));
    expect(existsSync('/podflow-item-data')).toBe(false);
  });

  it('an init container whose command the host has is forked by the warm worker and exec\'d, not spawned by the server', T, async () => {
    const ex = executor();
    const dir = mkdtempSync(join(tmpdir(), 'podflow-warm-exec-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const pod = {
      spec: {
        containers: [{ name: 'primary' }],
        initContainers: [{ name: 'init', image: 'alpine', command: ['/bin/sh'], args: ['-c', `tr '\\0' ' ' < /proc/$PPID/cmdline > ${dir}/parent; grep SigIgn /proc/$$$$/status`] }],
      },
    };
    const { result, sink } = await run(ex, { name: 'who', code: 'def who() -> str:\n    return "ok"\n', pod });
    expect(outputsOf(result).o0).toBe('ok');
    expect(readFileSync(join(dir, 'parent'), 'utf8')).toContain('--worker');
    expect(sink.lines('init')).toEqual(['SigIgn:\t0000000000000000']); // no signal left ignored, as SIGPIPE is in Python
  });

  it('an init container that the worker cannot execute is a start error naming it', T, async () => {
    const ex = executor();
    const dir = mkdtempSync(join(tmpdir(), 'podflow-warm-exec-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const bad = join(dir, 'not-a-program');
    writeFileSync(bad, Buffer.from([0x7f, 0x00, 0x01, 0x02]), { mode: 0o755 });
    const pod = { spec: { containers: [{ name: 'primary' }], initContainers: [{ name: 'init', image: 'alpine', command: [bad] }] } };
    const { result } = await run(ex, { name: 'who', code: 'def who() -> str:\n    return "ok"\n', pod });
    expect(result).toMatchObject({ ok: false, kind: 'config' });
    expect(JSON.stringify(result)).toContain(`init container \\"init\\" could not start: cannot start ${bad}: Exec format error`);
  });

  it('with warmWorker: false every pod starts its own interpreter', T, async () => {
    const ex = executor({ warmWorker: false });
    const { result } = await run(ex, { name: 'who', code: parentCommand });
    expect(String(outputsOf(result).o0)).not.toContain('--worker');
  });

  /** Runs `count` pods at once, each holding a file in a shared directory for a while: how many ran together at most. */
  async function mostAtOnce(ex: LocalExecutor, count: number, resources?: Record<string, Record<string, string>>): Promise<number> {
    const dir = mkdtempSync(join(tmpdir(), 'podflow-concurrency-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const code = [
      'import os, time',
      '',
      'def busy(dir: str) -> int:',
      '    mine = os.path.join(dir, str(os.getpid()))',
      '    open(mine, "w").close()',
      '    seen = len(os.listdir(dir))',
      '    time.sleep(1.0)',
      '    seen = max(seen, len(os.listdir(dir)))',
      '    os.remove(mine)',
      '    return seen',
      '',
    ].join('\n');
    const task: ContractTask = { name: 'busy', code, ...(resources ? { pod: { spec: { containers: [{ name: 'primary', resources }] } } } : {}) };
    const results = await Promise.all(Array.from({ length: count }, () => run(ex, task, { dir })));
    for (const { result } of results) expect(result).toMatchObject({ ok: true });
    return Math.max(...results.map(({ result }) => Number(outputsOf(result).o0)));
  }

  for (const warmWorker of [true, false]) {
    it(`runs pods without CPU requests one per core of maxConcurrentPods (warm worker ${warmWorker})`, T, async () => {
      expect(await mostAtOnce(executor({ maxConcurrentPods: 2, warmWorker }), 6)).toBeLessThanOrEqual(2);
    });
  }

  it("fits pods by their CPU requests, as a node does: half-core pods run four at once on two cores; a limit without a request counts as the request", T, async () => {
    expect(await mostAtOnce(executor({ maxConcurrentPods: 2 }), 8, { requests: { cpu: '500m' } })).toBe(4);
    expect(await mostAtOnce(executor({ maxConcurrentPods: 2 }), 4, { limits: { cpu: '1500m' } })).toBe(1);
  });

  it('runs a pod that asks more CPU than the machine has alone, rather than never', T, async () => {
    expect(await mostAtOnce(executor({ maxConcurrentPods: 2 }), 3, { requests: { cpu: '8' } })).toBe(1);
  });

  it('close() stops attempts in flight and leaves no process behind', T, async () => {
    const ex = executor();
    const sink = new RecordingSink();
    const pending = ex.runAttempt(
      contractRequest({ name: 'forever', code: 'import os, time\n\ndef forever() -> int:\n    print("PID", os.getpid(), flush=True)\n    time.sleep(1000)\n    return 0\n' }),
      sink,
      new AbortController().signal,
    );
    await sink.waitForLine((l) => l.line.startsWith('PID'));
    await ex.close();
    expect(await pending).toMatchObject({ ok: false, kind: 'cancelled' });
    expect(isProcessAlive(Number(sink.lines('primary')[0]?.split(' ')[1]))).toBe(false);
  });
});

describe('local store', () => {
  it('reads Kubernetes-shaped objects and refuses path tricks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'podflow-store-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const store = new LocalObjectStore(dir);
    store.write('secrets', 'ns', 'a', { k: 'v' });
    expect(store.read('secrets', 'ns', 'a')).toEqual({ data: { k: Buffer.from('v') } });
    expect(store.read('configmaps', 'ns', '../a')).toBeUndefined();
    writeFileSync(join(dir, 'store', 'secrets', 'ns', 'b.json'), 'not json');
    expect(store.read('secrets', 'ns', 'b')).toMatchObject({ error: expect.stringMatching(/cannot read/) });
  });
});
