import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_DOCUMENT_BYTES, MAX_NESTING_DEPTH } from '@podflow/core';
import { stringify } from 'yaml';
import { sampleDoc } from '../store/__fixtures__/temp-db';
import { podflow } from '../cli/cli-harness';
import { send } from './__fixtures__/http-client';
import { startServerProcess, tempDataDir, type ServerProcess } from './__fixtures__/server-process';

/**
 * Documents built to hurt, sent to the built server and CLI: nested past the limit, over the size limit as JSON
 * data as well as YAML text, names with control characters. Each is a 400 (or exit 1) naming what is wrong.
 */
const nested = (n: number): string => '['.repeat(n) + ']'.repeat(n);
const DEPTH_MESSAGE = new RegExp(`more than ${MAX_NESTING_DEPTH} levels deep`);

describe('hostile documents (built server and CLI)', () => {
  let server: ServerProcess;
  let cleanup: () => void;
  let dir: string;
  let workflowId: string;

  beforeAll(async () => {
    const tmp = tempDataDir();
    cleanup = tmp.cleanup;
    dir = mkdtempSync(join(tmpdir(), 'podflow-hostile-'));
    server = await startServerProcess({ dataDir: tmp.dir });
    workflowId = (await send(server, 'POST', '/api/workflows', { body: { document: sampleDoc() } })).json().id;
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses JSON and YAML nested 10,000 levels deep with 400 naming the limit, in every body that takes JSON', async () => {
    const docText = `{"apiVersion":"podflow/v1alpha1","kind":"Workflow","metadata":{"name":"deep"},"spec":{"tasks":[],"layout":${nested(10_000)}}}`;
    const yamlText = `apiVersion: podflow/v1alpha1\nkind: Workflow\nmetadata:\n  name: deep\nspec:\n  tasks: []\n  layout: ${nested(10_000)}\n`;
    const cases: [string, string, string][] = [
      ['POST', '/api/workflows', `{"document":${docText}}`],
      ['PUT', `/api/workflows/${workflowId}/draft`, `{"document":${docText}}`],
      ['POST', '/api/runs', `{"workflowId":"${workflowId}","inputs":{"who":${nested(10_000)}}}`],
      ['POST', '/api/workflows', JSON.stringify({ yaml: yamlText })],
    ];
    for (const [method, path, rawBody] of cases) {
      const answer = await send(server, method, path, { rawBody, headers: { 'if-match': '1' } });
      expect(answer.status, `${method} ${path}: ${answer.text.slice(0, 200)}`).toBe(400);
      expect(answer.json().error.message, `${method} ${path}`).toMatch(DEPTH_MESSAGE);
    }
    expect(server.stderr()).not.toMatch(/call stack|failed:/);
  });

  it('`podflow validate` refuses the same files with exit 1 naming the limit', () => {
    for (const [name, text] of [
      ['deep.podflow.yaml', `apiVersion: podflow/v1alpha1\nkind: Workflow\nmetadata:\n  name: deep\nspec:\n  tasks: []\n  layout: ${nested(10_000)}\n`],
      ['deep.podflow.json', `{"apiVersion":"podflow/v1alpha1","kind":"Workflow","metadata":{"name":"deep"},"spec":{"tasks":[],"layout":${nested(10_000)}}}`],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, text);
      const result = podflow(['validate', file]);
      expect(result.status, `${name}: ${result.stderr}`).toBe(1);
      expect(result.stderr + result.stdout, name).toMatch(DEPTH_MESSAGE);
    }
  });

  it('applies one size limit to a document, as YAML text or as JSON data', async () => {
    const big = sampleDoc('big');
    big.metadata.description = 'x'.repeat(MAX_DOCUMENT_BYTES + 1000);
    const asJson = await send(server, 'POST', '/api/workflows', { body: { document: big } });
    const asYaml = await send(server, 'POST', '/api/workflows', { body: { yaml: stringify(big) } });
    for (const answer of [asJson, asYaml]) {
      expect(answer.status, answer.text.slice(0, 200)).toBe(400);
      expect(answer.json().error.code).toBe('invalid-document');
      expect(answer.json().error.message).toMatch(/over the 5\.0 MiB limit/);
    }
  });

  it('refuses names with control characters or slashes in create, draft save, rename and duplicate alike', async () => {
    for (const name of ['nul\u0000name', 'new\nline', 'esc\u001b[31m', 'a/b']) {
      const doc = sampleDoc(name);
      const answers = [
        await send(server, 'POST', '/api/workflows', { body: { document: doc } }),
        await send(server, 'POST', '/api/workflows', { body: { yaml: stringify(doc) } }),
        await send(server, 'PUT', `/api/workflows/${workflowId}/draft`, { body: { document: doc }, headers: { 'if-match': '1' } }),
        await send(server, 'PATCH', `/api/workflows/${workflowId}`, { body: { name } }),
        await send(server, 'POST', `/api/workflows/${workflowId}/duplicate`, { body: { name } }),
      ];
      for (const [i, answer] of answers.entries()) {
        expect(answer.status, `${JSON.stringify(name)} #${i}: ${answer.text}`).toBe(400);
        expect(answer.json().error.field, `${JSON.stringify(name)} #${i}`).toMatch(/name|yaml/);
      }
    }
    const list = (await send(server, 'GET', '/api/workflows')).json() as { name: string }[];
    expect(list.map((w) => w.name)).toEqual(['hello-flow']);
  });
});
