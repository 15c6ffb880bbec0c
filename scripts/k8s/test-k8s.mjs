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
import { resolve } from 'node:path';
import { clusterRunner, vitestArgs, vitestBin, writeSetupFailure } from './cluster-runner.mjs';

const [outArg, ...extra] = process.argv.slice(2);
if (!outArg || outArg.startsWith('-')) {
  process.stderr.write('usage: node scripts/k8s/test-k8s.mjs OUTFILE [VITEST_ARGS...]\n');
  process.exit(2);
}
const outFile = resolve(outArg);
const { say, run, startControlPlane, exitAfter, state } = clusterRunner('test-k8s');

await exitAfter(async () => {
  const cluster = await startControlPlane();
  if (cluster.error) {
    say(`ERROR: ${cluster.error}`);
    writeSetupFailure(outFile, 'test-k8s.mjs', cluster.error);
    return 1;
  }
  if (state.interrupted) return 130;
  const args = vitestArgs('apps/server/src/executors/kubernetes/vitest.k8s.config.ts', outFile, extra);
  return (await run(vitestBin, args, cluster.env)).code;
});
