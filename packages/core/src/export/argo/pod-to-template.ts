import type { Container, EnvVar, PodSpec, Volume } from 'kubernetes-types/core/v1';
import { ANNOTATION, ARGO_FLAG, ARGO_INPUT_ENV_PREFIX, ARGO_OUTPUTS_DIR, CODE_VOLUME, ENV, LABEL } from '../../compile/runtime-contract';
import type { CompiledPod } from '../../compile/compiled-pod';
import type { ArgoParameter, ArgoTemplate } from './argo-types';

/** The pod fields that an Argo template has a field of its own for; every other PodSpec field goes to podSpecPatch. */
const TEMPLATE_FIELDS = ['nodeSelector', 'tolerations', 'affinity', 'securityContext', 'serviceAccountName', 'automountServiceAccountToken', 'priorityClassName', 'schedulerName'] as const;
/** Fields that become the template's container, sidecars, init containers and volumes, or that Argo sets itself. */
const MAPPED_FIELDS = new Set<string>(['containers', 'initContainers', 'volumes', 'restartPolicy', ...TEMPLATE_FIELDS]);
/** What each run of a pod gets from the executor; in Argo they come from parameters and Argo's own variables. */
const RUN_ENV = new Set<string>([ENV.inputs, ENV.inputsFile, ENV.itemIndex, ENV.run, ENV.attempt]);
const RUN_LABELS = new Set<string>([LABEL.run, LABEL.attempt, LABEL.pod]);

export interface TemplateIo {
  inputs: readonly string[];
  outputs: readonly string[];
  retries: number;
}

/**
 * The Argo template that carries exactly the pod `compile` builds for a node (DESIGN.md §5: every export compiles
 * through the one compiler). The primary becomes the main container, the other containers its sidecars; the pod's
 * own fields move to the template's. What differs is listed in pod-to-template.test.ts: how inputs arrive
 * (parameters, not PODFLOW_INPUTS), the `--argo` argument, the output files, and run/attempt, which Argo knows.
 */
export function podToTemplate(name: string, compiled: CompiledPod, io: TemplateIo): ArgoTemplate {
  const pod = compiled.pod;
  const spec: PodSpec = pod.spec!;
  const primaryName = pod.metadata?.annotations?.[ANNOTATION.primaryContainer];
  const primarySource = spec.containers.find((c) => c.name === primaryName)!;
  const inputsCm = new Set(compiled.configMaps.filter((cm) => cm.data?.['inputs.json'] !== undefined).map((cm) => cm.metadata!.name!));

  const env: EnvVar[] = (primarySource.env ?? []).filter((e) => !RUN_ENV.has(e.name)).map((e) => e);
  env.push(
    { name: ENV.run, value: '{{workflow.name}}' },
    { name: ENV.attempt, value: io.retries > 0 ? '{{retries}}' : '0' },
    { name: ENV.outputsDir, value: ARGO_OUTPUTS_DIR },
    ...io.inputs.map((input) => ({ name: `${ARGO_INPUT_ENV_PREFIX}${input}`, value: `{{inputs.parameters.${input}}}` })),
  );
  const { name: primary, image, command, args: _args, env: _env, ...rest } = primarySource;
  const container: Container = { name: primary, image, command, args: [ARGO_FLAG], env, ...rest };

  const volumes: Volume[] = (spec.volumes ?? []).map((v) =>
    v.name === CODE_VOLUME && v.projected
      ? { ...v, projected: { ...v.projected, sources: (v.projected.sources ?? []).filter((s) => !inputsCm.has(s.configMap?.name ?? '')) } }
      : v,
  );

  const template: ArgoTemplate = {
    name,
    metadata: {
      labels: Object.fromEntries(Object.entries(pod.metadata?.labels ?? {}).filter(([k]) => !RUN_LABELS.has(k))),
      annotations: pod.metadata?.annotations ?? {},
    },
    ...(io.inputs.length ? { inputs: { parameters: io.inputs.map((n) => ({ name: n })) } } : {}),
    ...(io.outputs.length ? { outputs: { parameters: io.outputs.map(outputParameter) } } : {}),
    container,
    ...(spec.containers.length > 1 ? { sidecars: spec.containers.filter((c) => c.name !== primaryName) } : {}),
    ...(spec.initContainers?.length ? { initContainers: spec.initContainers } : {}),
    volumes,
  };
  for (const field of TEMPLATE_FIELDS) {
    if (spec[field] !== undefined) Object.assign(template, { [field]: spec[field] });
  }
  const patch = Object.fromEntries(Object.entries(spec).filter(([k]) => !MAPPED_FIELDS.has(k)));
  if (spec.restartPolicy && spec.restartPolicy !== 'Never') patch.restartPolicy = spec.restartPolicy;
  if (Object.keys(patch).length > 0) template.podSpecPatch = JSON.stringify(patch);
  return template;
}

export const outputParameter = (name: string): ArgoParameter => ({ name, valueFrom: { path: `${ARGO_OUTPUTS_DIR}/${name}` } });
