// Makes a fresh clone runnable: the right Node, npm packages installed from the lockfile, Debian packages the tests
// need (when asked), and the build. Uses only Node's built-ins, since it runs before `npm ci`.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

export function log(message) {
  process.stderr.write(`\x1b[2m[podflow]\x1b[0m ${message}\n`);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (!((major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22)) {
    throw new Error(`Podflow needs Node 20.19+ or 22.12+; this is ${process.version}`);
  }
}

/** `npm ci` when node_modules is missing or was installed from another lockfile. */
function installPackages() {
  const lock = `${root}package-lock.json`;
  const stamp = `${root}node_modules/.podflow-lock-hash`;
  const want = createHash('sha256').update(readFileSync(lock)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  log('installing npm packages (npm ci)…');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) throw new Error('npm ci failed');
  writeFileSync(stamp, want);
}

const SYSTEM_PACKAGES = [
  { bin: '/usr/bin/chromium', pkg: 'chromium', why: 'the browser tests' },
  { bin: '/usr/bin/bwrap', pkg: 'bubblewrap', why: "the local executor's private mounts" },
  { bin: '/usr/share/fonts/truetype/liberation', pkg: 'fonts-liberation', why: 'readable screenshots' },
];

/** What the real node of scripts/k8s/realnode runs on (installed only as root: a real node needs root anyway). */
export const REALNODE_PACKAGES = [
  { bin: '/usr/bin/containerd', pkg: 'containerd', why: 'the real node' },
  { bin: '/usr/sbin/runc', pkg: 'runc', why: 'the real node' },
  { bin: '/usr/lib/cni/bridge', pkg: 'containernetworking-plugins', why: "the real node's pod network" },
  { bin: '/bin/busybox', pkg: 'busybox-static', why: "the real node's images" },
  { bin: '/usr/bin/umoci', pkg: 'umoci', why: "the real node's images" },
  { bin: '/usr/bin/skopeo', pkg: 'skopeo', why: "the real node's images" },
];

/** Debian packages the tests use; installed with apt-get when missing (as root), otherwise a clear instruction. */
export function ensureSystemPackages(packages = SYSTEM_PACKAGES) {
  const missing = packages.filter((p) => !existsSync(p.bin));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.pkg);
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${names.join(', ')} (${missing.map((p) => p.why).join('; ')}). Install them with: sudo apt-get install -y ${names.join(' ')}`);
  }
  log(`installing Debian packages: ${names.join(', ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env }) !== 0) throw new Error('apt-get update failed');
  if (run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { env }) !== 0) throw new Error(`apt-get install ${names.join(' ')} failed`);
}

export function build({ web = true } = {}) {
  log(web ? 'building the server and the web app…' : 'building the server…');
  const args = [`${root}scripts/build.mjs`, ...(web ? [] : ['--server-only'])];
  if (run(process.execPath, args) !== 0) throw new Error('build failed');
}

export function setup({ systemPackages = false, web = true } = {}) {
  checkNode();
  installPackages();
  if (systemPackages) ensureSystemPackages();
  build({ web });
}

export function hasCommand(name) {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
