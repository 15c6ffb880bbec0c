import { KubernetesExecutor, type KubernetesExecutorOptions } from './kubernetes-executor';

export { KubernetesExecutor, type KubernetesExecutorOptions, type ReattachedAttempt } from './kubernetes-executor';
export { loadKubeConfig } from './load-kube-config';

/**
 * The Kubernetes executor (DESIGN.md §4): the user's kubeconfig (KUBECONFIG or the default), a selectable context
 * and namespace. Throws, with a message a person can act on, when the kubeconfig cannot be read or has no such
 * context; it does not contact the cluster until the first attempt.
 */
export function createKubernetesExecutor(options: KubernetesExecutorOptions = {}): KubernetesExecutor {
  return new KubernetesExecutor(options);
}
