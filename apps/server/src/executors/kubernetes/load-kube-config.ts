import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { inCluster } from './in-cluster';

export interface KubeConfigChoice {
  /** A kubeconfig file; default `$KUBECONFIG` (colon-separated list) or `~/.kube/config`, or in-cluster config. */
  kubeconfigPath?: string;
  /** A context of that kubeconfig; default its current-context. */
  context?: string;
}

/**
 * Loads the user's kubeconfig and selects the context, or throws an error a person can act on. In a pod with no
 * kubeconfig (see `inCluster`), the service account's token and CA: the token file is read again for each call, so
 * a rotated token is picked up.
 */
export function loadKubeConfig(choice: KubeConfigChoice = {}): KubeConfig {
  const kc = new KubeConfig();
  try {
    const cluster = inCluster();
    const userConfig = !!process.env.KUBECONFIG || existsSync(join(homedir(), '.kube', 'config'));
    if (choice.kubeconfigPath) kc.loadFromFile(choice.kubeconfigPath);
    else if (userConfig) kc.loadFromDefault();
    else if (cluster) kc.loadFromCluster(cluster.root);
    // client-node would otherwise fall back to http://localhost:8080 — whatever listens there (a Podflow server, say)
    else {
      const context = choice.context ? ` (so it has no context "${choice.context}")` : '';
      throw new Error(`there is none${context}: set KUBECONFIG, create ~/.kube/config, or run the server in a cluster (deploy/)`);
    }
  } catch (e) {
    const where = choice.kubeconfigPath ?? process.env.KUBECONFIG ?? '~/.kube/config';
    throw new Error(`cannot read the kubeconfig ${where}: ${(e as Error).message}`, { cause: e });
  }
  if (choice.context) {
    const names = kc.getContexts().map((c) => c.name);
    if (!names.includes(choice.context)) {
      throw new Error(`the kubeconfig has no context "${choice.context}" (it has: ${names.join(', ') || 'none'})`);
    }
    kc.setCurrentContext(choice.context);
  }
  if (!kc.getCurrentCluster()) {
    throw new Error('no Kubernetes cluster is configured: set KUBECONFIG, pass a kubeconfig file, or choose a context that names a cluster');
  }
  return kc;
}

