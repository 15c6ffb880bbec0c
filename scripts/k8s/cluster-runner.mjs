// The part every "with a test cluster" script shares (test-k8s.mjs, test-realnode.mjs, with-cluster.mjs): child
// processes that SIGINT/SIGTERM stop, free ports, the control plane built (cached) and started in a fresh directory
// on those ports, always stopped, its directory kept when something failed, and a vitest-shaped report for a run
// that never reached its tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '../..');

/**
 * One runner per script: `say` prefixes its messages with the script's name; `interrupted` turns true on SIGINT or
 * SIGTERM, which also stops the child running then.
 */
export function clusterRunner(name) {
  const say = (msg) => process.stderr.write(`[${name}] ${msg}\n`);
  let child;
  const state = { interrupted: false, dir: undefined };
  const stops = [];

  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      if (state.interrupted) return;
      state.interrupted = true;
      say(`${sig}: stopping the tests and the cluster`);
      child?.kill('SIGTERM');
    });
  }

  /** Runs a command; resolves { code, stdout, out (its last stdout line) } — stderr passes through. */
  function run(cmd, args, env = process.env, captureStdout = false) {
    return new Promise((done) => {
      const p = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', captureStdout ? 'pipe' : 'inherit', 'inherit'] });
      child = p;
      let stdout = '';
      p.stdout?.on('data', (d) => (stdout += d));
      const finish = (code) => done({ code, stdout, out: stdout.trim().split('\n').pop() });
      p.on('error', (e) => {
        say(`${cmd}: ${e.message}`);
        finish(1);
      });
      p.on('close', (code, signal) => {
        child = undefined;
        finish(code ?? (signal ? 143 : 1));
      });
    });
  }

  /** Runs a step, saying how long it took (exit 3 is "this machine cannot", which the caller reports). */
  async function step(what, cmd, args, env, capture = false) {
    const t0 = performance.now();
    const r = await run(cmd, args, env, capture);
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    if (r.code !== 0 && r.code !== 3) say(`ERROR: ${what} failed (${cmd} exited ${r.code})`);
    else say(`${what}: ${seconds} s`);
    return { ...r, seconds };
  }

  /**
   * Builds the control plane (cached) and starts it in a fresh directory on free ports. Resolves
   * { env, kubeconfig, dir } or { error }. `extraEnv` reaches start.sh (the binaries of a real node, say).
   */
  async function startControlPlane(extraEnv = {}) {
    const build = await step('control plane build (scripts/k8s/build.sh; cached, ~7.5 min cold)', join(here, 'build.sh'), [], process.env, true);
    if (build.code !== 0 || !build.out) return { error: `building the Kubernetes control plane failed: scripts/k8s/build.sh exited ${build.code} (its output is above)` };
    if (state.interrupted) return { error: 'interrupted' };
    state.dir = mkdtempSync(join(tmpdir(), `podflow-${name}-`));
    const [api, etcd, peer, sched, kwok] = await freePorts(5);
    const env = {
      ...process.env,
      ...extraEnv,
      PODFLOW_K8S_BIN: build.out,
      PODFLOW_K8S_APISERVER_PORT: String(api),
      PODFLOW_K8S_ETCD_PORT: String(etcd),
      PODFLOW_K8S_ETCD_PEER_PORT: String(peer),
      PODFLOW_K8S_SCHEDULER_PORT: String(sched),
      PODFLOW_K8S_KWOK_PORT: String(kwok),
    };
    // start.sh records pids as it goes; stop.sh stops whatever it recorded
    stops.unshift(async () => {
      const { code } = await run(join(here, 'stop.sh'), [state.dir]);
      if (code !== 0) say(`stop.sh exited ${code}; processes may be left running (see ${state.dir}/pids)`);
      return code === 0;
    });
    const start = await step(`control plane start in ${state.dir} (apiserver on 127.0.0.1:${api})`, join(here, 'start.sh'), [state.dir], env, true);
    if (start.code !== 0) return { error: `starting the Kubernetes control plane failed: scripts/k8s/start.sh exited ${start.code} (logs in ${state.dir}/logs)` };
    return { env: { ...env, KUBECONFIG: join(state.dir, 'kubeconfig'), PODFLOW_K8S_DIR: state.dir }, dir: state.dir };
  }

  /** Something to undo when the script ends (last registered, first undone); resolves false when it could not. */
  const onStop = (stop) => stops.unshift(stop);

  /**
   * Runs `main` (which resolves an exit code), then undoes everything (also after a throw), removes the cluster
   * directory if all went well and keeps it otherwise, and exits.
   */
  async function exitAfter(main) {
    let code = 1;
    try {
      code = await main();
      if (state.interrupted) code = 130;
    } catch (e) {
      say(`ERROR: ${e.stack ?? e}`);
      code = 1;
    } finally {
      for (const stop of stops) if (!(await stop()) && code === 0) code = 1;
      if (state.dir) {
        if (code === 0 && process.env.PODFLOW_K8S_KEEP !== '1') rmSync(state.dir, { recursive: true, force: true });
        else say(`kept ${state.dir} (logs in ${state.dir}/logs)`);
      }
    }
    process.exit(code);
  }

  return { say, run, step, startControlPlane, onStop, exitAfter, state };
}

/** Distinct free TCP ports on 127.0.0.1, so that several suites (and people) can run at once. */
export async function freePorts(n) {
  const servers = [];
  for (let i = 0; i < n; i++) {
    const server = createServer();
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
  }
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** A report in vitest's JSON shape for a run that never reached vitest: one failed suite, named `script`, saying why. */
export function writeSetupFailure(outFile, script, message) {
  const now = Date.now();
  const report = {
    numTotalTestSuites: 1,
    numPassedTestSuites: 0,
    numFailedTestSuites: 1,
    numPendingTestSuites: 0,
    numTotalTests: 0,
    numPassedTests: 0,
    numFailedTests: 0,
    numPendingTests: 0,
    numTodoTests: 0,
    startTime: now,
    success: false,
    testResults: [{ name: join(here, script), status: 'failed', message, startTime: now, endTime: now, assertionResults: [] }],
  };
  writeFileSync(outFile, JSON.stringify(report, null, 2));
}

/** vitest's arguments for a config, writing its JSON report to `outFile`. */
export const vitestArgs = (config, outFile, extra) => ['run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${outFile}`, ...extra];
export const vitestBin = join(root, 'node_modules', '.bin', 'vitest');
