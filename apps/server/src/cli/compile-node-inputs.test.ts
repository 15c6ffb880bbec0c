import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigMap, Pod } from 'kubernetes-types/core/v1';
import type { CompiledPod } from '@podflow/core';
import { RecordingSink } from '../executors/contract/contract-pods';
import { LocalExecutor } from '../executors/local/local-executor';
import { buildCli, podflow, repoRoot } from './cli-harness';

const seed = (name: string) => `${repoRoot}examples/seed/${name}.podflow.yaml`;
const envOf = (pod: Pod) => Object.fromEntries((pod.spec!.containers.find((c) => c.name === 'primary')!.env ?? []).map((e) => [e.name, e.value]));
let dataDir: string;
beforeAll(() => {
  buildCli();
  dataDir = mkdtempSync(join(tmpdir(), 'podflow-compile-run-'));
}, 120_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('podflow compile --node N --input NAME=VALUE (a pod that runs on its own)', () => {
  it('carries the inputs and sends the result to the log; the pod runs and succeeds', async () => {
    const r = podflow(['compile', seed('map-pod-workflow'), '--node', 'coalesce', '--input', 'list_of_strings=["a","b"]', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const objects = JSON.parse(r.stdout) as (ConfigMap | Pod)[];
    const pod = objects.find((o) => o.kind === 'Pod') as Pod;
    expect(envOf(pod)).toMatchObject({ PODFLOW_INPUTS: '{"list_of_strings":["a","b"]}', PODFLOW_OUTPUTS_TO_LOG: '1', PODFLOW_RUN: 'manual' });
    const compiled: CompiledPod = { executionId: 'coalesce', nodeId: 'coalesce', task: 'coalesce', configMaps: objects.filter((o) => o.kind === 'ConfigMap') as ConfigMap[], pod, inputs: {}, diagnostics: [] };
    const executor = new LocalExecutor({ dataDir });
    try {
      const result = await executor.runAttempt({ compiled, runId: 'manual', executionId: 'coalesce', attempt: 0 }, new RecordingSink(), new AbortController().signal);
      expect(result).toMatchObject({ ok: true, outputs: { o0: expect.any(String) } });
    } finally {
      await executor.close();
    }
    const yaml = podflow(['compile', seed('map-pod-workflow'), '--node', 'coalesce', '--input', 'list_of_strings=["a","b"]']);
    expect(yaml.stdout.startsWith('---\n')).toBe(true); // runnable: no preview warning on top
  });

  it('a map node runs one item: its mapped port takes one element', () => {
    const r = podflow(['compile', seed('map-pod-workflow'), '--node', 'map_pod_task', '--input', 'int_val=7', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    expect(envOf((JSON.parse(r.stdout) as Pod[]).find((o) => o.kind === 'Pod')!).PODFLOW_INPUTS).toBe('{"int_val":7}');
  });

  it('a preview with inputs known only at run time says so at the top of the YAML', () => {
    const r = podflow(['compile', seed('map-pod-workflow'), '--node', 'coalesce']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      '# PREVIEW, NOT RUNNABLE AS IS: coalesce has inputs known only at run time',
      '# (listed above each Pod). To run one node with kubectl: podflow compile FILE --node ID --input NAME=VALUE...',
    ]);
  });

  it('usage errors: a missing required input, an unknown port, --input without --node', () => {
    const cases: [string[], RegExp][] = [
      [['compile', seed('map-pod-workflow'), '--node', 'coalesce', '--input', 'nope=1'], /--input nope: node coalesce has no input "nope"; its inputs are: list_of_strings/],
      [['compile', seed('map-pod-workflow'), '--input', 'int_val=1'], /give --node ID too/],
      [['compile', seed('map-pod-workflow'), '--node', 'coalesce', '--input', 'list_of_strings=[1,'], /is not valid JSON/],
    ];
    for (const [args, message] of cases) {
      const r = podflow(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
