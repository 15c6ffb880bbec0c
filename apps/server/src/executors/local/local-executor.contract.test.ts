import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeExecutorContract } from '../contract/executor-contract';
import { LocalExecutor } from './local-executor';

const dirs: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'podflow-contract-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describeExecutorContract('local, warm worker', () => new LocalExecutor({ dataDir: dataDir() }), { hostProcesses: true });
describeExecutorContract('local, a process per pod', () => new LocalExecutor({ dataDir: dataDir(), warmWorker: false }), { hostProcesses: true });
