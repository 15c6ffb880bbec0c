import type { ConfigMap, Pod } from 'kubernetes-types/core/v1';
import type { Json } from '../util/json';
import type { Diagnostic } from '../validate/diagnostic';

/** Everything one execution of one task needs on Kubernetes: ConfigMaps first, then the Pod. */
export interface CompiledPod {
  /** `NODE`, `NODE[i]` for a map item, `NODE/CHILD` for a dynamic child. */
  executionId: string;
  nodeId: string;
  task: string;
  configMaps: ConfigMap[];
  pod: Pod;
  /** Inputs the Pod receives (known ones only, in a preview). */
  inputs: Record<string, Json>;
  diagnostics: Diagnostic[];
  /**
   * The task's pip requirements, when it has any (whatever `spec.settings.requirements` says): the local executor
   * installs them into a cached environment; on a cluster the pod's own init container (or its image) provides them.
   */
  requirements?: string[];
}

/** Run-time values for one attempt; without it, `compile` produces the preview (run `preview`, attempt 0). */
export interface CompileContext {
  runId: string;
  attempt: number;
  /** The execution's complete inputs, by parameter name. */
  inputs: Record<string, Json>;
  /** For a map item: its index; the execution id becomes `NODE[i]`. */
  itemIndex?: number;
  /** For a dynamic child: the child id (`NODE/CHILD`) and the task it calls. */
  executionId?: string;
  task?: string;
  /** A pod to run on its own with `kubectl apply` (`podflow compile --node N --input …`): its result also goes to the log. */
  standalone?: boolean;
}
