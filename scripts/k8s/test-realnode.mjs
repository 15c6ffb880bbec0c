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
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { clusterRunner, here, vitestArgs, vitestBin, writeSetupFailure } from './cluster-runner.mjs';

const [outArg, ...extra] = process.argv.slice(2);
if (!outArg || outArg.startsWith('-')) {
  process.stderr.write('usage: node scripts/k8s/test-realnode.mjs OUTFILE [VITEST_ARGS...]\n');
  process.exit(2);
}
const outFile = resolve(outArg);
const { say, run, step, startControlPlane, onStop, exitAfter, state } = clusterRunner('test-realnode');
const args = vitestArgs('apps/server/src/executors/kubernetes/vitest.realnode.config.ts', outFile, extra);

/** The suite without a node: every test reported SKIPPED with the reason, which a banner repeats. */
async function skipAll(reason, env = process.env) {
  say('*'.repeat(100));
  say(`THE REAL-NODE SUITE IS SKIPPED: ${reason}`);
  say('*'.repeat(100));
  return (await run(vitestBin, args, { ...env, PODFLOW_REALNODE_UNSUPPORTED: reason })).code;
}

await exitAfter(async () => {
  const fail = (message) => (say(`ERROR: ${message}`), writeSetupFailure(outFile, 'test-realnode.mjs', message), 1);
  // Before any build: can this machine run a real node at all (root, containerd, cgroups, overlayfs)?
  const check = await run(join(here, 'realnode/start-node.sh'), ['--check'], process.env, true);
  if (check.code === 3) return skipAll(check.stdout.trim() || 'start-node.sh --check refused (see above)');
  if (check.code !== 0) return fail(`scripts/k8s/realnode/start-node.sh --check exited ${check.code}`);
  const kb = await step('kubelet build (cached)', join(here, 'realnode/build-kubelet.sh'), [], process.env, true);
  if (kb.code !== 0 || !kb.out) return fail(`scripts/k8s/realnode/build-kubelet.sh exited ${kb.code}`);
  const im = await step('images (cached by content)', join(here, 'realnode/build-images.sh'), [join(kb.out, 'pause')], process.env, true);
  if (im.code !== 0 || !im.out) return fail(`scripts/k8s/realnode/build-images.sh exited ${im.code}`);
  if (state.interrupted) return 130;

  const cluster = await startControlPlane({ PODFLOW_K8S_BIN_KUBELET: kb.out, PODFLOW_REALNODE_IMAGES: im.out });
  if (cluster.error) return fail(cluster.error);
  if (state.interrupted) return 130;
  onStop(async () => {
    const { code } = await run(join(here, 'realnode/stop-node.sh'), [cluster.dir]);
    if (code !== 0) say(`stop-node.sh exited ${code}: something of the real node could not be undone (see above)`);
    return code === 0;
  });
  const started = await step('real node start (containerd, images, kubelet, node Ready)', join(here, 'realnode/start-node.sh'), [cluster.dir], cluster.env);
  if (started.code === 3) return skipAll(readFileSync(join(cluster.dir, 'realnode/unsupported'), 'utf8').trim(), cluster.env);
  if (started.code !== 0) return fail(`scripts/k8s/realnode/start-node.sh exited ${started.code} (logs in ${cluster.dir}/realnode/logs)`);
  if (state.interrupted) return 130;
  return (await run(vitestBin, args, { ...cluster.env, PODFLOW_REALNODE: '1' })).code;
});
