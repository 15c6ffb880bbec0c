import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTPUTS_MARKER, type LogStream } from '@podflow/core';
import type { AttemptResult, Executor } from '../executor';
import { contractRequest, outputsOf, RecordingSink, type ContractTask } from './contract-pods';

/**
 * The behaviour every executor owes the scheduler (executors/executor.ts), as one reusable suite: the local executor
 * runs it with and without warm workers, the Kubernetes executor runs it against a test cluster.
 */
export interface ExecutorContractOptions {
  /** Pods run as processes of this machine: check by pid that every process is gone after a stop. */
  hostProcesses?: boolean;
  /** Image of the shell sidecars and init containers (ignored by the local executor). */
  shellImage?: string;
  /** Per-test timeout, ms (default 60 s). */
  testTimeoutMs?: number;
  /**
   * `combined`: the executor cannot tell a container's stdout from its stderr — Kubernetes' pods/log API merges them
   * (split streams are an alpha feature, off by default) — and reports every line as stdout; checks of one stream
   * then look at all of the container's lines, in order. Default `separate`.
   */
  logStreams?: 'separate' | 'combined';
}

/** Whether a process exists and is not a zombie (Linux /proc). */
export function isProcessAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** A task that reports its own pid and a grandchild's, then waits forever. */
const LONG_RUNNING: ContractTask = {
  name: 'long_running',
  code: [
    'import os, subprocess, time',
    '',
    'def long_running() -> int:',
    '    child = subprocess.Popen(["sleep", "1000"])',
    '    print("PIDS", os.getpid(), child.pid, flush=True)',
    '    time.sleep(1000)',
    '    return 0',
    '',
  ].join('\n'),
};

const pidsOf = (sink: RecordingSink, prefix: string): number[] =>
  sink
    .lines('primary', 'stdout')
    .concat(sink.logs.filter((l) => l.container !== 'primary').map((l) => l.line))
    .filter((l) => l.startsWith(prefix))
    .flatMap((l) => l.slice(prefix.length).trim().split(/\s+/).map(Number));

export function describeExecutorContract(name: string, makeExecutor: () => Executor | Promise<Executor>, options: ExecutorContractOptions = {}): void {
  const timeout = options.testTimeoutMs ?? 60_000;
  const image = options.shellImage ?? 'busybox:1.36';
  const combined = options.logStreams === 'combined';
  /** A container's lines on `stream`, or all of its lines when the executor cannot tell the streams apart. */
  const linesOn = (sink: RecordingSink, container: string, stream: LogStream) => (combined ? sink.lines(container) : sink.lines(container, stream));

  describe(`executor contract: ${name}`, () => {
    let executor: Executor;
    beforeAll(async () => {
      executor = await makeExecutor();
    });
    afterAll(async () => {
      await executor?.close();
    });

    const run = (task: ContractTask, inputs = {}, sink = new RecordingSink(), signal = new AbortController().signal, timeoutSeconds?: number) =>
      executor.runAttempt(contractRequest(task, inputs, timeoutSeconds !== undefined ? { timeoutSeconds } : {}), sink, signal);

    const expectGone = async (pids: number[]) => {
      if (!options.hostProcesses) return;
      expect(pids.length).toBeGreaterThan(0);
      expect(pids.every((p) => Number.isInteger(p) && p > 0)).toBe(true);
      expect(pids.filter(isProcessAlive)).toEqual([]);
    };

    it('succeeds with the outputs of the task, and passes its logs on', { timeout }, async () => {
      const sink = new RecordingSink();
      const result = await run({ name: 'double', code: 'def double(x: int) -> int:\n    print("doubling", x)\n    return x * 2\n' }, { x: 21 }, sink);
      expect(result).toEqual({ ok: true, outputs: { o0: 42 } });
      expect(sink.lines('primary', 'stdout')).toContain('doubling 21');
      expect(sink.ended.find((e) => e.container === 'primary')?.exitCode).toBe(0);
    });

    it('fails with the exit code when the primary exits non-zero', { timeout }, async () => {
      const result = await run({ name: 'quit', code: 'import os\n\ndef quit() -> int:\n    print("bye", flush=True)\n    os._exit(7)\n' });
      expect(result).toMatchObject({ ok: false, kind: 'error', exitCode: 7 });
      expect((result as { reason: string }).reason).toMatch(/exited with code 7/);
    });

    it('a task that raises: traceback on stderr, a one-line reason', { timeout }, async () => {
      const sink = new RecordingSink();
      const result = await run({ name: 'boom', code: 'def boom() -> int:\n    raise ValueError("boom")\n' }, {}, sink);
      expect(result).toMatchObject({ ok: false, kind: 'error', exitCode: 1 });
      const reason = (result as { reason: string }).reason;
      expect(reason).toMatch(/^ValueError: boom/);
      expect(reason).not.toContain('\n');
      const stderr = linesOn(sink, 'primary', 'stderr');
      expect(stderr).toContain('Traceback (most recent call last):');
      expect(stderr).toContain('ValueError: boom');
    });

    it('a timeout stops the whole pod', { timeout }, async () => {
      const sink = new RecordingSink();
      const result = await run(LONG_RUNNING, {}, sink, undefined, 2);
      expect(result).toMatchObject({ ok: false, kind: 'timeout' });
      await expectGone(pidsOf(sink, 'PIDS'));
    });

    it('aborting the signal cancels the attempt and stops every process', { timeout }, async () => {
      const sink = new RecordingSink();
      const controller = new AbortController();
      const pending = run(LONG_RUNNING, {}, sink, controller.signal);
      await sink.waitForLine((l) => l.line.startsWith('PIDS'));
      controller.abort();
      const result = await pending;
      expect(result).toMatchObject({ ok: false, kind: 'cancelled' });
      await expectGone(pidsOf(sink, 'PIDS'));
    });

    it('large outputs arrive through the marker line, which is not logged', { timeout }, async () => {
      const sink = new RecordingSink();
      const result = await run({ name: 'big', code: 'def big(n: int) -> str:\n    print("making", n)\n    return "x" * n\n' }, { n: 20000 }, sink);
      expect(result.ok).toBe(true);
      expect(outputsOf(result).o0).toHaveLength(20000);
      expect(sink.logs.some((l) => l.line.includes(OUTPUTS_MARKER))).toBe(false);
      expect(sink.lines('primary', 'stdout')).toContain('making 20000');
    });

    it('returns the sub-DAG of a dynamic task', { timeout }, async () => {
      const result = await run(
        {
          name: 'fan',
          type: 'dynamic',
          code: 'def fan(n: int) -> str:\n    return stringify(val=n)\n',
          others: [{ name: 'stringify', code: 'def stringify(val: int) -> str:\n    return str(val)\n' }],
        },
        { n: 6 },
      );
      expect(result).toEqual({
        ok: true,
        dynamic: { nodes: [{ id: 'stringify', task: 'stringify', inputs: { val: { value: 6 } } }], outputs: { o0: { node: 'stringify', output: 'o0' } } },
      });
    });

    it('a sidecar that fails while the primary succeeds: success', { timeout }, async () => {
      const sink = new RecordingSink();
      const result = await run(
        {
          name: 'with_failing_sidecar',
          code: 'import time\n\ndef with_failing_sidecar() -> str:\n    time.sleep(3)\n    return "fine"\n',
          pod: {
            spec: {
              containers: [
                { name: 'primary' },
                { name: 'sidecar', image, command: ['sh', '-c', 'echo sidecar failing >&2; exit 3'] },
              ],
            },
          },
        },
        {},
        sink,
      );
      expect(result).toEqual({ ok: true, outputs: { o0: 'fine' } });
      expect(linesOn(sink, 'sidecar', 'stderr')).toEqual(['sidecar failing']);
      expect(sink.ended.find((e) => e.container === 'sidecar')?.exitCode).toBe(3);
    });

    it('a sidecar still running when the primary ends: success, and the sidecar is stopped', { timeout }, async () => {
      const sink = new RecordingSink();
      const result = await run(
        {
          name: 'with_long_sidecar',
          code: 'import time\n\ndef with_long_sidecar() -> str:\n    time.sleep(2)\n    return "done"\n',
          pod: {
            spec: {
              containers: [
                { name: 'primary' },
                { name: 'sidecar', image, command: ['sh', '-c', 'echo SIDECAR $$$$; exec sleep 1000'] },
              ],
            },
          },
        },
        {},
        sink,
      );
      expect(result).toEqual({ ok: true, outputs: { o0: 'done' } });
      expect(sink.ended.map((e) => e.container).sort()).toEqual(['primary', 'sidecar']);
      await expectGone(pidsOf(sink, 'SIDECAR'));
    });

    it('init containers run first, and their logs are captured', { timeout }, async () => {
      const sink = new RecordingSink();
      const result = await run(
        {
          name: 'after_init',
          code: 'def after_init() -> str:\n    print("primary here")\n    return "ok"\n',
          pod: {
            spec: {
              containers: [{ name: 'primary' }],
              initContainers: [{ name: 'init', image, command: ['sh', '-c', 'echo init says hi; echo init warns >&2'] }],
            },
          },
        },
        {},
        sink,
      );
      expect(result).toEqual({ ok: true, outputs: { o0: 'ok' } });
      if (combined) {
        // One merged log, but a real kubelet does not keep the order of lines written to stdout and to stderr in
        // the same instant (containerd reads the two pipes separately): every line, in either order.
        expect([...sink.lines('init')].sort()).toEqual(['init says hi', 'init warns']);
      } else {
        expect(sink.lines('init', 'stdout')).toEqual(['init says hi']);
        expect(sink.lines('init', 'stderr')).toEqual(['init warns']);
      }
      const initEnded = sink.order.indexOf('ended:init');
      expect(initEnded).toBeGreaterThanOrEqual(0);
      expect(initEnded).toBeLessThan(sink.order.indexOf('log:primary'));
    });

    it('a failing init container fails the attempt before the primary runs', { timeout }, async () => {
      const sink = new RecordingSink();
      const result: AttemptResult = await run(
        {
          name: 'init_fails',
          code: 'def init_fails() -> str:\n    print("primary ran")\n    return "no"\n',
          pod: { spec: { containers: [{ name: 'primary' }], initContainers: [{ name: 'init', image, command: ['sh', '-c', 'exit 4'] }] } },
        },
        {},
        sink,
      );
      expect(result).toMatchObject({ ok: false, kind: 'error', exitCode: 4 });
      expect((result as { reason: string }).reason).toMatch(/init/);
      expect(sink.lines('primary')).toEqual([]);
    });
  });
}
