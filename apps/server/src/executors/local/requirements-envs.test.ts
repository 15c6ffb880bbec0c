import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, parseWorkflowOrThrow, POD_EVENT, REQUIREMENTS_CONTAINER } from '@podflow/core';
import { outputsOf, RecordingSink } from '../contract/contract-pods';
import type { AttemptRequest, AttemptResult } from '../executor';
import { LocalExecutor, type LocalExecutorOptions } from './local-executor';

/**
 * Tasks' requirements on the local executor: a cached environment per distinct set, built once, with progress in
 * the node's log and pod events, and pip's own error when it cannot be built. Hermetic: the package is a wheel built
 * here from a fixture project (`pip wheel`, an in-tree stdlib backend) and installed with --no-index --find-links;
 * one test installs a small pinned package from the real PyPI.
 */
const T = { timeout: 120_000 };
const FIXTURE = new URL('./__fixtures__/tiny-dep/', import.meta.url).pathname;
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

let wheels: string;
beforeAll(() => {
  const work = mkdtempSync(join(tmpdir(), 'podflow-wheel-'));
  cleanups.push(() => rmSync(work, { recursive: true, force: true }));
  cpSync(FIXTURE, join(work, 'src'), { recursive: true });
  wheels = join(work, 'wheels');
  execFileSync('python3', ['-m', 'pip', 'wheel', '--no-build-isolation', '--no-deps', '--no-index', '--disable-pip-version-check', join(work, 'src'), '-w', wheels], { stdio: 'pipe' });
  expect(readdirSync(wheels)).toEqual(['podflow_tiny_dep-1.0.0-py3-none-any.whl']);
}, T.timeout);

const offline = () => ({ PIP_NO_INDEX: '1', PIP_FIND_LINKS: wheels });

function executor(options: Partial<LocalExecutorOptions> = {}): LocalExecutor {
  const dataDir = mkdtempSync(join(tmpdir(), 'podflow-reqs-'));
  const ex = new LocalExecutor({ dataDir, pipEnv: offline(), ...options });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }), () => ex.close());
  return ex;
}

class Sink extends RecordingSink {
  readonly events: { reason: string; message: string; warning: boolean }[] = [];
  podEvent(reason: string, message: string, warning: boolean): void {
    this.events.push({ reason, message, warning });
  }
  installLines(): string[] {
    return this.lines(REQUIREMENTS_CONTAINER);
  }
}

const CODE = [
  'def uses_dep(text: str) -> str:',
  '    import podflow_tiny_dep',
  '    return podflow_tiny_dep.shout(text) + " " + podflow_tiny_dep.VALUE + " " + podflow_tiny_dep.__file__',
  '',
].join('\n');

let runs = 0;
function request(requirements: string[], settings = '', code = CODE, task = 'uses_dep'): AttemptRequest {
  const doc = parseWorkflowOrThrow(
    JSON.stringify({
      apiVersion: 'podflow/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'reqs' },
      spec: {
        ...(settings ? { settings: { requirements: settings } } : {}),
        tasks: [{ name: task, type: 'python', code, requirements }],
        nodes: [{ id: task, task }],
      },
    }),
  );
  const runId = `reqs-${process.pid}-${++runs}`;
  const compiled = compile(doc, task, { runId, attempt: 0, inputs: task === 'uses_dep' ? { text: 'hi' } : {} });
  return { compiled, runId, executionId: compiled.executionId, attempt: 0 };
}

async function run(ex: LocalExecutor, req: AttemptRequest, sink = new Sink()): Promise<{ result: AttemptResult; sink: Sink }> {
  const result = await ex.runAttempt(req, sink, new AbortController().signal);
  return { result, sink };
}

const envDirs = (ex: LocalExecutor) => (existsSync(join(ex.dataDir, 'envs')) ? readdirSync(join(ex.dataDir, 'envs')) : []);

describe('local executor: requirements', () => {
  for (const warmWorker of [true, false]) {
    it(`installs them once into <data>/envs/<key>, shows the progress, and the task imports them (${warmWorker ? 'warm worker' : 'own interpreter'})`, T, async () => {
      const ex = executor({ warmWorker });
      const { result, sink } = await run(ex, request(['podflow-tiny-dep==1.0.0']));
      const [env] = envDirs(ex);
      expect(envDirs(ex)).toHaveLength(1);
      const site = join(ex.dataDir, 'envs', env!, 'site');
      expect(outputsOf(result)).toEqual({ o0: `HI! tiny-dep 1.0.0 ${join(site, 'podflow_tiny_dep', '__init__.py')}` });
      expect(sink.installLines()[0]).toMatch(/^installing requirements: podflow-tiny-dep==1\.0\.0 \(Python 3\.\d+/);
      expect(sink.installLines().some((l) => /Successfully installed podflow-tiny-dep-1\.0\.0/.test(l))).toBe(true);
      expect(sink.installLines().at(-1)).toBe('requirements installed: podflow-tiny-dep==1.0.0');
      expect(sink.events.map((e) => e.reason)).toEqual([POD_EVENT.installingRequirements, POD_EVENT.requirementsReady]);
      expect(sink.ended[0]).toEqual({ container: REQUIREMENTS_CONTAINER, exitCode: 0, reason: 'Completed' });
      const meta = JSON.parse(readFileSync(join(ex.dataDir, 'envs', env!, 'env.json'), 'utf8')) as { requirements: string[]; python: string };
      expect(meta.requirements).toEqual(['podflow-tiny-dep==1.0.0']);
      expect(meta.python).toMatch(/^3\.\d+\.\d+ cpython/);
      expect(readFileSync(join(ex.dataDir, 'envs', env!, 'pip.log'), 'utf8')).toMatch(/Successfully installed/);

      // The second run of the same set (spelled another way) reuses it: nothing is installed again.
      const again = await run(ex, request(['Podflow_Tiny_Dep == 1.0.0']));
      expect(outputsOf(again.result).o0).toContain(site);
      expect(again.sink.installLines()).toEqual([`requirements: using the environment built before for podflow-tiny-dep==1.0.0 (${join(ex.dataDir, 'envs', env!)})`]);
      expect(again.sink.ended[0]).toEqual({ container: REQUIREMENTS_CONTAINER, exitCode: 0, reason: 'Completed (cached environment)' });
      expect(envDirs(ex)).toEqual([env]);
    });
  }

  it('two attempts that need one set at once build it once, and both run with it', T, async () => {
    const ex = executor();
    const [a, b] = await Promise.all([run(ex, request(['podflow-tiny-dep==1.0.0'])), run(ex, request(['podflow-tiny-dep ==1.0.0']))]);
    expect(outputsOf(a.result).o0).toMatch(/^HI! tiny-dep 1\.0\.0/);
    expect(outputsOf(b.result).o0).toMatch(/^HI! tiny-dep 1\.0\.0/);
    const all = [...a.sink.installLines(), ...b.sink.installLines()];
    expect(all.filter((l) => l.startsWith('installing requirements:'))).toHaveLength(1);
    expect(all.filter((l) => l.startsWith('requirements: waiting for another task that is installing'))).toHaveLength(1);
    // The waiter hears the rest of the build's progress too.
    expect(all.filter((l) => l === 'requirements installed: podflow-tiny-dep==1.0.0')).toHaveLength(2);
    expect(envDirs(ex)).toHaveLength(1);
  });

  it('a requirement pip cannot find fails the node with pip\'s error, naming the task and the requirement; nothing is kept', T, async () => {
    const ex = executor();
    const { result, sink } = await run(ex, request(['podflow-no-such-package==9.9']));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.kind).toBe('error');
    expect(result.reason).toMatch(/^task "uses_dep": could not install its requirements: pip could not install podflow-no-such-package==9\.9: ERROR: .*No matching distribution found for podflow-no-such-package==9\.9/);
    expect(sink.lines(REQUIREMENTS_CONTAINER, 'stderr')).toEqual([expect.stringMatching(/No matching distribution/)]);
    expect(sink.ended).toEqual([{ container: REQUIREMENTS_CONTAINER, exitCode: 1, reason: 'Error' }]);
    expect(envDirs(ex)).toEqual([]); // no half-built environment, no staging directory
    // The executor goes on: the next attempt (a good set) runs.
    expect(outputsOf((await run(ex, request(['podflow-tiny-dep==1.0.0']))).result).o0).toMatch(/^HI!/);
  });

  it('with the workflow set to "image", the local executor still installs them (there is no image locally)', T, async () => {
    const ex = executor();
    const req = request(['podflow-tiny-dep==1.0.0'], 'image');
    expect(req.compiled.pod.spec?.initContainers).toBeUndefined();
    expect(outputsOf((await run(ex, req)).result).o0).toMatch(/^HI!/);
  });

  it('a task without requirements makes no environment and no install log', T, async () => {
    const ex = executor();
    const { result, sink } = await run(ex, request([], '', 'def plain() -> int:\n    return 7\n', 'plain'));
    expect(outputsOf(result)).toEqual({ o0: 7 });
    expect(sink.installLines()).toEqual([]);
    expect(sink.events).toEqual([]);
    expect(envDirs(ex)).toEqual([]);
  });

  it('from the real PyPI: a small pinned pure-Python package', T, async () => {
    const ex = executor({ pipEnv: {} });
    const code = ['def toml() -> str:', '    import tomli_w', '    return tomli_w.dumps({"a": 1}).strip() + " " + tomli_w.__file__', ''].join('\n');
    const { result, sink } = await run(ex, request(['tomli-w==1.0.0'], '', code, 'toml'));
    const out = outputsOf(result).o0 as string;
    expect(out.startsWith('a = 1 ')).toBe(true);
    expect(out).toContain(join(ex.dataDir, 'envs'));
    expect(sink.installLines().some((l) => /Successfully installed tomli-w-1\.0\.0|Successfully installed tomli_w-1\.0\.0/.test(l))).toBe(true);
  });
});
