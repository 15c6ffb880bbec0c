import type { Executor } from './executor';
import { LocalExecutor } from './local/local-executor';

export type ExecutorKind = 'local' | 'kubernetes';

export interface ExecutorSettings {
  /** Podflow's data directory (the local executor keeps pods' files, claims and its object store there). */
  dataDir: string;
  /** `qps`/`burst`: the client-side limit of Kubernetes API calls (neither: automatic, see kube-api.ts). */
  kubernetes?: { kubeconfigPath?: string; context?: string; namespace?: string; unreachableSeconds?: number; stuckGraceSeconds?: number; qps?: number; burst?: number };
  /** Where the Kubernetes executor reports what a person should know (lost watches, retries). */
  log?: (message: string) => void;
}

/** A Kubernetes executor could not be made (bad kubeconfig, unknown context): a message a person can act on. */
export class ExecutorUnavailableError extends Error {
  override name = 'ExecutorUnavailableError';
}

/**
 * The one place where the kind of executor is chosen (the server and the CLI both come here). The Kubernetes client
 * is loaded only when a run asks for it.
 */
export async function createExecutor(kind: ExecutorKind, settings: ExecutorSettings): Promise<Executor> {
  if (kind === 'local') return new LocalExecutor({ dataDir: settings.dataDir });
  const { createKubernetesExecutor } = await import('./kubernetes/index');
  const k = settings.kubernetes ?? {};
  try {
    const unreachableSeconds = k.unreachableSeconds ?? secondsFromEnv('PODFLOW_K8S_UNREACHABLE_SECONDS');
    const stuckGraceSeconds = k.stuckGraceSeconds ?? secondsFromEnv('PODFLOW_K8S_STUCK_GRACE_SECONDS');
    return createKubernetesExecutor({
      ...(unreachableSeconds !== undefined ? { unreachableSeconds } : {}),
      ...(stuckGraceSeconds !== undefined ? { stuckGraceSeconds } : {}),
      ...(k.kubeconfigPath ? { kubeconfigPath: k.kubeconfigPath } : {}),
      ...(k.context ? { context: k.context } : {}),
      ...(k.namespace ? { namespace: k.namespace } : {}),
      ...(k.qps !== undefined ? { qps: k.qps } : {}),
      ...(k.burst !== undefined ? { burst: k.burst } : {}),
      ...(settings.log ? { log: settings.log } : {}),
    });
  } catch (e) {
    throw new ExecutorUnavailableError(`the kubernetes executor cannot start: ${(e as Error).message}`);
  }
}

/**
 * A number of seconds from the environment: `PODFLOW_K8S_UNREACHABLE_SECONDS` (how long a run waits for an
 * unreachable cluster before it fails, default 60), `PODFLOW_K8S_STUCK_GRACE_SECONDS` (how long a pod may stay in
 * ContainerCreating with a Warning Event such as FailedMount, default 120).
 */
export function secondsFromEnv(name: string, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`${name} must be a positive number of seconds, not "${raw}"`);
  return seconds;
}
