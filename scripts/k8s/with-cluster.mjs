#!/usr/bin/env node
// with-cluster.mjs -- COMMAND [ARGS...] — runs a command with a test cluster: the control plane (scripts/k8s/build.sh,
// cached; start.sh on free ports) up, KUBECONFIG pointing at it, and stopped afterwards whatever happened (also on
// SIGINT/SIGTERM). Exits with the command's code (1 if the cluster could not be built or started). `npm test` runs
// the browser tests that need a cluster this way (e2e/cluster-check.spec.ts).
import { clusterRunner } from './cluster-runner.mjs';

const dash = process.argv.indexOf('--');
const [cmd, ...args] = dash === -1 ? [] : process.argv.slice(dash + 1);
if (!cmd) {
  process.stderr.write('usage: node scripts/k8s/with-cluster.mjs -- COMMAND [ARGS...]\n');
  process.exit(2);
}
const { say, run, startControlPlane, exitAfter, state } = clusterRunner('with-cluster');

await exitAfter(async () => {
  const cluster = await startControlPlane();
  if (cluster.error) {
    say(`ERROR: ${cluster.error}`);
    return 1;
  }
  if (state.interrupted) return 130;
  return (await run(cmd, args, cluster.env)).code;
});
