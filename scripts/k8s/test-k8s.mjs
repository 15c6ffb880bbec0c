#!/usr/bin/env node
// test-k8s.mjs OUTFILE [VITEST_ARGS...] — the Kubernetes test suite against a real control plane.
//
// Builds the control plane (scripts/k8s/build.sh, cached), starts it in a temporary directory on free ports
// (start.sh), runs `vitest run` over apps/server/src/**/*.k8s.test.ts with KUBECONFIG (and PODFLOW_K8S_DIR, for the
// test that restarts the API server) set, writing vitest's JSON report to OUTFILE, and always stops the cluster
// (stop.sh) — after a failure and on SIGINT/SIGTERM too. Exits with vitest's exit code (1 if the cluster could not
// be built or started; OUTFILE then holds a vitest-shaped report with one failed suite saying why).
//
// Env: PODFLOW_K8S_KEEP=1 keeps the cluster directory (logs, etcd data) afterwards; it is kept anyway on failure.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const [outArg, ...vitestArgs] = process.argv.slice(2);
if (!outArg || outArg.startsWith('-')) {
  process.stderr.write('usage: node scripts/k8s/test-k8s.mjs OUTFILE [VITEST_ARGS...]\n');
  process.exit(2);
}
const outFile = resolve(outArg);
const say = (msg) => process.stderr.write(`[test-k8s] ${msg}\n`);

let clusterDir;
let started = false;
let child;
let interrupted = false;

/** Runs a command; resolves { code, stdout } (stderr passes through). */
function run(cmd, args, env = process.env, captureStdout = false) {
  return new Promise((resolvePromise) => {
    const p = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', captureStdout ? 'pipe' : 'inherit', 'inherit'] });
    child = p;
    let stdout = '';
    p.stdout?.on('data', (d) => (stdout += d));
    p.on('error', (e) => {
      say(`${cmd}: ${e.message}`);
      resolvePromise({ code: 1, stdout });
    });
    p.on('close', (code, signal) => {
      child = undefined;
      resolvePromise({ code: code ?? (signal ? 128 + 15 : 1), stdout });
    });
  });
}

/** Five distinct free TCP ports on 127.0.0.1, so that several suites (and people) can run at once. */
async function freePorts(n) {
  const servers = [];
  const ports = [];
  for (let i = 0; i < n; i++) {
    const server = createServer();
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
    ports.push(server.address().port);
  }
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** A report in vitest's JSON shape for a run that never reached vitest. */
function writeSetupFailure(message) {
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
    testResults: [{ name: join(here, 'test-k8s.mjs'), status: 'failed', message, startTime: now, endTime: now, assertionResults: [] }],
  };
  writeFileSync(outFile, JSON.stringify(report, null, 2));
}

async function stopCluster() {
  if (!started) return;
  started = false;
  const { code } = await run(join(here, 'stop.sh'), [clusterDir]);
  if (code !== 0) say(`stop.sh exited ${code}; processes may be left running (see ${clusterDir}/pids)`);
}

async function main() {
  // 1. Build (cached).
  say('building the control plane (scripts/k8s/build.sh; cached after the first time, ~7.5 min cold)');
  const build = await run(join(here, 'build.sh'), [], process.env, true);
  const bin = build.stdout.trim().split('\n').pop();
  if (build.code !== 0 || !bin) {
    const message = `building the Kubernetes control plane failed: scripts/k8s/build.sh exited ${build.code} (its output is above; logs in ${process.env.PODFLOW_K8S_CACHE ?? '~/.cache/podflow-k8s'}/<key>/logs)`;
    say(`ERROR: ${message}`);
    writeSetupFailure(message);
    return 1;
  }
  if (interrupted) return 130;

  // 2. Start, on free ports, in a fresh directory.
  clusterDir = mkdtempSync(join(tmpdir(), 'podflow-k8s-test-'));
  const [api, etcd, peer, sched, kwok] = await freePorts(5);
  const env = {
    ...process.env,
    PODFLOW_K8S_BIN: bin,
    PODFLOW_K8S_APISERVER_PORT: String(api),
    PODFLOW_K8S_ETCD_PORT: String(etcd),
    PODFLOW_K8S_ETCD_PEER_PORT: String(peer),
    PODFLOW_K8S_SCHEDULER_PORT: String(sched),
    PODFLOW_K8S_KWOK_PORT: String(kwok),
  };
  say(`starting the control plane in ${clusterDir} (apiserver on 127.0.0.1:${api})`);
  const t0 = performance.now();
  started = true; // start.sh records pids as it goes; stop.sh stops whatever it recorded
  const start = await run(join(here, 'start.sh'), [clusterDir], env, true);
  const startSeconds = (performance.now() - t0) / 1000;
  if (start.code !== 0) {
    const message = `starting the Kubernetes control plane failed: scripts/k8s/start.sh exited ${start.code} (its output is above; logs in ${clusterDir}/logs)`;
    say(`ERROR: ${message}`);
    writeSetupFailure(message);
    return 1;
  }
  say(`control plane up in ${startSeconds.toFixed(1)} s (warm start: binaries cached)`);
  if (interrupted) return 130;

  // 3. The suite.
  const vitest = join(root, 'node_modules', '.bin', 'vitest');
  const testEnv = { ...env, KUBECONFIG: join(clusterDir, 'kubeconfig'), PODFLOW_K8S_DIR: clusterDir };
  const args = [
    'run',
    '--config',
    'apps/server/src/executors/kubernetes/vitest.k8s.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${outFile}`,
    ...vitestArgs,
  ];
  const result = await run(vitest, args, testEnv);
  return interrupted ? 130 : result.code;
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = true;
    say(`${sig}: stopping the tests and the cluster`);
    child?.kill('SIGTERM');
  });
}

let code = 1;
try {
  code = await main();
} catch (e) {
  say(`ERROR: ${e.stack ?? e}`);
  code = 1;
} finally {
  await stopCluster();
  if (clusterDir) {
    if (code === 0 && process.env.PODFLOW_K8S_KEEP !== '1') rmSync(clusterDir, { recursive: true, force: true });
    else say(`kept ${clusterDir} (logs in ${clusterDir}/logs)`);
  }
}
process.exit(code);
