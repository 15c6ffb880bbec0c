#!/usr/bin/env node
// test-realnode.mjs OUTFILE [VITEST_ARGS...] — the real-node suite: the test control plane (start.sh) plus a real
// node (realnode/start-node.sh: the kubelet, containerd, runc, local images), then `vitest run` over
// apps/server/src/**/*.realnode.test.ts (config apps/server/src/executors/kubernetes/vitest.realnode.config.ts) with
// KUBECONFIG and PODFLOW_REALNODE=1, JSON report to OUTFILE. Always stops the node (stop-node.sh undoes its host
// changes) and the control plane, also on SIGINT/SIGTERM (exit 130).
//
// If this machine cannot run a real node (start-node.sh exits 3: not root, no containerd, no cgroups...), the suite
// still runs, with PODFLOW_REALNODE_UNSUPPORTED set to the reason: every test is reported SKIPPED with it, and the
// reason is printed in a banner. Exits with vitest's code; 1 if something could not be built or started.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const [outArg, ...vitestArgs] = process.argv.slice(2);
if (!outArg || outArg.startsWith('-')) {
  process.stderr.write('usage: node scripts/k8s/test-realnode.mjs OUTFILE [VITEST_ARGS...]\n');
  process.exit(2);
}
const outFile = resolve(outArg);
const say = (msg) => process.stderr.write(`[test-realnode] ${msg}\n`);
let dir;
let cluster = false;
let node = false;
let child;
let interrupted = false;

function run(cmd, args, env = process.env, captureStdout = false) {
  return new Promise((done) => {
    const p = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', captureStdout ? 'pipe' : 'inherit', 'inherit'] });
    child = p;
    let stdout = '';
    p.stdout?.on('data', (d) => (stdout += d));
    p.on('error', (e) => {
      say(`${cmd}: ${e.message}`);
      done({ code: 1, stdout });
    });
    p.on('close', (code, signal) => {
      child = undefined;
      done({ code: code ?? (signal ? 143 : 1), stdout });
    });
  });
}

async function freePorts(n) {
  const servers = [];
  for (let i = 0; i < n; i++) {
    const s = createServer();
    await new Promise((r) => s.listen(0, '127.0.0.1', r));
    servers.push(s);
  }
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

function writeSetupFailure(message) {
  const now = Date.now();
  writeFileSync(
    outFile,
    JSON.stringify({
      numTotalTestSuites: 1, numPassedTestSuites: 0, numFailedTestSuites: 1, numPendingTestSuites: 0, numTotalTests: 0,
      numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, startTime: now, success: false,
      testResults: [{ name: join(here, 'test-realnode.mjs'), status: 'failed', message, startTime: now, endTime: now, assertionResults: [] }],
    }, null, 2),
  );
}

const step = async (what, cmd, args, env, capture = false) => {
  const t0 = performance.now();
  const r = await run(cmd, args, env, capture);
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  if (r.code !== 0 && r.code !== 3) say(`ERROR: ${what} failed (${cmd} exited ${r.code})`);
  else say(`${what}: ${seconds} s`);
  return { ...r, out: r.stdout.trim().split('\n').pop(), seconds };
};

/** The suite without a node: every test reported SKIPPED with the reason, which a banner repeats. */
async function skipAll(reason, env = process.env) {
  say('*'.repeat(100));
  say(`THE REAL-NODE SUITE IS SKIPPED: ${reason}`);
  say('*'.repeat(100));
  const args = ['run', '--config', 'apps/server/src/executors/kubernetes/vitest.realnode.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${outFile}`, ...vitestArgs];
  return (await run(join(root, 'node_modules', '.bin', 'vitest'), args, { ...env, PODFLOW_REALNODE_UNSUPPORTED: reason })).code;
}

async function main() {
  const fail = (message) => (say(`ERROR: ${message}`), writeSetupFailure(message), 1);
  // Before any build: can this machine run a real node at all (root, containerd, cgroups, overlayfs)?
  const check = await run(join(here, 'realnode/start-node.sh'), ['--check'], process.env, true);
  if (check.code === 3) return skipAll(check.stdout.trim() || 'start-node.sh --check refused (see above)');
  if (check.code !== 0) return fail(`scripts/k8s/realnode/start-node.sh --check exited ${check.code}`);
  const cp = await step('control plane build (cached)', join(here, 'build.sh'), [], process.env, true);
  if (cp.code !== 0 || !cp.out) return fail(`scripts/k8s/build.sh exited ${cp.code}`);
  const kb = await step('kubelet build (cached)', join(here, 'realnode/build-kubelet.sh'), [], process.env, true);
  if (kb.code !== 0 || !kb.out) return fail(`scripts/k8s/realnode/build-kubelet.sh exited ${kb.code}`);
  const im = await step('images (cached by content)', join(here, 'realnode/build-images.sh'), [join(kb.out, 'pause')], process.env, true);
  if (im.code !== 0 || !im.out) return fail(`scripts/k8s/realnode/build-images.sh exited ${im.code}`);
  if (interrupted) return 130;

  dir = mkdtempSync(join(tmpdir(), 'podflow-realnode-test-'));
  const [api, etcd, peer, sched, kwok] = await freePorts(5);
  const env = {
    ...process.env,
    PODFLOW_K8S_BIN: cp.out,
    PODFLOW_K8S_BIN_KUBELET: kb.out,
    PODFLOW_REALNODE_IMAGES: im.out,
    PODFLOW_K8S_APISERVER_PORT: String(api),
    PODFLOW_K8S_ETCD_PORT: String(etcd),
    PODFLOW_K8S_ETCD_PEER_PORT: String(peer),
    PODFLOW_K8S_SCHEDULER_PORT: String(sched),
    PODFLOW_K8S_KWOK_PORT: String(kwok),
  };
  cluster = true;
  const start = await step('control plane start', join(here, 'start.sh'), [dir], env, true);
  if (start.code !== 0) return fail(`scripts/k8s/start.sh exited ${start.code} (logs in ${dir}/logs)`);
  if (interrupted) return 130;
  node = true;
  const started = await step('real node start (containerd, images, kubelet, node Ready)', join(here, 'realnode/start-node.sh'), [dir], env);
  const testEnv = { ...env, KUBECONFIG: join(dir, 'kubeconfig'), PODFLOW_K8S_DIR: dir };
  if (started.code === 3) return skipAll(readFileSync(join(dir, 'realnode/unsupported'), 'utf8').trim(), testEnv);
  if (started.code !== 0) return fail(`scripts/k8s/realnode/start-node.sh exited ${started.code} (logs in ${dir}/realnode/logs)`);
  testEnv.PODFLOW_REALNODE = '1';
  if (interrupted) return 130;
  const vitest = join(root, 'node_modules', '.bin', 'vitest');
  const args = ['run', '--config', 'apps/server/src/executors/kubernetes/vitest.realnode.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${outFile}`, ...vitestArgs];
  const result = await run(vitest, args, testEnv);
  return interrupted ? 130 : result.code;
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = true;
    say(`${sig}: stopping the tests, the node and the cluster`);
    child?.kill('SIGTERM');
  });
}

let code = 1;
try {
  code = await main();
} catch (e) {
  say(`ERROR: ${e.stack ?? e}`);
} finally {
  if (node) {
    const { code: c } = await run(join(here, 'realnode/stop-node.sh'), [dir]);
    if (c !== 0) {
      say(`stop-node.sh exited ${c}: something of the real node could not be undone (see above)`);
      if (code === 0) code = 1;
    }
  }
  if (cluster) {
    const { code: c } = await run(join(here, 'stop.sh'), [dir]);
    if (c !== 0) say(`stop.sh exited ${c}; processes may be left running (see ${dir}/pids)`);
  }
  if (dir) {
    if (code === 0 && process.env.PODFLOW_K8S_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
    else say(`kept ${dir} (logs in ${dir}/logs and ${dir}/realnode/logs)`);
  }
}
process.exit(code);
