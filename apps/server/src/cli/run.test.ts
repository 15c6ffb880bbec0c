import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { isProcessAlive } from '../executors/contract/executor-contract';
import { buildCli, podflow, repoRoot } from './cli-harness';

// `podflow run` end to end: the real built CLI, the local executor, real processes.
const T = { timeout: 120_000 };
const dir = mkdtempSync(join(tmpdir(), 'podflow-run-cli-'));
const dataDir = join(dir, 'data');
const seed = (name: string) => join(repoRoot, 'examples', 'seed', `${name}.podflow.yaml`);
const hostHadData = existsSync('/data');

beforeAll(() => buildCli(), 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const r = podflow(['run', ...args, '--data-dir', dataDir]);
  const json = r.stdout.trim().startsWith('{"runId"') ? (JSON.parse(r.stdout) as { runId: string; status: string; outputs: unknown; error?: string }) : undefined;
  return { ...r, json };
}

/** A one-node workflow file from a task (and optional node/workflow extras). */
function workflowFile(name: string, task: Record<string, unknown>, extra: { node?: Record<string, unknown>; spec?: Record<string, unknown> } = {}): string {
  const file = join(dir, `${name}.podflow.yaml`);
  const taskName = task.name as string;
  writeFileSync(
    file,
    stringify({
      apiVersion: 'podflow/v1alpha1',
      kind: 'Workflow',
      metadata: { name },
      spec: {
        outputs: [{ name: 'o0', from: { node: taskName, output: 'o0' } }],
        tasks: [{ type: 'python', ...task }],
        nodes: [{ id: taskName, task: taskName, ...extra.node }],
        ...extra.spec,
      },
    }),
  );
  return file;
}

describe('podflow run: the seed workflows', () => {
  it('pod-workflow', T, () => {
    const r = run([seed('pod-workflow'), '--json']);
    expect(r.status).toBe(0);
    expect(r.json).toMatchObject({ status: 'succeeded', outputs: { o0: 'Hello from pod task!' } });
    expect(r.json?.runId).toMatch(/^run-/);
  });

  it('multiple-containers-pod-workflow: the sidecar and the primary share /data, which never appears on the host', T, () => {
    const r = run([seed('multiple-containers-pod-workflow'), '--json']);
    expect(r.status).toBe(0);
    expect(r.json).toMatchObject({ status: 'succeeded', outputs: { o0: 'hi pod world\n' } });
    if (!hostHadData) expect(existsSync('/data')).toBe(false);
    expect(readdirSync(join(dataDir, 'pods'))).toEqual([]);
  });

  it('map-pod-workflow: one pod per item, each with its init container', T, () => {
    const r = run([seed('map-pod-workflow'), '--input', 'list_of_ints=[1,2,3]', '--json', '--logs']);
    expect(r.status).toBe(0);
    expect(r.json).toMatchObject({ status: 'succeeded', outputs: { o0: '1, 2, 3' } });
    for (const i of [0, 1, 2]) expect(r.stderr).toContain(`[map_pod_task[${i}] init] I'm a customizable init container`);
  });

  it('dynamic-pod-workflow', T, () => {
    const r = run([seed('dynamic-pod-workflow'), '--json']);
    expect(r.status).toBe(0);
    expect(r.json).toMatchObject({ status: 'succeeded', outputs: { o0: '6 served courtesy of a dynamic pod task!' } });
    expect(r.stderr).toContain('dynamic_pod_task/stringify: succeeded');
  });

  it('dynamic-pod-workflow with an extra task that nothing uses and that does not even parse: it runs, the unused task does not block it', T, async () => {
    const { parse } = await import('yaml');
    const doc = parse(readFileSync(seed('dynamic-pod-workflow'), 'utf8')) as { spec: { tasks: unknown[] } };
    doc.spec.tasks.push({ name: 'leftover', type: 'python', code: 'def leftover(x: int) -> int\n    return x +\n' });
    const file = join(dir, 'dynamic-with-leftover.podflow.yaml');
    writeFileSync(file, stringify(doc));
    const r = run([file, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.json?.status).toBe('succeeded');
    const validate = podflow(['validate', file, '--json']);
    const report = JSON.parse(validate.stdout) as { valid: boolean; diagnostics: { code: string; severity: string; task?: string }[] };
    // validate still reports the unused task's errors (exit 1 on errors), and says the task is unused.
    expect(report.valid).toBe(false);
    expect(report.diagnostics.filter((d) => d.task === 'leftover').map((d) => `${d.severity} ${d.code}`)).toEqual(expect.arrayContaining(['warning task-unused', 'error python-syntax']));
    expect(report.diagnostics.filter((d) => d.task === 'stringify')).toEqual([]);
  });

  it('without --json the outputs go to stdout and the progress to stderr', T, () => {
    const r = run([seed('pod-workflow')]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ o0: 'Hello from pod task!' });
    expect(r.stderr).toMatch(/pod_task: succeeded/);
  });
});

describe('podflow run: failures', () => {
  it('a task that raises: traceback in the logs, the reason on the run, retried as configured, exit 1', T, () => {
    const file = workflowFile('raises', { name: 'raises', retries: 1, code: 'def raises() -> str:\n    raise ValueError("no good")\n' });
    const r = run([file, '--json']);
    expect(r.status).toBe(1);
    expect(r.json).toMatchObject({ status: 'failed', error: 'node raises failed: ValueError: no good (task.py line 2)' });
    expect(r.stderr).toContain('raises: attempt 1 failed (error): ValueError: no good');
    expect(r.stderr).toContain('raises: retrying (attempt 2 of 2)');
    expect(r.stderr).toContain('raises: attempt 2 failed (error)');
    expect(r.stderr).toContain('| primary: Traceback (most recent call last):');
    expect(r.stderr).toContain('| primary: ValueError: no good');
  });

  it('a sidecar that fails while the primary succeeds: success', T, () => {
    const file = workflowFile('sidecar-fails', {
      name: 'sidecar_fails',
      code: 'import time\n\ndef sidecar_fails() -> str:\n    time.sleep(2)\n    return "primary fine"\n',
      pod: { spec: { containers: [{ name: 'primary' }, { name: 'helper', image: 'alpine', command: ['sh', '-c', 'exit 5'] }] } },
    });
    const r = run([file, '--json']);
    expect(r.status).toBe(0);
    expect(r.json).toMatchObject({ status: 'succeeded', outputs: { o0: 'primary fine' } });
  });

  it('a timeout fails the task', T, () => {
    const file = workflowFile('times-out', { name: 'slow', timeoutSeconds: 1, code: 'import time\n\ndef slow() -> str:\n    time.sleep(600)\n    return "never"\n' });
    const r = run([file, '--json']);
    expect(r.status).toBe(1);
    expect(r.json?.error).toMatch(/node slow failed: timed out after 1s/);
  });

  for (const [ratio, expected] of [[0.5, 0], [1, 1]] as const) {
    it(`a map with a failing item under minSuccessRatio ${ratio}`, T, () => {
      const file = workflowFile(
        `map-ratio-${ratio * 10}`,
        { name: 'maybe', code: 'def maybe(n: int) -> str:\n    if n == 2:\n        raise RuntimeError("two is bad")\n    return str(n)\n' },
        {
          node: { map: { minSuccessRatio: ratio }, inputs: { n: { input: 'ns' } } },
          spec: { inputs: [{ name: 'ns', type: 'list[int]', default: [1, 2, 3] }] },
        },
      );
      const r = run([file, '--json']);
      expect(r.status).toBe(expected);
      if (expected === 0) expect(r.json).toMatchObject({ status: 'succeeded', outputs: { o0: ['1', null, '3'] } });
      else expect(r.json?.error).toMatch(/1 of 3 items failed; at least 3 had to succeed .*maybe\[1\]: RuntimeError: two is bad/);
    });
  }

  it('a container with no command', T, () => {
    const file = workflowFile('no-command', {
      name: 'no_command',
      code: 'def no_command() -> str:\n    return "x"\n',
      pod: { spec: { containers: [{ name: 'primary' }, { name: 'web', image: 'nginx' }] } },
    });
    const r = run([file, '--json']);
    expect(r.status).toBe(1);
    expect(r.json?.error).toContain('container "web" has no command; images are not pulled locally, so a container runs only its command');
  });

  it('a mount that cannot be made', T, () => {
    const file = workflowFile('bad-mount', {
      name: 'bad_mount',
      code: 'def bad_mount() -> str:\n    return "x"\n',
      pod: { spec: { containers: [{ name: 'primary', volumeMounts: [{ name: 'v', mountPath: '/etc/podflow-nope' }] }], volumes: [{ name: 'v', emptyDir: {} }] } },
    });
    const r = run([file, '--json']);
    expect(r.status).toBe(1);
    expect(r.json?.error).toMatch(/\(config\)|cannot mount volume "v" at \/etc\/podflow-nope/);
    expect(existsSync('/etc/podflow-nope')).toBe(false);
  });

  it('malformed --input JSON is a usage error naming the input', T, () => {
    const r = run([seed('map-pod-workflow'), '--input', 'list_of_ints=[1,2']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--input list_of_ints: "[1,2" is not valid JSON');
  });

  it('a str input takes text that is not JSON as itself', T, () => {
    const file = workflowFile(
      'greet',
      { name: 'greet', code: 'def greet(who: str) -> str:\n    return "hello " + who\n' },
      { node: { inputs: { who: { input: 'who' } } }, spec: { inputs: [{ name: 'who', type: 'str' }] } },
    );
    expect(run([file, '--json', '--input', 'who=world']).json?.outputs).toEqual({ o0: 'hello world' });
    expect(run([file, '--json', '--input', 'who="quoted"']).json?.outputs).toEqual({ o0: 'hello quoted' });
    expect(run([file, '--json']).status).toBe(2); // missing required input
  });

  it('an invalid workflow: exit 2 with its diagnostics, nothing run', T, () => {
    const file = workflowFile('invalid', { name: 'broken', code: 'def broken( -> str:\n    return 1\n' });
    const r = run([file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/error\[/);
  });

  it('--executor kubernetes with an unreadable kubeconfig is a usage error naming the file', T, () => {
    const r = run([seed('pod-workflow'), '--executor', 'kubernetes', '--kubeconfig', '/nonexistent/kubeconfig']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('the kubernetes executor cannot start');
    expect(r.stderr).toContain('/nonexistent/kubeconfig');
  });
});

describe('podflow run: Ctrl-C', () => {
  it('SIGINT cancels the run, stops every process, and exits 130', T, async () => {
    const file = workflowFile('forever', {
      name: 'forever',
      code: 'import os, subprocess, time\n\ndef forever() -> str:\n    child = subprocess.Popen(["sleep", "1000"])\n    print("PIDS", os.getpid(), child.pid, flush=True)\n    time.sleep(1000)\n    return "never"\n',
      pod: { spec: { containers: [{ name: 'primary' }, { name: 'side', image: 'alpine', command: ['sh', '-c', 'echo PIDS $$$$; exec sleep 1000'] }] } },
    });
    const child = spawn(process.execPath, [join(repoRoot, 'apps/server/bin/podflow.mjs'), 'run', file, '--json', '--logs', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const pids = new Set<number>();
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        for (const m of stderr.matchAll(/PIDS ([\d ]+)/g)) for (const p of (m[1] ?? '').trim().split(' ')) pids.add(Number(p));
        if (pids.size >= 3) resolve();
      });
      child.once('exit', () => reject(new Error(`the CLI exited early: ${stderr}`)));
    });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'cancelled', error: 'interrupted (Ctrl-C)' });
    expect([...pids].filter(isProcessAlive)).toEqual([]);
    expect(readdirSync(join(dataDir, 'pods'))).toEqual([]);
  });
});
