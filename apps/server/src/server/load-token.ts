import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The API token: PODFLOW_TOKEN when set, else the one kept in `<dataDir>/token` (0600), made once (32 random bytes,
 * base64url) so that a restart does not sign the browser out.
 */
const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{16,512}$/;

export function loadToken(dataDir: string, fromEnv: string | undefined): string {
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!TOKEN_PATTERN.test(fromEnv)) {
      throw new Error('PODFLOW_TOKEN must be 16 to 512 characters of A-Z, a-z, 0-9, ".", "_", "~" or "-"');
    }
    return fromEnv;
  }
  const file = join(dataDir, 'token');
  const existing = readExisting(file);
  if (existing !== undefined) return existing;
  const token = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // Another server made it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      const theirs = readExisting(file);
      if (theirs !== undefined) return theirs;
    }
    throw new Error(`cannot write the token file ${file}: ${(e as Error).message}`, { cause: e });
  }
  return token;
}

function readExisting(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read the token file ${file}: ${(e as Error).message}`, { cause: e });
  }
  if (!TOKEN_PATTERN.test(text)) {
    throw new Error(`the token file ${file} does not hold a valid token; delete it and a new one is made at the next start`);
  }
  try {
    chmodSync(file, 0o600);
  } catch {
    // not ours to fix (read-only file system…): the token still works
  }
  return text;
}
