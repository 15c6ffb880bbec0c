import type { Executor } from './executor';
import { LocalExecutor } from './local/local-executor';

export type ExecutorKind = 'local' | 'kubernetes';

export interface ExecutorSettings {
  /** Podflow's data directory (the local executor keeps pods' files, claims and its object store there). */
  dataDir: string;
  kubernetes?: { kubeconfigPath?: string; context?: string; namespace?: string; unreachableSeconds?: number };
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
    const unreachableSeconds = k.unreachableSeconds ?? unreachableSecondsFromEnv();
    return createKubernetesExecutor({
      ...(unreachableSeconds !== undefined ? { unreachableSeconds } : {}),
      ...(k.kubeconfigPath ? { kubeconfigPath: k.kubeconfigPath } : {}),
      ...(k.context ? { context: k.context } : {}),
      ...(k.namespace ? { namespace: k.namespace } : {}),
      ...(settings.log ? { log: settings.log } : {}),
    });
  } catch (e) {
    throw new ExecutorUnavailableError(`the kubernetes executor cannot start: ${(e as Error).message}`);
  }
}

/** `PODFLOW_K8S_UNREACHABLE_SECONDS`: how long a run waits for an unreachable cluster before it fails (default 60). */
export function unreachableSecondsFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.PODFLOW_K8S_UNREACHABLE_SECONDS;
  if (raw === undefined || raw === '') return undefined;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`PODFLOW_K8S_UNREACHABLE_SECONDS must be a positive number of seconds, not "${raw}"`);
  }
  return seconds;
}
