import { useMemo } from 'react';
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import { checkLabelValue, checkMetadataKey, findTask, primaryContainerNameOf, type Diagnostic, type WorkflowDoc } from '@podflow/core';
import { setIn, type Path } from '../model/immutable';
import { pathKey } from '../model/paths';
import { EMPTY_POD_SPEC, editPodSpec, freshName, podMetaOf, podMetaPath, podSpecOf, podSpecPath, setPodMeta, setPrimaryContainerName, type PodTarget } from '../model/pod-target';
import { Field, FieldMessages, TextInput } from '../form/fields';
import { KeyValueEditor } from '../form/KeyValueEditor';
import { ProblemIndex, ProblemsContext } from '../form/problems';
import { Section } from '../form/Section';
import type { ApplyFn } from '../inspector-types';
import { ContainerCard } from './ContainerCard';
import { PodFormContext, type PodForm } from './pod-form-context';
import { TolerationsEditor } from './TolerationsEditor';
import { VolumeCard } from './VolumeCard';
import { YamlSubEditor } from './YamlSubEditor';
import styles from './PodSpecForm.module.css';
import { cx } from '../../ui/cx';
import formCss from '../form/form.module.css';

/**
 * The pod spec as a form: containers, init containers, volumes, scheduling, security and metadata. Every edit is an
 * immutable change of the stored spec, so fields the form does not show (priorityClassName, …) survive.
 */
export function PodSpecForm(props: { doc: WorkflowDoc; target: PodTarget; diagnostics: readonly Diagnostic[]; apply: ApplyFn; onShowInYaml?: (path: Path) => void }) {
  const { doc, target, apply } = props;
  const stored = podSpecOf(doc, target);
  const spec = stored ?? EMPTY_POD_SPEC;
  const specPath = podSpecPath(doc, target);
  const task = target.kind === 'task' ? findTask(doc, target.task) : undefined;
  const primaryName = task ? primaryContainerNameOf(task) : undefined;
  const templateVolumes = target.kind === 'task' ? (doc.spec.podTemplate?.spec?.volumes ?? []).map((v) => v?.name).filter((n): n is string => !!n) : [];
  const taskResourcesSet = !!task?.resources && (Object.keys(task.resources.requests ?? {}).length > 0 || Object.keys(task.resources.limits ?? {}).length > 0);

  const problems = useMemo(() => new ProblemIndex(props.diagnostics), [props.diagnostics]);

  const form: PodForm = {
    doc,
    target,
    spec,
    specPath,
    task,
    primaryName,
    taskResourcesSet,
    volumeNames: [...new Set([...(spec.volumes ?? []).map((v) => v?.name).filter((n): n is string => !!n), ...templateVolumes])],
    apply,
    edit: (label, fn) => apply((d) => editPodSpec(d, target, fn), label),
    set: (rel, value, label, prune = 0) => apply((d) => editPodSpec(d, target, (s) => setIn(s, rel, value, { prune })), label),
  };

  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  const inits = Array.isArray(spec.initContainers) ? spec.initContainers : [];
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  const primaryMissing = target.kind === 'task' && !containers.some((c) => c?.name === primaryName);
  const taken = [...containers, ...inits].map((c) => c?.name);
  const addContainer = (list: 'containers' | 'initContainers') => {
    const base = target.kind === 'template' && list === 'containers' ? (taken.includes('default') ? 'sidecar' : 'default') : list === 'containers' ? 'sidecar' : 'init';
    const container: Container = { name: freshName(taken, base) };
    form.edit(list === 'containers' ? 'Add container' : 'Add init container', (s) => {
      const items = [...(s[list] ?? [])];
      items.push(container);
      return { ...s, ...(list === 'containers' && !s.containers ? { containers: [] } : {}), [list]: items };
    });
  };
  const metaPath = (kind: 'labels' | 'annotations') => podMetaPath(doc, target, kind);
  const tmplName = target.kind === 'template' ? 'workflow' : `tasks/${target.task}`;

  return (
    <PodFormContext.Provider value={form}>
      <ProblemsContext.Provider value={problems}>
        <div className={formCss.inspForm} data-testid={target.kind === 'template' ? 'template-form' : 'pod-form'}>
          {target.kind === 'task' && task && (
            <Section title="Pod" path={[...specPath.slice(0, -1), 'primaryContainerName']} testId="pod-section-general">
              <div className={formCss.inspGrid2}>
                <Field label="Primary container" path={[...specPath.slice(0, -1), 'primaryContainerName']} hint="Runs the task’s Python code">
                  {(id, invalid) => (
                    <TextInput id={id} value={primaryName} mono invalid={invalid} testId="pod-primary-name" onChange={(name) => apply((d) => setPrimaryContainerName(d, task.name, name), 'Edit primary container name')} />
                  )}
                </Field>
                <Field label="Service account" path={[...specPath, 'serviceAccountName']}>
                  {(id, invalid) => <TextInput id={id} value={spec.serviceAccountName} mono invalid={invalid} placeholder="default" testId="pod-service-account" onChange={(v) => form.set(['serviceAccountName'], v || undefined, 'Edit service account')} />}
                </Field>
              </div>
            </Section>
          )}

          <Section
            title={`Containers · ${containers.length + (primaryMissing ? 1 : 0)}`}
            path={[...specPath, 'containers']}
            testId="pod-section-containers"
            actions={
              <button type="button" className="btn btn-sm" onClick={() => addContainer('containers')} data-testid="pod-add-container">
                + Container
              </button>
            }
            description={
              target.kind === 'template'
                ? 'A container named “default” merges into every container of every task, “primary” into each primary; other names merge into the task container of that name. Template containers are never added.'
                : undefined
            }
          >
            {containers.map((_, i) => (
              <ContainerCard key={i} list="containers" index={i} count={containers.length} defaultOpen={containers.length <= 2} />
            ))}
            {primaryMissing && (
              <div className={cx(formCss.inspCard, formCss.placeholder)} data-testid="pod-primary-placeholder">
                <div className={formCss.inspCardHeader}>
                  <div className={cx(formCss.inspCardToggle, formCss.static)}>
                    <span className={cx(formCss.inspCardName, 'mono')}>{primaryName}</span>
                    <span className={cx(formCss.inspChip, 'tone-accent')}>primary</span>
                    <span className={cx(formCss.inspCardSummary, 'faint')}>added by Podflow</span>
                  </div>
                  <div className={formCss.inspCardActions}>
                    <button
                      type="button"
                      className="btn btn-sm"
                      data-testid="pod-customize-primary"
                      onClick={() => form.edit('Customize primary container', (s) => ({ ...s, containers: [...(s.containers ?? []), { name: primaryName! }] }))}
                    >
                      Customize
                    </button>
                  </div>
                </div>
                <div className={formCss.inspCardBody}>
                  <p className={formCss.inspHint}>
                    The pod has no container named <code>{primaryName}</code>, so Podflow adds one last, running the task’s code with the task’s image and
                    resources. Customize it to add mounts, environment or ports.
                  </p>
                </div>
              </div>
            )}
            {containers.length === 0 && !primaryMissing && <div className={formCss.inspEmpty}>No containers</div>}
          </Section>

          <Section
            title={`Init containers · ${inits.length}`}
            path={[...specPath, 'initContainers']}
            defaultOpen={inits.length > 0}
            testId="pod-section-init"
            actions={
              <button type="button" className="btn btn-sm" onClick={() => addContainer('initContainers')} data-testid="pod-add-init">
                + Init container
              </button>
            }
          >
            {inits.length === 0 && <div className={formCss.inspEmpty}>Init containers run in order, each to completion, before the containers start.</div>}
            {inits.map((_, i) => (
              <ContainerCard key={i} list="initContainers" index={i} count={inits.length} defaultOpen={inits.length <= 2} />
            ))}
          </Section>

          <Section
            title={`Volumes · ${volumes.length}`}
            path={[...specPath, 'volumes']}
            testId="pod-section-volumes"
            defaultOpen={volumes.length > 0 || target.kind === 'task'}
            actions={
              <button
                type="button"
                className="btn btn-sm"
                data-testid="pod-add-volume"
                onClick={() => form.edit('Add volume', (s) => ({ ...s, volumes: [...(s.volumes ?? []), { name: freshName((s.volumes ?? []).map((v) => v?.name), 'data'), emptyDir: {} }] }))}
              >
                + Volume
              </button>
            }
          >
            {volumes.length === 0 && <div className={formCss.inspEmpty}>No volumes. An emptyDir shares files between the containers of the pod.</div>}
            {volumes.map((_, i) => (
              <VolumeCard key={i} index={i} />
            ))}
            {templateVolumes.length > 0 && <div className={formCss.inspHint}>From the workflow’s pod template: {templateVolumes.join(', ')}</div>}
          </Section>

          <Section title="Scheduling" path={[...specPath, 'nodeSelector']} problemPaths={[[...specPath, 'tolerations'], [...specPath, 'affinity']]} testId="pod-section-scheduling" defaultOpen={!!(spec.nodeSelector || spec.tolerations || spec.affinity)}>
            <KeyValueEditor
              label="Node selector"
              value={spec.nodeSelector}
              path={[...specPath, 'nodeSelector']}
              keyPlaceholder="label"
              valuePlaceholder="value"
              addLabel="Add"
              checkKey={(k) => checkMetadataKey(k, 'label')}
              checkValue={checkLabelValue}
              testId="pod-node-selector"
              emptyText="Any node"
              onChange={(v) => form.set(['nodeSelector'], v, 'Edit node selector')}
            />
            <TolerationsEditor value={spec.tolerations} path={[...specPath, 'tolerations']} onChange={(v) => form.set(['tolerations'], v, 'Edit tolerations')} />
            <YamlSubEditor
              label="Affinity"
              field="affinity"
              value={spec.affinity}
              path={[...specPath, 'affinity']}
              modelPath={`file:///${tmplName}/pod.affinity.yaml`}
              placeholder="nodeAffinity: …"
              testId="pod-affinity"
              onChange={(v) => form.set(['affinity'], v, 'Edit affinity')}
            />
          </Section>

          <Section title="Security" path={[...specPath, 'securityContext']} problemPaths={target.kind === 'template' ? [[...specPath, 'serviceAccountName']] : []} testId="pod-section-security" defaultOpen={!!spec.securityContext}>
            {target.kind === 'template' && (
              <Field label="Service account" path={[...specPath, 'serviceAccountName']}>
                {(id, invalid) => <TextInput id={id} value={spec.serviceAccountName} mono invalid={invalid} placeholder="default" onChange={(v) => form.set(['serviceAccountName'], v || undefined, 'Edit service account')} />}
              </Field>
            )}
            <YamlSubEditor
              label="Pod security context"
              field="securityContext"
              value={spec.securityContext}
              path={[...specPath, 'securityContext']}
              modelPath={`file:///${tmplName}/pod.pod-security-context.yaml`}
              placeholder="runAsNonRoot: true"
              testId="pod-security-context"
              onChange={(v) => form.set(['securityContext'], v, 'Edit security context')}
            />
          </Section>

          <Section title="Labels and annotations" path={metaPath('labels')} problemPaths={[metaPath('annotations')]} testId="pod-section-metadata" defaultOpen={!!(podMetaOf(doc, target, 'labels') || podMetaOf(doc, target, 'annotations'))}>
            <KeyValueEditor
              label="Labels"
              value={podMetaOf(doc, target, 'labels')}
              path={metaPath('labels')}
              keyPlaceholder="app.kubernetes.io/name"
              checkKey={(k) => checkMetadataKey(k, 'label')}
              checkValue={checkLabelValue}
              testId="pod-labels"
              emptyText="No labels"
              onChange={(v) => apply((d) => setPodMeta(d, target, 'labels', v), 'Edit pod labels')}
            />
            <KeyValueEditor
              label="Annotations"
              value={podMetaOf(doc, target, 'annotations')}
              path={metaPath('annotations')}
              keyPlaceholder="example.com/key"
              checkKey={(k) => checkMetadataKey(k, 'annotation')}
              testId="pod-annotations"
              emptyText="No annotations"
              onChange={(v) => apply((d) => setPodMeta(d, target, 'annotations', v), 'Edit pod annotations')}
            />
          </Section>

          {stored && Object.keys(stored).some((k) => !FORM_FIELDS.has(k)) && (
            <div className={formCss.inspCallout} data-testid="pod-yaml-only">
              Also set, in the YAML tab:{' '}
              {Object.keys(stored)
                .filter((k) => !FORM_FIELDS.has(k))
                .map((k, i) => (
                  <span key={k} data-path={pathKey([...specPath, k])} data-yaml-only="true">
                    {i > 0 && ', '}
                    <button type="button" className={cx(styles.inspLink, 'mono')} onClick={() => props.onShowInYaml?.([k])}>
                      {k}
                    </button>
                  </span>
                ))}
              . The form keeps them as they are.
              <FieldMessages problems={Object.keys(stored).filter((k) => !FORM_FIELDS.has(k)).flatMap((k) => problems.under([...specPath, k]))} />
            </div>
          )}
        </div>
      </ProblemsContext.Provider>
    </PodFormContext.Provider>
  );
}

const FORM_FIELDS = new Set<keyof PodSpec | string>(['containers', 'initContainers', 'volumes', 'nodeSelector', 'tolerations', 'affinity', 'securityContext', 'serviceAccountName']);
