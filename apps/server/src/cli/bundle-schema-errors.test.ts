import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import semver from 'semver';
import { stringify } from 'yaml';
import type { WorkflowDoc } from '@podflow/core';
import { send } from '../http/__fixtures__/http-client';
import { ensureServerBuilt, REPO_ROOT, startServerProcess, tempDataDir, type ServerProcess } from '../http/__fixtures__/server-process';
import { podflow } from './cli-harness';

/**
 * The BUILT server and CLI (apps/server/dist/cli.mjs) load each dependency at the version its importing package
 * declares: core's ajv 8, not the root's ajv 6 that eslint brings. With the wrong ajv, a Kubernetes schema error in
 * a pod spec crashed `podflow validate` (exit 70, "Cannot read properties of undefined (reading 'split')") and
 * answered 500 to Run.
 */
const BAD_PODS: { what: string; container: Record<string, unknown>; podSpec?: Record<string, unknown>; field: string }[] = [
  { what: 'a CPU limit that is not a quantity', container: { name: 'primary', resources: { limits: { cpu: 'two' } } }, field: 'resources.limits.cpu' },
  { what: 'an unknown imagePullPolicy', container: { name: 'primary', imagePullPolicy: 'Sometimes' }, field: 'imagePullPolicy' },
  { what: 'an unknown restartPolicy', container: { name: 'primary' }, podSpec: { restartPolicy: 'Sometimes' }, field: 'restartPolicy' },
];

const docWith = (bad: (typeof BAD_PODS)[number]): WorkflowDoc =>
  ({
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'bad-pod' },
    spec: {
      tasks: [{ name: 'hello', type: 'python', code: 'def hello() -> str:\n    return "hi"\n', pod: { spec: { containers: [bad.container], ...bad.podSpec } } }],
      nodes: [{ id: 'hello', task: 'hello' }],
    },
  }) as unknown as WorkflowDoc;

describe('the built bundle on schema-invalid pods', () => {
  let dir: string;
  beforeAll(() => {
    ensureServerBuilt();
    dir = mkdtempSync(join(tmpdir(), 'podflow-bad-pods-'));
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('`podflow validate` exits 1 naming the field, never 70', () => {
    for (const bad of BAD_PODS) {
      const file = join(dir, `${bad.field.replace(/\W/g, '-')}.podflow.yaml`);
      writeFileSync(file, stringify(docWith(bad)));
      const result = podflow(['validate', file]);
      expect(result.stderr + result.stdout, bad.what).not.toMatch(/internal error|TypeError/);
      expect(result.status, `${bad.what}: ${result.stderr}`).toBe(1);
      expect(result.stdout + result.stderr, bad.what).toContain(bad.field);
      expect(result.stdout + result.stderr, bad.what).toMatch(/error\[pod-(schema|field)\]/);
    }
  });

  describe('the server', () => {
    let server: ServerProcess;
    let cleanup: () => void;
    beforeAll(async () => {
      const tmp = tempDataDir();
      cleanup = tmp.cleanup;
      server = await startServerProcess({ dataDir: tmp.dir });
    }, 60_000);
    afterAll(async () => {
      await server.stop();
      cleanup();
    });

    it('answers Run with 422 and diagnostics naming the field, never 500', async () => {
      for (const bad of BAD_PODS) {
        const created = await send(server, 'POST', '/api/workflows', { body: { document: docWith(bad) } });
        expect(created.status).toBe(201);
        const run = await send(server, 'POST', '/api/runs', { body: { workflowId: created.json().id } });
        expect(run.status, `${bad.what}: ${run.text}`).toBe(422);
        expect(run.json().error.code).toBe('invalid-workflow');
        const fields = (run.json().error.issues as { path: string; code: string }[]).map((d) => `${d.code} ${d.path}`);
        expect(fields.some((f) => /^pod-(schema|field) /.test(f) && f.includes(bad.field)), `${bad.what}: ${fields.join('; ')}`).toBe(true);
      }
      expect(server.stderr()).not.toMatch(/failed: |TypeError/);
    });
  });

  it('loads every external dependency at a version each workspace package that declares it accepts', () => {
    const bundle = readFileSync(join(REPO_ROOT, 'apps/server/dist/cli.mjs'), 'utf8');
    const externals = new Set<string>();
    for (const m of bundle.matchAll(/(?:^import [^;]*? from |__require\()"([^"]+)"/gm)) {
      if (!m[1]!.startsWith('node:')) externals.add(m[1]!.split('/').slice(0, m[1]!.startsWith('@') ? 2 : 1).join('/'));
    }
    expect(externals).toContain('fastify');
    const fromBundle = createRequire(join(REPO_ROOT, 'apps/server/dist/cli.mjs'));
    const declared = ['packages/core', 'apps/server'].map((p) => JSON.parse(readFileSync(join(REPO_ROOT, p, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string> });
    let checked = 0;
    for (const name of externals) {
      const version = (JSON.parse(readFileSync(packageJsonOf(fromBundle, name), 'utf8')) as { version: string }).version;
      for (const pkg of declared) {
        const range = pkg.dependencies[name];
        if (range === undefined || range === '*') continue;
        expect(semver.satisfies(version, range), `${pkg.name} declares ${name}@${range}; the bundle loads ${version}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
    // ajv is core's alone and differs from the root's: it must be inside the bundle, not loaded from the root.
    expect(externals).not.toContain('ajv');
  });
});

function packageJsonOf(require: NodeJS.Require, name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    const candidate = join(dir, name, 'package.json');
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      // not here; Node looks further up
    }
  }
  throw new Error(`${name} is not installed where the bundle looks`);
}
