#!/usr/bin/env node
// node scripts/flyte/venv.mjs — prints the path of a Python that has flytekit, creating it once.
//
// A virtualenv with flytekit and its pod plugin from PyPI, cached in ~/.cache/podflow-flyte/<key>/venv where the key
// names the pinned versions and the host Python, so a fresh machine builds it once (≈ 45 s) and CI can reuse it.
// Used by the flytekit tests (vitest global setup) and the benchmark. Exit code 1 with the reason on stderr when it
// cannot be made (no python3 -m venv, no network to PyPI).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FLYTEKIT_VERSION = '1.16.31';
export const FLYTE_PACKAGES = [`flytekit==${FLYTEKIT_VERSION}`, `flytekitplugins-pod==${FLYTEKIT_VERSION}`];

function hostPythonVersion(python) {
  const r = spawnSync(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${python} does not run: ${r.error?.message ?? r.stderr}`);
  return r.stdout.trim();
}

/** The cached venv's python, building the venv when it is missing. Throws with a reason a person can act on. */
export function ensureFlyteVenv({ python = 'python3', log = (m) => process.stderr.write(`[flyte-venv] ${m}\n`) } = {}) {
  const key = `flytekit-${FLYTEKIT_VERSION}-py${hostPythonVersion(python)}`;
  const dir = join(process.env.PODFLOW_FLYTE_CACHE ?? join(homedir(), '.cache', 'podflow-flyte'), key);
  const venvPython = join(dir, 'venv', 'bin', 'python');
  if (existsSync(join(dir, 'ready'))) return venvPython;
  mkdirSync(dir, { recursive: true });
  // One builder at a time (test files start in parallel): the others wait for it to finish.
  const lock = join(dir, 'lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
      if (existsSync(join(dir, 'ready'))) return venvPython;
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs > 10 * 60_000) rmSync(lock, { recursive: true, force: true }); // a builder that died
    }
  }
  try {
    if (existsSync(join(dir, 'ready'))) return venvPython;
    return build(python, dir, venvPython, log);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function build(python, dir, venvPython, log) {
  const building = join(dir, `venv.building-${process.pid}`);
  rmSync(building, { recursive: true, force: true });
  log(`creating a virtualenv with ${FLYTE_PACKAGES.join(' ')} in ${dir} (once)…`);
  const mk = spawnSync(python, ['-m', 'venv', building], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (mk.status !== 0) throw new Error(`${python} -m venv failed (on Debian: apt-get install python3-venv)`);
  const pip = spawnSync(join(building, 'bin', 'python'), ['-m', 'pip', 'install', '--disable-pip-version-check', '-q', ...FLYTE_PACKAGES], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (pip.status !== 0) {
    rmSync(building, { recursive: true, force: true });
    throw new Error(`pip install ${FLYTE_PACKAGES.join(' ')} failed (is PyPI reachable?)`);
  }
  // A venv names its own path in bin/ scripts: after moving it into place, those are rewritten (fixShebangs).
  if (!existsSync(join(dir, 'ready'))) {
    rmSync(join(dir, 'venv'), { recursive: true, force: true });
    renameSync(building, join(dir, 'venv'));
    fixShebangs(join(dir, 'venv'), building);
    writeFileSync(join(dir, 'ready'), `${FLYTE_PACKAGES.join(' ')}\n`);
  } else {
    rmSync(building, { recursive: true, force: true });
  }
  return venvPython;
}

/** After the rename, rewrite bin/* scripts and pyvenv.cfg that name the temporary build path. */
function fixShebangs(venv, oldPath) {
  const r = spawnSync(join(venv, 'bin', 'python'), ['-c', `
import os, sys
venv, old = sys.argv[1], sys.argv[2]
for d in (os.path.join(venv, 'bin'),):
    for name in os.listdir(d):
        p = os.path.join(d, name)
        if os.path.islink(p) or not os.path.isfile(p):
            continue
        try:
            text = open(p, encoding='utf-8').read()
        except (UnicodeDecodeError, OSError):
            continue
        if old in text:
            open(p, 'w', encoding='utf-8').write(text.replace(old, venv))
`, venv, oldPath], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not fix the virtualenv scripts after moving it');
}

if (process.argv[1] === fileURLToPath(import.meta.url) && import.meta.url.endsWith('/venv.mjs')) {
  try {
    process.stdout.write(`${ensureFlyteVenv()}\n`);
  } catch (e) {
    process.stderr.write(`[flyte-venv] ${e.message}\n`);
    process.exit(1);
  }
}
