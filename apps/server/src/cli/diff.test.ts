import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, podflow } from './cli-harness';

const seed = (name: string) => `examples/seed/${name}.podflow.yaml`;
const tmp = mkdtempSync(join(tmpdir(), 'podflow-cli-diff-'));
const write = (name: string, text: string) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};
const mapText = readFileSync(seed('map-pod-workflow'), 'utf8');

beforeAll(buildCli);

describe('podflow diff (the built CLI)', () => {
  it('a file against itself: no changes, exit 0', () => {
    const r = podflow(['diff', seed('map-pod-workflow'), seed('map-pod-workflow')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`no changes between ${seed('map-pod-workflow')} and ${seed('map-pod-workflow')}\n`);
  });

  it('a sidecar, edited code and a moved node: one line each, exit 1', () => {
    const changed = mapText
      // A second container in map_pod_task's pod, listed right before its init containers.
      .replace('\n          initContainers:', '\n            - name: log-shipper\n              image: fluent/fluent-bit:3.0\n          initContainers:')
      .replace('return str(int_val)', 'return f"item {int_val}"')
      .replace('coalesce: { x: 600, y: 0 }', 'coalesce: { x: 600, y: 240 }');
    const file = write('changed.podflow.yaml', changed);
    const r = podflow(['diff', seed('map-pod-workflow'), file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(['changed  node map_pod_task: code, containers', 'moved    node coalesce: moved (600, 0) → (600, 240)', ''].join('\n'));

    const json = podflow(['diff', '--json', seed('map-pod-workflow'), file]);
    expect(json.status).toBe(1);
    const out = JSON.parse(json.stdout) as { same: boolean; diff: { nodes: { id: string; status: string; taskFields: string[] }[] }; changes: { key: string }[] };
    expect(out.same).toBe(false);
    expect(out.diff.nodes.map((n) => [n.id, n.status, n.taskFields])).toEqual([
      ['map_pod_task', 'changed', ['code', 'pod.spec.containers']],
      ['coalesce', 'moved', []],
    ]);
    expect(out.changes.map((c) => c.key)).toEqual(['node:map_pod_task', 'node:coalesce']);
  });

  it('a renamed node: one line, "renamed" from its old id; the edges and bindings that follow it are not changes', () => {
    // The node's id, where the coalesce node's input names it, and its layout entry (the task keeps its name).
    const renamed = mapText.replace('- id: map_pod_task', '- id: to_text').replace('{ node: map_pod_task, output: o0 }', '{ node: to_text, output: o0 }').replace('    map_pod_task: { x: 280', '    to_text: { x: 280');
    const file = write('renamed.podflow.yaml', renamed);
    const r = podflow(['diff', seed('map-pod-workflow'), file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('renamed  node to_text: from map_pod_task');
    expect(r.stdout).not.toContain('edge');
    const json = JSON.parse(podflow(['diff', '--json', seed('map-pod-workflow'), file]).stdout) as { diff: { nodes: { id: string; status: string; renamedFrom?: string }[] } };
    expect(json.diff.nodes.find((n) => n.status === 'renamed')).toMatchObject({ id: 'to_text', renamedFrom: 'map_pod_task' });
  });

  it('two different examples: nodes added and removed, edges too', () => {
    const r = podflow(['diff', seed('pod-workflow'), seed('multiple-containers-pod-workflow')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('added    node multiple_containers_pod_task: task multiple_containers_pod_task');
    expect(r.stdout).toContain('removed  node pod_task: task pod_task');
    expect(r.stdout).toContain('added    edge multiple_containers_pod_task.o0 → output o0');
  });

  it('unreadable input: exit 2 naming the file and the place, no stack trace', () => {
    const bad = write('bad.podflow.yaml', 'apiVersion: podflow/v1alpha1\nkind: [\n');
    const r = podflow(['diff', bad, join(tmp, 'missing.podflow.yaml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.podflow\.yaml:line \d+:\d+/);
    expect(r.stderr).toContain('missing.podflow.yaml: no such file');
    expect(r.stderr).not.toMatch(/\bat .*\.m?js:\d+/);
  });

  it('usage: two files, known flags only (exit 2)', () => {
    const one = podflow(['diff', seed('pod-workflow')]);
    expect(one.status).toBe(2);
    expect(one.stderr).toBe('podflow diff: expected two files (FILE_A FILE_B), got 1\n');
    const flag = podflow(['diff', '--nope', seed('pod-workflow'), seed('pod-workflow')]);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toMatch(/^podflow diff: .*--nope/);
    expect(podflow(['--help']).stdout).toContain('podflow diff FILE_A FILE_B');
  });
});
