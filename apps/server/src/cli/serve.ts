/**
 * `podflow serve [--host H] [--port P] [--data-dir DIR] [--allow-host NAME]... [--local-executor on|off]` — the editor
 * and its API on one port, until SIGINT or SIGTERM; then running runs are cancelled, everything is written, and the
 * database is closed. In a cluster (deploy/), the local executor is off unless `--local-executor on`
 * (or PODFLOW_LOCAL_EXECUTOR=on), runs default to the Kubernetes executor and the server's own namespace.
 */
import { parseCommandArgs } from './args';
import { UsageError, type CommandResult } from './usage-error';
import { defaultDataDir, prepareDataDir } from '../server/prepare-data-dir';
import { loadToken } from '../server/load-token';
import { startServer } from '../server/start-server';
import { startRun } from '../scheduler/start-run';
import { inCluster } from '../executors/kubernetes/in-cluster';

const DEFAULT_PORT = 8080;

export async function main(argv: string[]): Promise<CommandResult> {
  const { values } = parseCommandArgs(
    argv,
    {
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      'local-executor': { type: 'string' },
    },
    false,
  );
  const host = values.host ?? '127.0.0.1';
  const port = parsePort(values.port ?? process.env.PODFLOW_PORT ?? String(DEFAULT_PORT), values.port !== undefined ? '--port' : 'PODFLOW_PORT');
  const allowHosts = (values['allow-host'] ?? []).map((h) => {
    if (!/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(h)) throw new UsageError(`--allow-host "${h}" is not a host name (NAME or NAME:PORT)`);
    return h;
  });

  const cluster = inCluster();
  const local = values['local-executor'] ?? process.env.PODFLOW_LOCAL_EXECUTOR ?? (cluster ? 'off' : 'on');
  if (local !== 'on' && local !== 'off') throw new UsageError(`--local-executor must be on or off, not "${local}"`);

  let dataDir: string;
  let token: string;
  try {
    dataDir = prepareDataDir(values['data-dir'] ?? defaultDataDir());
    token = loadToken(dataDir, process.env.PODFLOW_TOKEN);
  } catch (e) {
    process.stderr.write(`podflow serve: ${(e as Error).message}\n`);
    return { exitCode: 1 };
  }

  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    process.stderr.write(
      `podflow serve: warning: listening on ${host}, not only on this machine's loopback address. Anyone who can reach it ` +
        'and has the token can run code on this machine. Browsers must use a name given with --allow-host.\n',
    );
  }

  let server;
  try {
    server = await startServer({
      host,
      port,
      dataDir,
      allowHosts,
      token,
      startRun,
      localExecutor: local === 'on',
      ...(cluster?.namespace ? { kubernetesNamespace: cluster.namespace } : {}),
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const message =
      err.code === 'EADDRINUSE'
        ? `port ${port} is in use (another podflow serve?); choose another with --port or PODFLOW_PORT`
        : err.code === 'EACCES'
          ? `not allowed to listen on ${host}:${port}; choose a port above 1023`
          : err.message;
    process.stderr.write(`podflow serve: ${message}\n`);
    return { exitCode: 1 };
  }
  if (server.reconciled > 0) {
    process.stderr.write(`podflow serve: ${server.reconciled} run(s) left unfinished by the previous server were marked failed ("server restarted": a local run's processes end with the server)\n`);
  }
  if (server.resumed > 0) {
    process.stderr.write(`podflow serve: resuming ${server.resumed} Kubernetes run(s) left unfinished by the previous server (their pods are found again by label)\n`);
  }
  if (cluster) {
    process.stderr.write(
      `podflow serve: in a cluster (service account of namespace ${cluster.namespace ?? '?'}): Kubernetes runs go to ${cluster.namespace ?? 'the workflow\'s namespace'} unless they name one; the local executor is ${local}\n`,
    );
  }
  process.stdout.write(`Podflow is running at ${server.origin}/?token=${token}\n`);

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  // A second signal while shutting down stops at once.
  const force = (): void => process.exit(130);
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  process.stderr.write(`podflow serve: ${signal}: stopping (running runs are cancelled)…\n`);
  await server.close();
  process.off('SIGINT', force);
  process.off('SIGTERM', force);
  return { exitCode: 0 };
}

function parsePort(text: string, from: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`${from}: "${text}" is not a port number (0–65535; 0 picks a free one)`);
  return Number(text);
}
