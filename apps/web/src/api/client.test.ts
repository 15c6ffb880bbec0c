/// <reference types="node" />
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RunAnswer, WorkflowListAnswer } from '@podflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { request } from './client';

// A real HTTP server on loopback that answers what each test puts in `next`.
let server: Server;
let base = '';
let next: { status: number; body: string } = { status: 200, body: '[]' };

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(next.status, { 'content-type': 'application/json' });
    res.end(next.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const summary = { id: 'wf_0123456789abcdef0123', name: 'a', description: '', updatedAt: '2026-01-01T00:00:00.000Z', draftRevision: 1, latestVersion: null };

describe('request: every answer is parsed with core’s schema', () => {
  it('returns an answer that matches the schema', async () => {
    next = { status: 200, body: JSON.stringify([summary]) };
    await expect(request(`${base}/api/workflows`, WorkflowListAnswer)).resolves.toEqual([summary]);
  });

  it('refuses an answer that drifted from the contract, naming where', async () => {
    const { lastSeq: _dropped, ...run } = { ...summary, workflowId: summary.id, id: 'run_0123456789abcdef0123', version: 1, status: 'queued', executor: 'local', inputs: {}, outputs: null, error: null, createdAt: summary.updatedAt, startedAt: null, endedAt: null, lastSeq: 0, options: {}, executions: [] };
    next = { status: 200, body: JSON.stringify(run) };
    const error = await request(`${base}/api/runs/x`, RunAnswer).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 500, code: 'bad-answer' });
    expect((error as ApiError).message).toMatch(/at lastSeq/);
  });

  it('reads an error answer’s code and message', async () => {
    next = { status: 404, body: JSON.stringify({ error: { code: 'not-found', message: 'no workflow wf_x', field: 'id' } }) };
    await expect(request(`${base}/api/workflows/wf_x`, WorkflowListAnswer)).rejects.toMatchObject({ status: 404, code: 'not-found', message: 'no workflow wf_x' });
  });
});
