// Argo Workflows' own checks for tests (scripts/argo/build-validator.sh builds them once, cached):
//   argoValidator()        { bin, crds } or { missing: reason } when Go is not installed
//   validateWithArgo(bin, yaml)  { ok, documents: [{ kind, name, error? }] }
// Under CI=1 or PODFLOW_REQUIRE_K8S=1 a missing validator is a failure, not a skip.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./build-validator.sh', import.meta.url));
export { requiredByCi as argoRequired } from '../required-by-ci.mjs';

function hasGo() {
  return spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
}

let cached;
export function argoValidator() {
  if (cached) return cached;
  if (!process.env.PODFLOW_ARGO_VALIDATOR && !hasGo()) {
    cached = { missing: 'Go is not installed, so Argo\'s validator (github.com/argoproj/argo-workflows/v4) cannot be built' };
    return cached;
  }
  const opts = { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 };
  const bin = process.env.PODFLOW_ARGO_VALIDATOR || execFileSync('bash', [script], opts).trim().split('\n').pop();
  const crds = execFileSync('bash', [script, '--crds'], opts).trim().split('\n');
  cached = { bin, crds };
  return cached;
}

export function validateWithArgo(bin, yaml) {
  const r = spawnSync(bin, ['-'], { input: yaml, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`argo validator failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}
