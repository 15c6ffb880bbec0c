// Test-only: a Python with real flytekit (the cached virtualenv of scripts/flyte/venv.mjs), the seed's own Python, and
// helpers that serialise and run modules with it. Without the venv the flytekit suites are skipped LOUDLY — and fail
// under CI (scripts/required-by-ci.mjs), where a missing flytekit is a broken machine, not a reason to pass.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { ensureFlyteVenv } from '../../../../../scripts/flyte/venv.mjs';
import { requiredByCi } from '../../../../../scripts/required-by-ci.mjs';
import { repoRoot } from '../../cli/cli-harness';

function findPython(): { python?: string; reason?: string } {
  try {
    return { python: ensureFlyteVenv({ log: (m) => process.stderr.write(`[flyte tests] ${m}\n`) }) };
  } catch (e) {
    const reason = `no Python with flytekit: ${(e as Error).message}`;
    if (requiredByCi) throw new Error(`${reason} (under CI this is a failure)`, { cause: e });
    process.stderr.write(`\x1b[33m[flyte tests] SKIPPED: ${reason}\x1b[0m\n`);
    return { reason };
  }
}

const found = findPython();
export const flytePython: string | undefined = found.python;
export const pyflyte: string | undefined = found.python ? join(dirname(found.python), 'pyflyte') : undefined;

/** The seed's own Python (Flyte's pod example, the code cells of seed/pod-example.md), kept in the repository. */
export const SEED_MODULE = join(repoRoot, 'examples/flyte/pod_example.py');

export interface FlyteTaskTemplate {
  type: string;
  taskTypeVersion?: number;
  config?: Record<string, string>;
  metadata: { retries?: { retries?: number }; timeout?: string; discoverable?: boolean; discoveryVersion?: string };
  container?: { image: string; args: string[]; resources?: { requests?: { name: string; value: string }[]; limits?: { name: string; value: string }[] }; env?: { key: string; value: string }[] };
  k8sPod?: { podSpec: Record<string, unknown>; metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> } };
}

/** flytekit's get_serializable of every workflow in a module: the task templates `pyflyte register` would send. */
export function serializeModule(path: string): { workflows: Record<string, unknown>; tasks: Record<string, FlyteTaskTemplate> } {
  const r = spawnSync(flytePython!, [join(repoRoot, 'packages/flyte-bridge/podflow_flyte_serialize.py'), path], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`flytekit could not serialise ${path}:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The task a template runs (the `task-name` of its pyflyte command). */
export function templateTaskName(t: FlyteTaskTemplate): string {
  const args = t.container?.args ?? (t.k8sPod?.podSpec.containers as { args?: string[] }[] | undefined)?.find((c) => c.args?.includes('task-name'))?.args ?? [];
  return args[args.indexOf('task-name') + 1] ?? '';
}

/** `pyflyte run` (flytekit's local execution): the printed result of the workflow. */
export function pyflyteRun(dir: string, file: string, workflow: string, inputs: Record<string, unknown> = {}): string {
  const args = ['run', file, workflow, ...Object.entries(inputs).flatMap(([k, v]) => [`--${k}`, typeof v === 'string' ? v : JSON.stringify(v)])];
  const r = spawnSync(pyflyte!, args, { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`pyflyte ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  return lines.slice(lines.findIndex((l) => l.includes('Running Execution on local')) + 1).join('\n').trim();
}
