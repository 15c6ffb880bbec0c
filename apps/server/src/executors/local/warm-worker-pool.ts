import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants } from 'node:os';
import { GROUP_GONE_MS } from './host-process';
import { LineSplitter } from './line-splitter';
import type { NamespaceOp } from './sandbox';
import { tiedToParent } from './process-lifetime';
import { groupGone, signalGroup, trackProcessGroup, untrackProcessGroup } from './process-registry';
import { signalByNumber, type ContainerExit, type LineSink, type RunningContainer } from './running-container';
import { WORKER_START_SOURCE } from './generated/worker-start-source';

/**
 * Warm Python workers (DESIGN.md §4): `python3 worker.py --worker` processes (the local bundle, entrypoint.py, run from
 * its bytecode) that fork once per task, so that a pod made of one plain task does not pay for an interpreter start-up
 * (reference/integration-notes.md §9). The
 * worker runs each task through exactly the code path of a plain run, so outputs, files, logs and exit codes are
 * the same either way. Protocol: packages/runtime/README.md ("Warm worker"); the local bundle of packages/runtime/src.
 */
export interface WarmTaskRequest {
  name: string;
  /** The materialised code directory (entrypoint.py, task.py, task.json…). */
  codeDir: string;
  env: Record<string, string>;
  cwd: string;
  /** A container command to exec instead of running the task in `codeDir`. */
  argv?: string[];
  /** A mount namespace for the fork to enter first (the worker must run as root). */
  namespace?: { root: string; ops: NamespaceOp[] };
  onLine: LineSink;
}

export interface WarmWorkerPoolOptions {
  /** Workers per entrypoint version (each forks as many tasks as it is given). */
  size: number;
  /** The interpreter (the primary command's argv[0], normally `python3`). */
  python: string;
  /** The workers' own environment (each task gets its own, complete environment). */
  env: Record<string, string>;
  /** Where entrypoint copies live: `<dataDir>/worker`. */
  dir: string;
}

export class WarmWorkerPool {
  private readonly workers = new Map<string, WarmWorker[]>();
  private readonly versions = new WeakMap<Buffer, string>();
  private closed = false;

  constructor(private readonly options: WarmWorkerPoolOptions) {}

  run(entrypoint: Buffer, request: WarmTaskRequest): RunningContainer {
    if (this.closed) throw new Error('the warm worker pool is closed');
    let version = this.versions.get(entrypoint);
    if (version === undefined) {
      version = createHash('sha256').update(entrypoint).digest('hex').slice(0, 16);
      this.versions.set(entrypoint, version); // hashed once per buffer, not for every task
    }
    let workers = this.workers.get(version);
    if (!workers) {
      const dir = join(this.options.dir, version);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'entrypoint.py'), entrypoint);
      writeFileSync(join(dir, 'worker.py'), WORKER_START_SOURCE);
      workers = [];
      this.workers.set(version, workers);
    }
    for (let i = workers.length - 1; i >= 0; i--) if (workers[i]?.dead) workers.splice(i, 1);
    let worker = workers.reduce<WarmWorker | undefined>((best, w) => (!best || w.load < best.load ? w : best), undefined);
    if (!worker || (worker.load > 0 && workers.length < this.options.size)) {
      worker = new WarmWorker(this.options.python, join(this.options.dir, version), this.options.env);
      workers.push(worker);
    }
    return worker.run(request);
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.workers.values()].flat();
    this.workers.clear();
    await Promise.all(all.map((w) => w.close()));
  }
}

const CANNOT_EXECUTE = /^podflow worker: cannot execute .*?: (.*)$/;

interface Task {
  request: WarmTaskRequest;
  pid?: number;
  /** Why an `argv` command could not be executed (the worker's "cannot execute" line). */
  startError?: string;
  resolve(exit: ContainerExit): void;
}

class WarmWorker {
  private readonly process: ChildProcessWithoutNullStreams;
  private readonly tasks = new Map<string, Task>();
  private nextId = 0;
  private stderrTail: string[] = [];
  private readonly ended: Promise<void>;
  dead = false;

  constructor(python: string, dir: string, env: Record<string, string>) {
    // worker.py runs entrypoint.py from its bytecode, compiled once beside it (packages/runtime/src/worker_start.py).
    const [file, args] = tiedToParent(python, ['-u', join(dir, 'worker.py'), '--worker']);
    this.process = spawn(file, args, { cwd: dir, env, detached: true, stdio: 'pipe' });
    const pid = this.process.pid;
    if (pid !== undefined) trackProcessGroup(pid);
    new LineSplitterFor(this.process.stdout, (line) => this.onEvent(line));
    new LineSplitterFor(this.process.stderr, (line) => {
      this.stderrTail = [...this.stderrTail.slice(-9), line];
    });
    this.process.stdin.on('error', () => {}); // a dead worker is reported through 'exit'
    this.ended = new Promise((resolve) => {
      this.process.once('error', (e) => {
        this.stderrTail.push(e.message);
        this.lost();
        resolve();
      });
      this.process.once('close', () => {
        this.lost();
        if (pid !== undefined) untrackProcessGroup(pid);
        resolve();
      });
    });
  }

  get load(): number {
    return this.tasks.size;
  }

  run(request: WarmTaskRequest): RunningContainer {
    const id = String(++this.nextId);
    let resolve!: (exit: ContainerExit) => void;
    const exited = new Promise<ContainerExit>((r) => (resolve = r));
    const task: Task = { request, resolve };
    if (this.dead) {
      resolve({ exitCode: 128, signal: null, lostReason: this.deathReason() });
    } else {
      this.tasks.set(id, task);
      const { codeDir, env, cwd, argv, namespace } = request;
      this.send({ op: 'run', id, codeDir, env, cwd, ...(argv ? { argv } : {}), ...(namespace ? { namespace } : {}) });
    }
    return {
      name: request.name,
      exited,
      kill: (signal) => {
        if (this.tasks.has(id)) this.send({ op: 'kill', id, signal: constants.signals[signal] });
      },
    };
  }

  /** Requests made in the same tick leave in one write (each write wakes the worker). */
  private send(message: object): void {
    const stdin = this.process.stdin;
    if (this.dead || !stdin.writable) return;
    if (stdin.writableCorked === 0) {
      stdin.cork();
      process.nextTick(() => stdin.uncork());
    }
    stdin.write(`${JSON.stringify(message)}\n`);
  }

  private onEvent(line: string): void {
    let event: { id?: unknown; event?: unknown; pid?: unknown; stream?: unknown; line?: unknown; ts?: unknown; code?: unknown; signal?: unknown; groupGone?: unknown };
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      return;
    }
    const task = typeof event.id === 'string' ? this.tasks.get(event.id) : undefined;
    if (!task || typeof event.id !== 'string') return;
    if (event.event === 'started' && typeof event.pid === 'number') {
      task.pid = event.pid;
      trackProcessGroup(event.pid);
    } else if (event.event === 'log' && typeof event.line === 'string') {
      const stream = event.stream === 'stderr' ? 'stderr' : 'stdout';
      const failed = task.request.argv && stream === 'stderr' && task.startError === undefined ? CANNOT_EXECUTE.exec(event.line) : null;
      if (failed) {
        task.startError = /no such file/i.test(failed[1] ?? '')
          ? `command "${task.request.argv?.[0]}" not found on this machine (PATH=${task.request.env.PATH ?? ''})`
          : `cannot start ${task.request.argv?.[0]}: ${failed[1]}`;
        return;
      }
      task.request.onLine(stream, event.line, typeof event.ts === 'number' ? Math.round(event.ts) : Date.now());
    } else if (event.event === 'exit') {
      this.tasks.delete(event.id);
      const signalNumber = typeof event.signal === 'number' ? event.signal : null;
      const code = typeof event.code === 'number' ? event.code : 128 + (signalNumber ?? 0);
      const exit = { exitCode: code, signal: signalNumber === null ? null : signalByNumber(signalNumber), ...(task.startError && code === 127 ? { startError: task.startError } : {}) };
      const pid = task.pid;
      if (pid === undefined) task.resolve(exit);
      else if (event.groupGone === true) {
        untrackProcessGroup(pid);
        task.resolve(exit);
      } else {
        // The worker SIGKILLed what the task left in its group: the container has ended once that is gone too.
        void groupGone(pid, GROUP_GONE_MS).then(() => {
          untrackProcessGroup(pid);
          task.resolve(exit);
        });
      }
    }
  }

  private deathReason(): string {
    const tail = this.stderrTail.filter(Boolean).slice(-3).join(' | ');
    return `the warm Python worker exited unexpectedly${tail ? `: ${tail}` : ''}`;
  }

  /** The worker is gone: its tasks' processes go too, and each task ends as lost. */
  private lost(): void {
    if (this.dead) return;
    this.dead = true;
    for (const task of this.tasks.values()) {
      if (task.pid !== undefined) {
        signalGroup(task.pid, 'SIGKILL');
        untrackProcessGroup(task.pid);
      }
      task.resolve({ exitCode: 128, signal: null, lostReason: this.deathReason() });
    }
    this.tasks.clear();
  }

  /** Ends stdin (the worker then kills its tasks and exits); SIGKILL if it has not gone within 5 s. */
  async close(): Promise<void> {
    if (!this.dead) this.process.stdin.end();
    const timer = setTimeout(() => this.process.pid !== undefined && signalGroup(this.process.pid, 'SIGKILL'), 5000);
    await this.ended;
    clearTimeout(timer);
  }
}

/** Feeds a readable's lines to a callback. */
class LineSplitterFor {
  constructor(stream: NodeJS.ReadableStream, onLine: (line: string) => void) {
    const splitter = new LineSplitter(onLine);
    stream.on('data', (chunk: Buffer) => splitter.push(chunk));
    stream.on('end', () => splitter.end());
  }
}
