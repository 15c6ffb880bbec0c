import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Podflow's data directory: --data-dir, else PODFLOW_DATA_DIR, else ~/.local/share/podflow. Created 0700. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PODFLOW_DATA_DIR) return resolve(env.PODFLOW_DATA_DIR);
  return join(homedir(), '.local', 'share', 'podflow');
}

export function prepareDataDir(dir: string): string {
  const full = resolve(dir);
  try {
    mkdirSync(full, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new Error(`cannot create the data directory ${full}: ${(e as Error).message}; choose another with --data-dir`, { cause: e });
  }
  if (!statSync(full).isDirectory()) throw new Error(`the data directory ${full} is not a directory; choose another with --data-dir`);
  try {
    accessSync(full, constants.W_OK | constants.R_OK);
  } catch {
    throw new Error(`the data directory ${full} is not writable by this user; choose another with --data-dir`);
  }
  return full;
}
