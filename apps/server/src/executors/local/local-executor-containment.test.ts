import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contractRequest, RecordingSink, type ContractTask } from '../contract/contract-pods';
import { LocalExecutor } from './local-executor';

/**
 * The local executor does not reach outside what the document says: a workingDir cannot walk out of its volume, and
 * no hostPath may expose Podflow's own data directory (its token and database) to a task.
 */
const T = { timeout: 60_000 };
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function executor(): LocalExecutor {
  const dataDir = mkdtempSync(join(tmpdir(), 'podflow-contain-'));
  const ex = new LocalExecutor({ dataDir });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }), () => ex.close());
  return ex;
}

const run = (ex: LocalExecutor, task: ContractTask) => ex.runAttempt(contractRequest(task, {}), new RecordingSink(), new AbortController().signal);

describe('local executor containment', () => {
  it('refuses a workingDir that walks out of its volume, and creates nothing on the host', T, async () => {
    const ex = executor();
    const escape = join(tmpdir(), `podflow-escape-${process.pid}`);
    const levels = '../'.repeat(12);
    for (const workingDir of [`/data/${levels}${escape.slice(1)}`, '/data/./x', 'relative/dir']) {
      const result = await run(ex, {
        name: 'walk',
        code: 'def walk() -> str:\n    return "ran"\n',
        pod: {
          spec: {
            containers: [
              { name: 'primary' },
              { name: 'side', image: 'x', workingDir, command: ['pwd'], volumeMounts: [{ name: 'data', mountPath: '/data' }] },
            ],
            volumes: [{ name: 'data', emptyDir: {} }],
          },
        },
      });
      expect(result.ok, workingDir).toBe(false);
      if (result.ok) continue;
      expect(result.kind).toBe('config');
      expect(result.reason).toMatch(/workingDir/);
      expect(result.reason).toContain('"side"');
    }
    expect(existsSync(escape)).toBe(false);
  });

  it('refuses a hostPath that is, contains or lies inside the data directory', T, async () => {
    const ex = executor();
    mkdirSync(join(ex.dataDir, 'sub'), { recursive: true });
    for (const path of [ex.dataDir, dirname(ex.dataDir), '/', join(ex.dataDir, 'sub'), `${ex.dataDir}/sub/../`]) {
      const result = await run(ex, {
        name: 'peek',
        code: 'def peek() -> str:\n    return "ran"\n',
        pod: {
          spec: {
            containers: [{ name: 'primary', volumeMounts: [{ name: 'host', mountPath: '/peek' }] }],
            volumes: [{ name: 'host', hostPath: { path } }],
          },
        },
      });
      expect(result.ok, path).toBe(false);
      if (result.ok) continue;
      expect(result.kind, path).toBe('config');
      expect(result.reason, path).toMatch(/data directory/);
    }
  });

  it('still runs a hostPath elsewhere, and a workingDir inside its volume', T, async () => {
    const ex = executor();
    const elsewhere = mkdtempSync(join(tmpdir(), 'podflow-hostpath-'));
    cleanups.push(() => rmSync(elsewhere, { recursive: true, force: true }));
    const result = await run(ex, {
      name: 'fine',
      code: 'def fine() -> str:\n    import os\n    return str(os.path.isdir("/data/deep/er"))\n',
      pod: {
        spec: {
          initContainers: [{ name: 'prep', image: 'x', workingDir: '/data/deep/er', command: ['pwd'], volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
          containers: [{ name: 'primary', volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'host', mountPath: '/host' }] }],
          volumes: [{ name: 'data', emptyDir: {} }, { name: 'host', hostPath: { path: elsewhere } }],
        },
      },
    });
    expect(result).toEqual({ ok: true, outputs: { o0: 'True' } });
  });

  it('tied to the server, a container still reports a missing command as before, and runs with its own PATH', T, async () => {
    const ex = executor();
    const missing = await run(ex, {
      name: 'missing',
      code: 'def missing() -> str:\n    return "ran"\n',
      pod: { spec: { initContainers: [{ name: 'nope', image: 'x', command: ['no-such-command-podflow'] }], containers: [{ name: 'primary' }] } },
    });
    expect(missing).toMatchObject({ ok: false, kind: 'config' });
    expect((missing as { reason: string }).reason).toMatch(/init container "nope" could not start: command "no-such-command-podflow" not found on this machine/);
    const ownPath = await run(ex, {
      name: 'own_path',
      code: 'def own_path() -> str:\n    return "ran"\n',
      pod: { spec: { initContainers: [{ name: 'abs', image: 'x', command: ['/bin/sh', '-c', 'exit 0'], env: [{ name: 'PATH', value: '/nonexistent' }] }], containers: [{ name: 'primary' }] } },
    });
    expect(ownPath).toEqual({ ok: true, outputs: { o0: 'ran' } });
  });
});
