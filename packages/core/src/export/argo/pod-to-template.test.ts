import { describe, expect, it } from 'vitest';
import type { Container, EnvVar, Pod, PodSpec, Volume } from 'kubernetes-types/core/v1';
import { compile } from '../../compile/compile';
import { ARGO_FLAG, ARGO_INPUT_ENV_PREFIX, ENV, LABEL } from '../../compile/runtime-contract';
import { nodesOf } from '../../document/accessors';
import type { WorkflowDoc } from '../../document/workflow-schema';
import { SEED_EXAMPLES, seedDoc } from '../../__fixtures__/seed-examples';
import { richDoc } from './__fixtures__/argo-docs';
import type { ArgoTemplate } from './argo-types';
import { toArgoWorkflow } from './to-argo-workflow';

/**
 * The Argo template of a node carries the same pod as `podflow compile` (issue #14). This rebuilds a PodSpec from the
 * template (main container + sidecars, the template's pod fields, podSpecPatch) and compares it with the compiled
 * Pod field by field. The ONLY allowed differences, each applied to both sides below:
 */
const ALLOWED = {
  /** The primary runs the same entrypoint in Argo mode. */
  primaryArgs: [ARGO_FLAG],
  /** How inputs arrive: no PODFLOW_INPUTS(_FILE); PODFLOW_INPUT_<name> from the template's parameters instead. */
  runEnv: [ENV.inputs, ENV.inputsFile, ENV.itemIndex],
  /** Run and attempt come from Argo's variables; outputs also go to files that valueFrom.path reads. */
  argoEnv: { [ENV.run]: '{{workflow.name}}', [ENV.outputsDir]: '/tmp/podflow-outputs' },
  /** The run, attempt and pod-name labels (Argo labels and names its pods itself). */
  runLabels: [LABEL.run, LABEL.attempt, LABEL.pod],
  /** A large-inputs ConfigMap is a run's; restartPolicy Never is Argo's own default; Argo names the pod. */
} as const;

function podFromTemplate(t: ArgoTemplate): { spec: PodSpec; labels: Record<string, string>; annotations: Record<string, string> } {
  const patch = t.podSpecPatch ? (JSON.parse(t.podSpecPatch) as PodSpec) : {};
  const spec: Record<string, unknown> = {
    ...patch,
    containers: [t.container!, ...(t.sidecars ?? [])],
    ...(t.initContainers ? { initContainers: t.initContainers } : {}),
    volumes: t.volumes,
  };
  for (const f of ['nodeSelector', 'tolerations', 'affinity', 'securityContext', 'serviceAccountName', 'automountServiceAccountToken', 'priorityClassName', 'schedulerName'] as const) {
    if (t[f] !== undefined) spec[f] = t[f];
  }
  return { spec: spec as unknown as PodSpec, labels: t.metadata?.labels ?? {}, annotations: t.metadata?.annotations ?? {} };
}

const byName = <T extends { name: string }>(list: readonly T[] | undefined): Record<string, T> => Object.fromEntries((list ?? []).map((x) => [x.name, x]));

function normalisePrimary(c: Container, side: 'pod' | 'argo'): Container {
  const env: EnvVar[] = (c.env ?? []).filter((e) => {
    if (side === 'pod') return !(ALLOWED.runEnv as readonly string[]).includes(e.name) && e.name !== ENV.run && e.name !== ENV.attempt;
    return !e.name.startsWith(ARGO_INPUT_ENV_PREFIX) && !(e.name in ALLOWED.argoEnv) && e.name !== ENV.attempt;
  });
  const { args, ...rest } = c;
  if (side === 'argo') expect(args).toEqual(ALLOWED.primaryArgs);
  else expect(args).toBeUndefined();
  return { ...rest, env };
}

function compare(doc: WorkflowDoc): number {
  const exported = toArgoWorkflow(doc);
  if (!exported.ok) throw new Error(JSON.stringify(exported.diagnostics));
  let compared = 0;
  for (const node of nodesOf(doc)) {
    const pod: Pod = compile(doc, node.id).pod;
    const template = exported.workflow.spec.templates.find((t) => t.metadata?.annotations?.['podflow/execution'] === node.id && t.container?.args?.[0] === ARGO_FLAG)!;
    expect(template, `template of ${node.id}`).toBeDefined();
    const argo = podFromTemplate(template);
    const primary = pod.metadata!.annotations!['podflow/primary-container']!;
    const { containers: podContainers, volumes: podVolumes, restartPolicy, ...podRest } = pod.spec!;
    const { containers: argoContainers, volumes: argoVolumes, ...argoRest } = argo.spec;
    expect(restartPolicy).toBe('Never');
    // Every pod field but containers and volumes: equal as they are.
    expect(argoRest).toEqual(podRest);
    // Containers, by name: the sidecars equal; the primary equal once the allowed differences are taken out.
    const pc = byName(podContainers);
    const ac = byName(argoContainers);
    expect(Object.keys(ac).sort()).toEqual(Object.keys(pc).sort());
    for (const name of Object.keys(pc)) {
      if (name === primary) expect(normalisePrimary(ac[name]!, 'argo')).toEqual(normalisePrimary(pc[name]!, 'pod'));
      else expect(ac[name]).toEqual(pc[name]);
    }
    // Volumes equal, but for a run's own inputs ConfigMap.
    const dropInputs = (v: Volume): Volume => (v.projected ? { ...v, projected: { sources: v.projected.sources!.filter((s) => !s.configMap?.name?.endsWith('-inputs')) } } : v);
    expect(argoVolumes).toEqual(podVolumes!.map(dropInputs));
    // Labels and annotations, but for run and attempt.
    const labels = Object.fromEntries(Object.entries(pod.metadata!.labels!).filter(([k]) => !(ALLOWED.runLabels as readonly string[]).includes(k)));
    expect(argo.labels).toEqual(labels);
    expect(argo.annotations).toEqual(pod.metadata!.annotations);
    compared++;
  }
  return compared;
}

describe('an Argo template carries the compiled pod', () => {
  it('every node of the rich fixture: sidecar, init container, volumes, node selector, affinity, tolerations, security context, podSpecPatch fields', () => {
    expect(compare(richDoc())).toBe(4);
    const t = toArgoWorkflow(richDoc());
    if (!t.ok) throw new Error('refused');
    const double = t.workflow.spec.templates.find((x) => x.name === 'double-item')!;
    expect(JSON.parse(double.podSpecPatch!)).toEqual({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' });
    expect(double.sidecars?.map((s) => s.name)).toEqual(['sidecar']);
    expect(double.initContainers?.map((s) => s.name)).toEqual(['fetch']);
  });

  for (const name of SEED_EXAMPLES.filter((n) => n !== 'dynamic-pod-workflow')) {
    it(`seed example ${name}`, () => {
      expect(compare(seedDoc(name))).toBeGreaterThan(0);
    });
  }

  it('the comparison fails when the template drops a pod field', () => {
    const doc = richDoc();
    const exported = toArgoWorkflow(doc);
    if (!exported.ok) throw new Error('refused');
    const t = exported.workflow.spec.templates.find((x) => x.name === 'double-item')!;
    const pod = compile(doc, 'double').pod;
    delete t.nodeSelector;
    expect(podFromTemplate(t).spec.nodeSelector).toBeUndefined();
    expect(pod.spec!.nodeSelector).toEqual({ node_group: 'memory' });
  });
});
