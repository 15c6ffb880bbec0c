/**
 * What the compiled Pod and Podflow's Python entrypoint (packages/runtime) agree on. The entrypoint and the task's
 * code reach the primary container as files of ConfigMaps, projected into one volume; every executor honours
 * these names and supplies only their run-time values.
 */
export const CODE_VOLUME = 'podflow-code';
export const CODE_MOUNT_PATH = '/var/run/podflow';

/**
 * A task's `requirements` on a cluster (`spec.settings.requirements: install`): an init container of this name, in the
 * primary's image, pip-installs them (`--target`) into an emptyDir of this name, mounted at this path in the primary,
 * which imports from it (PYTHONPATH, and the entrypoint puts `$PODFLOW_DEPS_DIR` first on sys.path). The local
 * executor runs no such container: it points PODFLOW_DEPS_DIR at a cached environment instead.
 */
export const REQUIREMENTS_CONTAINER = 'podflow-requirements';
export const DEPS_VOLUME = 'podflow-deps';
export const DEPS_MOUNT_PATH = '/podflow/deps';

export const ENV = {
  /** Where entrypoint.py, task.py, task.json (and inputs.json, when large) are. The local executor points it at a host directory. */
  codeDir: 'PODFLOW_CODE_DIR',
  /** A `pip install --target` directory the entrypoint puts first on sys.path (the task's requirements). */
  depsDir: 'PODFLOW_DEPS_DIR',
  /** Inputs as JSON, inline when small. */
  inputs: 'PODFLOW_INPUTS',
  /** Or a file holding them, when large. */
  inputsFile: 'PODFLOW_INPUTS_FILE',
  /** Where the result envelope goes: the termination-message file on a cluster. */
  outputsFile: 'PODFLOW_OUTPUTS_FILE',
  outputsMaxBytes: 'PODFLOW_OUTPUTS_MAX_BYTES',
  workflow: 'PODFLOW_WORKFLOW',
  node: 'PODFLOW_NODE',
  execution: 'PODFLOW_EXECUTION',
  run: 'PODFLOW_RUN',
  attempt: 'PODFLOW_ATTEMPT',
  itemIndex: 'PODFLOW_ITEM_INDEX',
  /** `1`: the envelope also goes out as the marker line, so `kubectl logs` shows the result (`podflow compile --input`). */
  outputsToLog: 'PODFLOW_OUTPUTS_TO_LOG',
  /** Argo mode: the directory each output is written to as JSON (file = output name), read by `valueFrom.path`. */
  outputsDir: 'PODFLOW_OUTPUTS_DIR',
  /** Argo's gather step of a map: the mapped list, the output names (JSON list) and the minimum success ratio. */
  gatherItems: 'PODFLOW_GATHER_ITEMS',
  gatherOutputs: 'PODFLOW_GATHER_OUTPUTS',
  gatherMinRatio: 'PODFLOW_GATHER_MIN_RATIO',
} as const;

/** `entrypoint.py --argo`: inputs from Argo's template parameters, outputs to files (packages/runtime/README.md). */
export const ARGO_FLAG = '--argo';
/** In Argo mode, input NAME arrives in env PODFLOW_INPUT_NAME (Argo substitutes `{{inputs.parameters.NAME}}` there). */
export const ARGO_INPUT_ENV_PREFIX = 'PODFLOW_INPUT_';
/** Where an Argo template's primary writes its outputs. */
export const ARGO_OUTPUTS_DIR = '/tmp/podflow-outputs';
/**
 * The largest value an Argo parameter may carry into a task: it arrives in one environment string, which Linux caps
 * at 128 KiB (name included). Export refuses larger constants; in Argo mode a larger output fails its task.
 */
export const ARGO_PARAMETER_MAX_BYTES = 128 * 1024 - 256;

export const TERMINATION_MESSAGE_PATH = '/dev/termination-log';
/** Kubernetes keeps at most 4 KiB of a container's termination message. */
export const TERMINATION_MESSAGE_MAX_BYTES = 4096;
/** A result larger than the termination message leaves as one final stdout line starting with this marker. */
export const OUTPUTS_MARKER = '::podflow-outputs::';
/** Results beyond this fail the task with a message naming the limit (never truncated). */
export const DEFAULT_OUTPUTS_MAX_BYTES = 1024 * 1024;
/** Inputs up to this size travel inline in PODFLOW_INPUTS (Linux caps one environment string at 128 KiB). */
export const INLINE_INPUTS_MAX_BYTES = 64 * 1024;

/** Labels and annotations Podflow puts on every object it creates (the `podflow/` prefix is reserved). */
export const LABEL = {
  workflow: 'podflow/workflow',
  node: 'podflow/node',
  run: 'podflow/run',
  attempt: 'podflow/attempt',
  managedBy: 'app.kubernetes.io/managed-by',
} as const;
export const ANNOTATION = {
  primaryContainer: 'podflow/primary-container',
  execution: 'podflow/execution',
  task: 'podflow/task',
} as const;
/** Reasons of the pod events Podflow's local executor reports itself (a Kubernetes cluster reports its own). */
export const POD_EVENT = {
  /** The task's requirements are being installed (or waited for): the message lists them. */
  installingRequirements: 'InstallingRequirements',
  requirementsReady: 'RequirementsReady',
} as const;

export const RESERVED_PREFIX = 'podflow/';
export const RESERVED_ENV_PREFIX = 'PODFLOW_';

/** The envelope the entrypoint writes (see packages/runtime/README.md). */
export type ResultEnvelope =
  | { ok: true; outputs: Record<string, unknown> }
  | { ok: true; dynamic: DynamicSpec }
  | { ok: true; outputsInLog: true }
  | { ok: false; error: string };

/** A binding inside a dynamic task's sub-DAG: a document binding, or a list/dict that contains promises. */
export type DynamicBinding =
  | { value: unknown }
  | { node: string; output: string }
  | { list: DynamicBinding[] }
  | { dict: Record<string, DynamicBinding> };

/** What a dynamic task returns instead of outputs: the calls it made, and where its own outputs come from. */
export interface DynamicSpec {
  nodes: { id: string; task: string; inputs: Record<string, DynamicBinding> }[];
  outputs: Record<string, DynamicBinding>;
}
