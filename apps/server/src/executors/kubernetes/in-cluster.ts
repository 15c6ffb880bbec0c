import { existsSync, readFileSync } from 'node:fs';

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Where the server runs, when it runs in a pod: its service account's files and namespace. */
export interface InCluster {
  /** Prefix of the service-account files (client-node's `loadFromCluster(pathPrefix)`); '' in a real pod. */
  root: string;
  /** The pod's namespace (the service account's `namespace` file). */
  namespace: string | undefined;
}

/**
 * The server is in a pod when Kubernetes set `KUBERNETES_SERVICE_HOST` and mounted a service-account token.
 * `PODFLOW_K8S_IN_CLUSTER_ROOT` moves where the token, CA and namespace files are looked for (a prefix of
 * /var/run/secrets/kubernetes.io/serviceaccount) — for running the in-cluster set-up outside a pod, as the tests do.
 */
export function inCluster(env: NodeJS.ProcessEnv = process.env): InCluster | undefined {
  if (!env.KUBERNETES_SERVICE_HOST) return undefined;
  const root = env.PODFLOW_K8S_IN_CLUSTER_ROOT ?? '';
  if (!existsSync(`${root}${SERVICE_ACCOUNT_DIR}/token`)) return undefined;
  let namespace: string | undefined;
  try {
    namespace = readFileSync(`${root}${SERVICE_ACCOUNT_DIR}/namespace`, 'utf8').trim() || undefined;
  } catch {
    namespace = undefined;
  }
  return { root, namespace };
}
