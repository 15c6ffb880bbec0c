import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { checkRun, compileWorkflow, parseWorkflow, toKubernetesObjects, toKubernetesYaml } from '@podflow/core';
import { buildCli, podflow } from './cli-harness';

const seed = (name: string) => `examples/seed/${name}.podflow.yaml`;
const tmp = mkdtempSync(join(tmpdir(), 'podflow-cli-'));
const write = (name: string, text: string) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(buildCli);

describe('podflow validate', () => {
  it('accepts the seed examples (exit 0), printing notes', () => {
    const r = podflow(['validate', seed('multiple-containers-pod-workflow')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('info[resources-replaced]');
  });

  it('exits 1 with the location of a YAML error and no stack trace', () => {
    const r = podflow(['validate', write('bad.podflow.yaml', 'apiVersion: podflow/v1alpha1\nkind: [\n')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.podflow\.yaml:line \d+:\d+/);
    expect(r.stderr).not.toMatch(/\bat .*\.m?js:\d+/);
  });

  it('exits 1 on a Python syntax error that Python itself reports, with --json diagnostics', () => {
    const text = podflowText('map-pod-workflow').replace('return str(int_val)', 'return str(int_val');
    const r = podflow(['validate', '--json', write('syntax.podflow.yaml', text)]);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { valid: boolean; diagnostics: { code: string; task?: string }[] };
    expect(out.valid).toBe(false);
    expect(out.diagnostics.filter((d) => d.code === 'python-syntax' && d.task === 'map_pod_task')).toHaveLength(1);
  });

  it('says so for a missing file (exit 1) and for a missing argument (exit 2)', () => {
    expect(podflow(['validate', join(tmp, 'nope.yaml')]).stderr).toContain('no such file');
    const usage = podflow(['validate']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('missing FILE');
  });
});

describe('podflow compile', () => {
  it('prints ConfigMaps then Pods as multi-document YAML', () => {
    const r = podflow(['compile', seed('map-pod-workflow')]);
    expect(r.status).toBe(0);
    const kinds = parseAllDocuments(r.stdout).map((d) => (d.toJS() as { kind: string }).kind);
    expect(kinds).toEqual(['ConfigMap', 'ConfigMap', 'ConfigMap', 'Pod', 'Pod']);
  });

  it('prints one node as a JSON array with --node and --format json', () => {
    const r = podflow(['compile', seed('pod-workflow'), '--node', 'pod_task', '--format', 'json']);
    expect(r.status).toBe(0);
    const objects = JSON.parse(r.stdout) as { kind: string; spec?: { nodeSelector?: unknown } }[];
    expect(objects.map((o) => o.kind)).toEqual(['ConfigMap', 'ConfigMap', 'Pod']);
    expect(objects[2]!.spec?.nodeSelector).toEqual({ node_group: 'memory' });
  });

  it('refuses an unknown node or format with exit 2, and an invalid workflow with exit 1', () => {
    expect(podflow(['compile', seed('pod-workflow'), '--node', 'nope']).status).toBe(2);
    expect(podflow(['compile', seed('pod-workflow'), '--format', 'xml']).status).toBe(2);
    const broken = podflowText('map-pod-workflow').replace('task: coalesce', 'task: missing_task');
    const r = podflow(['compile', write('broken.podflow.yaml', broken)]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('unknown-task');
  });
});

describe('the built CLI prints what core computes from source', () => {
  // The bundle carries core's dependencies inlined and the PodSpec validator compiled at build time: its answers
  // must be exactly those of core run from its TypeScript source.
  for (const name of ['pod-workflow', 'multiple-containers-pod-workflow', 'map-pod-workflow', 'dynamic-pod-workflow']) {
    it(`seed ${name}: compile (YAML and JSON) and validate --json`, () => {
      const parsed = parseWorkflow(podflowText(name));
      if (!parsed.ok) throw new Error(`seed ${name} does not parse`);
      const compiled = compileWorkflow(parsed.doc);
      expect(podflow(['compile', seed(name)]).stdout).toBe(toKubernetesYaml(compiled));
      expect(JSON.parse(podflow(['compile', seed(name), '--format', 'json']).stdout)).toEqual(toKubernetesObjects(compiled));
      const validated = JSON.parse(podflow(['validate', '--json', seed(name)]).stdout) as { valid: boolean; diagnostics: unknown[] };
      expect(validated).toEqual({ valid: true, diagnostics: checkRun(parsed.doc).diagnostics });
    });
  }
});

function podflowText(name: string): string {
  return readFileSync(seed(name), 'utf8');
}
