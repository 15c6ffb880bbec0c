/**
 * A pod that cannot start on this machine as written: a missing ConfigMap, a mount that cannot be made, a container
 * with no command… It becomes an attempt failure of kind `config` (Kubernetes' CreateContainerConfigError).
 */
export class PodConfigError extends Error {
  override name = 'PodConfigError';
}
