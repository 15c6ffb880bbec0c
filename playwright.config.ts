import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Browser tests in Debian's Chromium against the real server (`podflow serve`) with a fresh data directory.
// Nothing is built here: `npm test` builds the web app (apps/web/dist) and the server bundle first; to run these
// alone: `node scripts/build.mjs && npx playwright test`.
export const E2E_PORT = Number(process.env.PODFLOW_E2E_PORT ?? 5199);
// The server wants a token of at least 16 characters.
export const E2E_TOKEN = process.env.PODFLOW_E2E_TOKEN ?? 'e2e-token-0123456789';
// Evaluated in the runner first; workers inherit the environment, so they all see the same directory.
process.env.PODFLOW_E2E_DATA ??= mkdtempSync(join(tmpdir(), 'podflow-e2e-'));
// Where e2e/requirements.spec.ts builds its test wheel: the server's pip installs tasks' requirements from there only
// (PIP_NO_INDEX, PIP_FIND_LINKS reach the local executor's pip), so browser tests never reach a package index.
process.env.PODFLOW_E2E_WHEELS ??= mkdtempSync(join(tmpdir(), 'podflow-e2e-wheels-'));

export default defineConfig({
  testDir: './e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    permissions: ['clipboard-read', 'clipboard-write'],
  },
  webServer: {
    command: `node apps/server/bin/podflow.mjs serve --port ${E2E_PORT} --data-dir ${process.env.PODFLOW_E2E_DATA}`,
    url: `http://127.0.0.1:${E2E_PORT}/healthz`,
    // PODFLOW_FLYTE_PYTHON (a Python with flytekit, `node scripts/flyte/venv.mjs`) reaches the server for Import of .py.
    env: {
      PODFLOW_TOKEN: E2E_TOKEN,
      PIP_NO_INDEX: '1',
      PIP_FIND_LINKS: process.env.PODFLOW_E2E_WHEELS,
      ...(process.env.PODFLOW_FLYTE_PYTHON ? { PODFLOW_FLYTE_PYTHON: process.env.PODFLOW_FLYTE_PYTHON } : {}),
    },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
