import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalRequirement, parseRequirement, pipInstallCommand } from '@podflow/core';
import { LineSplitter } from './line-splitter';
import { signalGroup, trackProcessGroup, untrackProcessGroup } from './process-registry';

/**
 * The local executor's environments for tasks' `requirements` (DESIGN.md §4): one per distinct set (canonical
 * requirements, sorted, plus the interpreter's version), built once with `pip install --target` into
 * `<data>/envs/<key>/site` and kept. A `--target` directory is a virtualenv's site-packages without its own
 * interpreter: the task runs with the host's `python3` (the one the key names) and the entrypoint puts the directory
 * first on sys.path — which a warm worker's fork can do, and a real venv, needing its own interpreter, could not.
 *
 * Layout: `<data>/envs/<key>/{site/, requirements.txt, env.json, pip.log}`. It is built in
 * `<data>/envs/.build-<key>-<random>` and renamed into place, so an environment that exists is complete; two
 * attempts that want one set at once share one build (in this process; across processes, the rename decides and
 * the loser's copy is removed).
 */
export interface RequirementsEnv {
  /** The `--target` directory (PODFLOW_DEPS_DIR for the task). */
  site: string;
  key: string;
  /** True when it existed already (nothing was installed). */
  cached: boolean;
}

export type Progress = (line: string) => void;

export class RequirementsError extends Error {
  override name = 'RequirementsError';
}

export interface RequirementsEnvsOptions {
  dataDir: string;
  /** The interpreter tasks run with (`python3`). */
  python: string;
  /** pip's environment: PATH, HOME… and every PIP_* variable of this server (PIP_INDEX_URL, PIP_FIND_LINKS…). */
  env: Record<string, string>;
}

interface Build {
  done: Promise<RequirementsEnv>;
  /** Everyone waiting for this build hears its progress from the moment they join. */
  listeners: Set<Progress>;
}

export class RequirementsEnvs {
  private readonly building = new Map<string, Build>();
  private pythonVersion: Promise<string> | undefined;
  /** Builds are shared between attempts, so no one attempt's cancel stops them; close() does. */
  private readonly closing = new AbortController();
  readonly root: string;

  constructor(private readonly options: RequirementsEnvsOptions) {
    this.root = join(options.dataDir, 'envs');
  }

  /**
   * The environment of `requirements`, built if need be; throws RequirementsError with pip's own words. Aborting
   * `signal` stops waiting (the build goes on for the others, and for next time).
   */
  async ensure(requirements: readonly string[], progress: Progress, signal: AbortSignal): Promise<RequirementsEnv> {
    const canonical = canonicalSet(requirements);
    const python = await (this.pythonVersion ??= this.readPythonVersion().catch((e: unknown) => {
      this.pythonVersion = undefined;
      throw e;
    }));
    const key = createHash('sha256').update(JSON.stringify({ python, requirements: canonical })).digest('hex').slice(0, 24);
    const dir = join(this.root, key);
    if (existsSync(join(dir, 'site'))) {
      progress(`requirements: using the environment built before for ${canonical.join(', ')} (${dir})`);
      return { site: join(dir, 'site'), key, cached: true };
    }
    let build = this.building.get(key);
    if (build) {
      progress(`requirements: waiting for another task that is installing ${canonical.join(', ')}`);
      build.listeners.add(progress);
    } else {
      const listeners = new Set<Progress>([progress]);
      const done = this.build(key, canonical, python, (line) => listeners.forEach((l) => l(line))).finally(() => this.building.delete(key));
      build = { done, listeners };
      this.building.set(key, build);
    }
    const { done, listeners } = build;
    try {
      return await abortable(done, signal);
    } finally {
      listeners.delete(progress);
    }
  }

  /** Stops builds in flight (their waiters get a RequirementsError). */
  close(): void {
    this.closing.abort();
  }

  private async build(key: string, requirements: string[], python: string, progress: Progress): Promise<RequirementsEnv> {
    const signal = this.closing.signal;
    mkdirSync(this.root, { recursive: true });
    const dir = join(this.root, key);
    const staging = join(this.root, `.build-${key}-${randomBytes(4).toString('hex')}`);
    mkdirSync(staging, { recursive: true });
    progress(`installing requirements: ${requirements.join(', ')} (Python ${python.split(' ')[0]}, pip install --target)`);
    const log: string[] = [];
    try {
      const argv = pipInstallCommand(this.options.python, join(staging, 'site'), requirements).filter((a) => a !== '--no-cache-dir'); // locally pip's download cache is welcome
      const code = await runCommand(argv, { ...this.options.env, PIP_NO_INPUT: '1', PIP_ROOT_USER_ACTION: 'ignore' }, (line) => {
        log.push(line);
        progress(line);
      }, signal);
      writeFileSync(join(staging, 'pip.log'), `${log.join('\n')}\n`);
      if (signal.aborted) throw new RequirementsError('the local executor was closed while installing requirements');
      if (code !== 0) throw new RequirementsError(`pip could not install ${requirements.join(', ')}: ${pipError(log) ?? `pip exited with code ${code}`}`);
      writeFileSync(join(staging, 'requirements.txt'), `${requirements.join('\n')}\n`);
      writeFileSync(join(staging, 'env.json'), `${JSON.stringify({ python, requirements, createdAt: new Date().toISOString() }, null, 2)}\n`);
      try {
        renameSync(staging, dir);
      } catch (e) {
        // Another process renamed its build into place first: use that one.
        if (!existsSync(join(dir, 'site'))) throw e;
        await rm(staging, { recursive: true, force: true });
      }
      progress(`requirements installed: ${requirements.join(', ')}`);
      return { site: join(dir, 'site'), key, cached: false };
    } catch (e) {
      await rm(staging, { recursive: true, force: true });
      throw e instanceof RequirementsError ? e : new RequirementsError(`could not install requirements: ${(e as Error).message}`);
    }
  }

  private async readPythonVersion(): Promise<string> {
    const lines: string[] = [];
    const script = 'import platform, sys; print(platform.python_version(), sys.implementation.name, platform.machine(), sys.executable)';
    const code = await runCommand([this.options.python, '-c', script], this.options.env, (line) => lines.push(line), new AbortController().signal);
    if (code !== 0 || !lines[0]) throw new RequirementsError(`cannot run ${this.options.python} to install requirements: ${lines.join(' ') || `exit code ${code}`}`);
    return lines[0];
  }
}

/** The requirements in one spelling each, sorted: the same set written two ways is one environment. */
export function canonicalSet(requirements: readonly string[]): string[] {
  const out = requirements.map((r) => {
    const parsed = parseRequirement(r);
    if (!parsed.ok) throw new RequirementsError(`requirement "${r}" ${parsed.message}`);
    return canonicalRequirement(parsed.requirement);
  });
  return [...new Set(out)].sort();
}

/** `promise`, or a RequirementsError as soon as `signal` aborts. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new RequirementsError('cancelled'));
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new RequirementsError('cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e as Error);
      },
    );
  });
}

/** pip's last ERROR line(s): "ERROR: No matching distribution found for nosuch==1.0". */
function pipError(log: readonly string[]): string | undefined {
  const errors = log.filter((l) => l.startsWith('ERROR:'));
  return errors.length ? errors.slice(-2).join(' ') : undefined;
}

/** Runs a command in its own process group, lines of both streams to `onLine`; killed with its group on abort. */
function runCommand(argv: string[], env: Record<string, string>, onLine: (line: string) => void, signal: AbortSignal): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const pid = child.pid;
    if (pid !== undefined) trackProcessGroup(pid);
    const out = new LineSplitter(onLine);
    const err = new LineSplitter(onLine);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const onAbort = () => pid !== undefined && signalGroup(pid, 'SIGKILL');
    signal.addEventListener('abort', onAbort, { once: true });
    child.once('error', (e) => {
      onLine(`${argv[0]}: ${e.message}`);
    });
    child.once('close', (code) => {
      out.end();
      err.end();
      signal.removeEventListener('abort', onAbort);
      if (pid !== undefined) untrackProcessGroup(pid);
      resolve(code ?? 1);
    });
  });
}
