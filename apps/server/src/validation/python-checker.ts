import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

/** One syntax error Python's own parser found: the task's name, Python's message, line and column. */
export type PythonSyntaxError = [name: string, message: string, line: number, col: number];

/**
 * A python3 kept running that parses task code with `ast.parse`, one JSON request per line: `[id, [[name, code],
 * …]]` in, `[id, [[name, msg, line, col], …]]` out. A fresh python3 per check costs ≈ 25–140 ms here; a request to
 * the warm one, well under a millisecond for small code.
 */
const LOOP = `
import ast, json, sys
for line in sys.stdin:
    rid, tasks = json.loads(line)
    out = []
    for name, code in tasks:
        try:
            ast.parse(code, filename=name)
        except SyntaxError as e:
            out.append([name, e.msg, e.lineno or 1, e.offset or 1])
        except Exception:
            pass  # not a syntax error (too deeply nested for the parser, say): the in-process parser's diagnostics stand
    sys.stdout.write(json.dumps([rid, out]) + "\\n")
    sys.stdout.flush()
`;

/**
 * The checker process, started on first use and started again after it ends. It holds the event loop only while a
 * check is pending, so a CLI command exits as soon as it has its answer. Without python3 (or when the process dies
 * mid-check) a check answers `undefined`, and the in-process parser's diagnostics stand.
 */
export class PythonChecker {
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly pending = new Map<number, (result: PythonSyntaxError[] | undefined) => void>();
  private nextId = 0;

  check(tasks: readonly (readonly [name: string, code: string])[]): Promise<PythonSyntaxError[] | undefined> {
    const child = this.child ?? this.start();
    if (!child) return Promise.resolve(undefined);
    const id = this.nextId++;
    const answer = new Promise<PythonSyntaxError[] | undefined>((resolve) => this.pending.set(id, resolve));
    if (this.pending.size === 1) this.hold(child, true);
    child.stdin.write(`${JSON.stringify([id, tasks])}\n`);
    return answer;
  }

  /**
   * Starts the process now if it is not running, without waiting for it and without holding this process alive: a
   * command that will check code calls this first, so that Python starts while Node loads and parses.
   */
  warm(): void {
    this.child ??= this.start();
  }

  /** Ends the process (a later check starts another). */
  close(): void {
    this.child?.kill();
  }

  /** The running process's id, for tests. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  private start(): ChildProcessWithoutNullStreams | undefined {
    let child: ChildProcessWithoutNullStreams;
    try {
      // -I: no user site or PYTHON* environment; -S: no site import (a faster start, and ast and json need neither).
      child = spawn('python3', ['-I', '-S', '-c', LOOP], { stdio: ['pipe', 'pipe', 'ignore'] as never }) as ChildProcessWithoutNullStreams;
    } catch {
      return undefined;
    }
    this.child = child;
    const ended = () => {
      if (this.child !== child) return;
      this.child = undefined;
      const waiting = [...this.pending.values()];
      this.pending.clear();
      for (const resolve of waiting) resolve(undefined);
    };
    child.on('error', ended); // no python3 here
    child.on('exit', ended);
    child.stdin.on('error', ended); // EPIPE when it died between checks
    createInterface({ input: child.stdout }).on('line', (line) => {
      let id: number;
      let errors: PythonSyntaxError[];
      try {
        [id, errors] = JSON.parse(line) as [number, PythonSyntaxError[]];
      } catch {
        return;
      }
      const resolve = this.pending.get(id);
      if (!resolve) return;
      this.pending.delete(id);
      if (this.pending.size === 0) this.hold(child, false);
      resolve(errors);
    });
    this.hold(child, false);
    return child;
  }

  /** Whether the process and its pipes keep this process alive (only while a check is pending). */
  private hold(child: ChildProcessWithoutNullStreams, hold: boolean): void {
    const pipes = [child.stdin, child.stdout] as unknown as { ref?: () => void; unref?: () => void }[];
    if (hold) {
      child.ref();
      for (const p of pipes) p.ref?.();
    } else {
      child.unref();
      for (const p of pipes) p.unref?.();
    }
  }
}

/** This process's checker (the CLI warms it before it loads a command; the server keeps it for its lifetime). */
export const pythonChecker = new PythonChecker();
