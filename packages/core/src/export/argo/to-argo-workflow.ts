import type { ConfigMap, Container } from 'kubernetes-types/core/v1';
import type { WorkflowDoc, WorkflowNode } from '../../document/workflow-schema';
import { findTask, inputsOf, namespaceOf, nodesOf, outputsOf, taskRetriesOf } from '../../document/accessors';
import { mappedInputs } from '../../document/mapped-inputs';
import { taskSignature } from '../../document/task-signature';
import { compile } from '../../compile/compile';
import { taskCacheKey } from '../../compile/task-cache-key';
import { ARGO_FLAG, ARGO_INPUT_ENV_PREFIX, ARGO_OUTPUTS_DIR, CODE_VOLUME, ENV, LABEL } from '../../compile/runtime-contract';
import { contentHash } from '../../util/hash';
import type { Json } from '../../util/json';
import { toLabelValue } from '../../util/names';
import { hasErrors, type Diagnostic } from '../../validate/diagnostic';
import { validateWorkflow } from '../../validate/validate-workflow';
import { ArgoNames } from './argo-names';
import { argoRefusals, memoizable, parameterText } from './argo-refusals';
import type { ArgoDagTask, ArgoParameter, ArgoTemplate, ArgoWorkflow } from './argo-types';
import { outputParameter, podToTemplate } from './pod-to-template';

export interface ArgoExportOptions {
  /** Values for the workflow's inputs (spec.arguments); the others keep their defaults. */
  inputs?: Record<string, Json>;
  /** `metadata.generateName: NAME-` instead of a fixed name, so the same file can be submitted again. */
  generateName?: boolean;
  /** A WorkflowTemplate instead of a Workflow. */
  template?: boolean;
}

export type ArgoExport =
  | { ok: true; configMaps: ConfigMap[]; workflow: ArgoWorkflow; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

const ENTRYPOINT = 'main';
const GATHER_ITEMS = 'podflow-items';

/**
 * A whole workflow as one Argo Workflow (docs/argo-export.md): the code ConfigMaps, then a DAG whose tasks each carry
 * the pod `compile` builds for their node. Refused, with diagnostics naming the node, when the workflow is invalid or
 * uses what Argo cannot express; never silently different.
 */
export function toArgoWorkflow(doc: WorkflowDoc, options: ArgoExportOptions = {}): ArgoExport {
  const inputValues = options.inputs ?? {};
  const diagnostics = [...validateWorkflow(doc).filter((d) => d.severity === 'error'), ...argoRefusals(doc, inputValues)];
  for (const name of Object.keys(inputValues)) {
    if (!inputsOf(doc).some((i) => i.name === name)) {
      diagnostics.push({ code: 'argo-unknown-input', severity: 'error', path: 'spec.inputs', message: `--input ${name}: the workflow has no input named ${name} (it has: ${inputsOf(doc).map((i) => i.name).join(', ') || 'none'})` });
    }
  }
  if (hasErrors(diagnostics)) return { ok: false, diagnostics };

  const names = new ArgoNames([ENTRYPOINT]);
  const taskNames = new Map(nodesOf(doc).map((n) => [n.id, names.name(n.id)]));
  const configMaps = new Map<string, ConfigMap>();
  const templates: ArgoTemplate[] = [];
  const dagTasks: ArgoDagTask[] = [];

  for (const node of nodesOf(doc)) {
    const name = taskNames.get(node.id)!;
    const compiled = compile(doc, node.id);
    for (const cm of compiled.configMaps) {
      if (cm.data?.['inputs.json'] === undefined) configMaps.set(cm.metadata!.name!, cm);
    }
    const task = findTask(doc, node.task)!;
    const sig = taskSignature(doc, node.task);
    const bound = Object.keys(node.inputs ?? {});
    const outputs = (sig?.outputs ?? []).map((o) => o.name);
    const retries = node.map?.retries ?? taskRetriesOf(task);
    const item = podToTemplate(names.name(node.id, node.map ? '-item' : '-pod'), compiled, { inputs: bound, outputs, retries });
    if (retries > 0) item.retryStrategy = { limit: retries, retryPolicy: 'Always' };
    if (task.timeoutSeconds !== undefined) item.activeDeadlineSeconds = Math.ceil(task.timeoutSeconds);
    if (task.cache?.enabled && memoizable(doc, task.name)) {
      const key = contentHash(taskCacheKey(doc, task.name, {})).slice(0, 16);
      item.memoize = {
        key: [key, ...bound.map((b) => `{{inputs.parameters.${b}}}`)].join('-'),
        maxAge: '',
        cache: { configMap: { name: `podflow-memo-${contentHash(doc.metadata.name).slice(0, 8)}` } },
      };
    }
    templates.push(item);

    const args = bound.map((port) => ({ name: port, value: bindingText(node, port, taskNames) }));
    const dependencies = [...new Set(Object.values(node.inputs ?? {}).flatMap((b) => ('node' in b ? [taskNames.get(b.node)!] : [])))];
    let template = item.name;
    if (node.map) {
      const wrapper = mapTemplates(names.name(node.id, '-map'), names.name(node.id, '-gather'), node, item, mappedInputs(doc, node)[0]!, outputs);
      templates.push(...wrapper);
      template = wrapper[0]!.name;
    }
    dagTasks.push({
      name,
      template,
      ...(dependencies.length ? { dependencies } : {}),
      ...(args.length ? { arguments: { parameters: args } } : {}),
    });
  }

  const mainOutputs: ArgoParameter[] = outputsOf(doc).map((o) => ({ name: o.name, valueFrom: { parameter: `{{tasks.${taskNames.get(o.from.node)}.outputs.parameters.${o.from.output}}}` } }));
  const main: ArgoTemplate = {
    name: ENTRYPOINT,
    dag: { tasks: dagTasks, ...(doc.spec.failurePolicy === 'continue' ? { failFast: false } : {}) },
    ...(mainOutputs.length ? { outputs: { parameters: mainOutputs } } : {}),
  };
  const parameters: ArgoParameter[] = inputsOf(doc).map((input) => {
    const value = input.name in inputValues ? inputValues[input.name] : input.default;
    return { name: input.name, ...(value !== undefined ? { value: parameterText(value as Json) } : {}), ...(input.description ? { description: input.description } : {}) };
  });
  const workflowName = doc.metadata.name;
  const workflow: ArgoWorkflow = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: options.template ? 'WorkflowTemplate' : 'Workflow',
    metadata: {
      ...(options.generateName && !options.template ? { generateName: `${workflowName.slice(0, 56)}-` } : { name: workflowName }),
      namespace: namespaceOf(doc),
      labels: { [LABEL.managedBy]: 'podflow', [LABEL.workflow]: toLabelValue(workflowName) },
      ...(doc.metadata.description ? { annotations: { 'podflow/description': doc.metadata.description } } : {}),
    },
    spec: {
      entrypoint: ENTRYPOINT,
      ...(parameters.length ? { arguments: { parameters } } : {}),
      templates: [main, ...templates],
    },
  };
  return { ok: true, configMaps: [...configMaps.values()], workflow, diagnostics };
}

function bindingText(node: WorkflowNode, port: string, taskNames: ReadonlyMap<string, string>): string {
  const b = node.inputs![port]!;
  if ('value' in b) return parameterText(b.value);
  if ('input' in b) return `{{workflow.parameters.${b.input}}}`;
  return `{{tasks.${taskNames.get(b.node)}.outputs.parameters.${b.output}}}`;
}

/**
 * A map node: a DAG template (with `parallelism` = concurrency) that fans the item template out over the mapped
 * list with withParam, then a gather step that turns Argo's aggregate into the outputs' lists and checks
 * minSuccessRatio (failed items continue when it is below 1).
 */
function mapTemplates(name: string, gatherName: string, node: WorkflowNode, item: ArgoTemplate, mapped: string, outputs: readonly string[]): ArgoTemplate[] {
  const bound = Object.keys(node.inputs ?? {});
  const ratio = node.map?.minSuccessRatio ?? 1;
  const itemTask: ArgoDagTask = {
    name: 'item',
    template: item.name,
    withParam: `{{inputs.parameters.${mapped}}}`,
    arguments: { parameters: bound.map((p) => ({ name: p, value: p === mapped ? '{{item}}' : `{{inputs.parameters.${p}}}` })) },
    ...(ratio < 1 ? { continueOn: { failed: true } } : {}),
  };
  const gatherTask: ArgoDagTask = {
    name: 'gather',
    template: gatherName,
    dependencies: ['item'],
    arguments: {
      parameters: [
        { name: GATHER_ITEMS, value: `{{inputs.parameters.${mapped}}}` },
        ...outputs.map((o) => ({ name: o, value: `{{tasks.item.outputs.parameters.${o}}}` })),
      ],
    },
  };
  const wrapper: ArgoTemplate = {
    name,
    inputs: { parameters: bound.map((p) => ({ name: p })) },
    ...(outputs.length ? { outputs: { parameters: outputs.map((o) => ({ name: o, valueFrom: { parameter: `{{tasks.gather.outputs.parameters.${o}}}` } })) } } : {}),
    ...(node.map?.concurrency ? { parallelism: node.map.concurrency } : {}),
    dag: { tasks: [itemTask, gatherTask] },
  };
  return [wrapper, gatherTemplate(gatherName, item, ratio, outputs)];
}

/** The gather step runs Podflow's entrypoint (`--argo-gather`) in the mapped task's image, with only the runtime code. */
function gatherTemplate(name: string, item: ArgoTemplate, ratio: number, outputs: readonly string[]): ArgoTemplate {
  const primary = item.container!;
  const codeVolume = item.volumes!.find((v) => v.name === CODE_VOLUME)!;
  const runtimeOnly = { ...codeVolume, projected: { sources: (codeVolume.projected?.sources ?? []).slice(0, 1) } };
  const keep = new Set<string>([ENV.codeDir, ENV.outputsFile, ENV.outputsMaxBytes, ENV.workflow, ENV.node]);
  const container: Container = {
    name: primary.name,
    image: primary.image!,
    command: primary.command!,
    args: [`${ARGO_FLAG}-gather`],
    env: [
      ...(primary.env ?? []).filter((e) => keep.has(e.name)),
      { name: ENV.outputsDir, value: ARGO_OUTPUTS_DIR },
      { name: ENV.gatherItems, value: `{{inputs.parameters.${GATHER_ITEMS}}}` },
      { name: ENV.gatherOutputs, value: JSON.stringify(outputs) },
      { name: ENV.gatherMinRatio, value: String(ratio) },
      ...outputs.map((o) => ({ name: `${ARGO_INPUT_ENV_PREFIX}${o}`, value: `{{inputs.parameters.${o}}}` })),
    ],
    volumeMounts: (primary.volumeMounts ?? []).filter((m) => m.name === CODE_VOLUME),
    ...(primary.terminationMessagePath ? { terminationMessagePath: primary.terminationMessagePath } : {}),
  };
  return {
    name,
    metadata: { labels: item.metadata?.labels ?? {} },
    inputs: { parameters: [{ name: GATHER_ITEMS }, ...outputs.map((o) => ({ name: o }))] },
    ...(outputs.length ? { outputs: { parameters: outputs.map(outputParameter) } } : {}),
    container,
    volumes: [runtimeOnly],
  };
}
