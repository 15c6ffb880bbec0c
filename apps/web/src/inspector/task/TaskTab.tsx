import { useState } from 'react';
import {
  defaultImageOf,
  disconnect,
  findNode,
  formatPyType,
  nodesOf,
  parseTaskCode,
  renameNode,
  renameTask,
  setInputValue,
  setMap,
  tasksOf,
  updateTask,
  nodeId as asNodeId,
  checkEnvName,
  TASK_RESOURCE_KINDS,
  type Diagnostic,
  type Json,
  type MapSettings,
  type Task,
  type TaskPatch,
  type WorkflowDoc,
  type WorkflowNode,
  DEFAULT_REQUIREMENTS_MODE,
} from '@podflow/core';
import type { Path } from '../model/immutable';
import { describeBinding } from '../model/code-edit';
import { pathKey } from '../model/paths';
import { Checkbox, Field, FieldMessages, Note, NumberInput, Select, TextArea, TextInput } from '../form/fields';
import { KeyValueEditor } from '../form/KeyValueEditor';
import { ProblemIndex, ProblemsContext } from '../form/problems';
import { Section } from '../form/Section';
import { ResourcesEditor } from '../pod/ResourcesEditor';
import type { ApplyFn } from '../inspector-types';
import { RequirementsEditor } from './RequirementsEditor';
import styles from './TaskTab.module.css';
import formCss from '../form/form.module.css';

function humanSeconds(s: number): string {
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round((s / 60) * 10) / 10} min`;
  return `${Math.round((s / 3600) * 10) / 10} h`;
}

/** Task settings (image, Python packages, resources, env, retries, timeout, cache), the node's map settings and its inputs. */
export function TaskTab(props: {
  doc: WorkflowDoc;
  task: Task;
  node?: WorkflowNode;
  diagnostics: readonly Diagnostic[];
  apply: ApplyFn;
  onRenamed: (from: string, to: string) => void;
  onRenamedNode: (from: string, to: string) => void;
}) {
  const { doc, task, node, apply } = props;
  const ti = tasksOf(doc).indexOf(task);
  const base: Path = ['spec', 'tasks', ti];
  const ni = node ? nodesOf(doc).indexOf(node) : -1;
  const nodeBase: Path = ['spec', 'nodes', ni];
  const update = (patch: TaskPatch, label: string) =>
    apply((d) => {
      const r = updateTask(d, task.name, patch);
      return r.ok ? r.doc : d;
    }, label);

  const problems = new ProblemIndex(props.diagnostics);

  const [nameDraft, setNameDraft] = useState<string | null>(null);
  const [renameError, setRenameError] = useState<string>();
  const commitName = () => {
    if (nameDraft === null || nameDraft === task.name) return setNameDraft(null);
    const r = renameTask(doc, task.name, nameDraft);
    if (!r.ok) return setRenameError(r.reason);
    setRenameError(undefined);
    setNameDraft(null);
    const from = task.name;
    apply((d) => {
      const again = renameTask(d, from, nameDraft);
      return again.ok ? again.doc : d;
    }, 'Rename task');
    props.onRenamed(from, nameDraft);
  };

  const [idDraft, setIdDraft] = useState<{ text: string; error?: string } | null>(null);
  const commitId = () => {
    if (!node || !idDraft || idDraft.text === node.id) return setIdDraft(null);
    const r = renameNode(doc, asNodeId(node.id), asNodeId(idDraft.text));
    if (!r.ok) return setIdDraft({ ...idDraft, error: r.reason });
    const from = node.id;
    const to = idDraft.text;
    setIdDraft(null);
    apply((d) => {
      const again = renameNode(d, asNodeId(from), asNodeId(to));
      return again.ok ? again.doc : d;
    }, 'Rename node');
    props.onRenamedNode(from, to);
  };

  const signature = parseTaskCode(task.code, task.name).signature;
  const usedBy = nodesOf(doc).filter((n) => n.task === task.name).map((n) => n.id);

  return (
    <ProblemsContext.Provider value={problems}>
      <div className={formCss.inspForm} data-testid="task-tab">
        <Section title="Task" path={[...base, 'name']} problemPaths={[[...base, 'image'], [...base, 'type']]} testId="task-section-general">
          {node && (
            <Field label="Node id" path={[...nodeBase, 'id']} extraProblems={idDraft?.error ? [{ message: idDraft.error, severity: 'error' }] : []} hint="Names the node’s pods and its place in the graph">
              {(id, invalid) => (
                <TextInput
                  id={id}
                  value={idDraft?.text ?? node.id}
                  mono
                  invalid={invalid}
                  testId="node-id"
                  onChange={(text) => setIdDraft({ text })}
                  onBlur={commitId}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') commitId();
                    if (e.key === 'Escape') setIdDraft(null);
                  }}
                />
              )}
            </Field>
          )}
          <div className={formCss.inspGrid2}>
            <Field label="Name" path={[...base, 'name']} extraProblems={renameError ? [{ message: renameError, severity: 'error' }] : []} hint="The function the code defines">
              {(id, invalid) => (
                <TextInput
                  id={id}
                  value={nameDraft ?? task.name}
                  mono
                  invalid={invalid}
                  testId="task-name"
                  onChange={(v) => {
                    setNameDraft(v);
                    setRenameError(undefined);
                  }}
                  onBlur={commitName}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') commitName();
                    if (e.key === 'Escape') {
                      setNameDraft(null);
                      setRenameError(undefined);
                    }
                  }}
                />
              )}
            </Field>
            <Field label="Kind" path={[...base, 'type']}>
              {(id) => (
                <Select
                  id={id}
                  value={task.type}
                  options={[
                    { value: 'python', label: 'Python task' },
                    { value: 'dynamic', label: 'Dynamic (calls tasks)' },
                  ]}
                  testId="task-type"
                  onChange={(type) => update({ type }, 'Change task kind')}
                />
              )}
            </Field>
          </div>
          <Field label="Image" path={[...base, 'image']} hint="For the primary container, unless the container names its own">
            {(id, invalid) => <TextInput id={id} value={task.image} mono invalid={invalid} placeholder={`${defaultImageOf(doc)} (workflow default)`} testId="task-image" onChange={(v) => update({ image: v === '' ? undefined : v }, 'Edit task image')} />}
          </Field>
          <Field label="Description" path={[...base, 'description']}>
            {(id) => <TextArea id={id} value={task.description} rows={2} placeholder="What this task does" onChange={(v) => update({ description: v === '' ? undefined : v }, 'Edit task description')} />}
          </Field>
          {usedBy.length > 1 && <div className={formCss.inspHint}>Invoked by {usedBy.length} nodes ({usedBy.join(', ')}): these settings apply to each.</div>}
        </Section>

        <Section
          title={task.requirements?.length ? `Python packages (${task.requirements.length})` : 'Python packages'}
          path={[...base, 'requirements']}
          testId="task-section-requirements"
          defaultOpen={!!task.requirements?.length}
        >
          <RequirementsEditor value={task.requirements} path={[...base, 'requirements']} mode={doc.spec.settings?.requirements ?? DEFAULT_REQUIREMENTS_MODE} onChange={(requirements, label) => update({ requirements }, label)} />
        </Section>

        {node && <MapSection doc={doc} node={node} task={task} base={nodeBase} apply={apply} />}

        <Section title="Resources" path={[...base, 'resources']} testId="task-section-resources">
          <p className={formCss.inspSectionDescription}>
            For the primary container. When set, they replace the container’s own resources (as in Flyte); a missing limit takes the request, a missing request the limit.
          </p>
          <ResourcesEditor value={task.resources as never} path={[...base, 'resources']} kinds={TASK_RESOURCE_KINDS} testId="task-res" onChange={(v) => update({ resources: v as Task['resources'] }, 'Edit task resources')} />
        </Section>

        <Section title="Environment" path={[...base, 'env']} testId="task-section-env" defaultOpen={!!task.env}>
          <KeyValueEditor
            label="Variables"
            value={task.env}
            path={[...base, 'env']}
            keyPlaceholder="NAME"
            checkKey={checkEnvName}
            testId="task-env"
            emptyText="No variables (set before the primary container’s own)"
            onChange={(env) => update({ env }, 'Edit task environment')}
          />
        </Section>

        <Section title="Execution" path={[...base, 'retries']} problemPaths={[[...base, 'timeoutSeconds'], [...base, 'cache']]} testId="task-section-execution">
          <div className={formCss.inspGrid2}>
            <Field label="Retries" path={[...base, 'retries']} hint="Any failure is retried while retries remain">
              {(id, invalid) => <NumberInput id={id} value={task.retries} integer min={0} max={100} placeholder="0" invalid={invalid} testId="task-retries" onChange={(retries) => update({ retries }, 'Edit retries')} />}
            </Field>
            <Field label="Timeout (seconds)" path={[...base, 'timeoutSeconds']} hint={task.timeoutSeconds ? `${humanSeconds(task.timeoutSeconds)} per attempt` : 'None; per attempt, from pod creation'}>
              {(id, invalid) => <NumberInput id={id} value={task.timeoutSeconds} min={1} placeholder="none" invalid={invalid} testId="task-timeout" onChange={(timeoutSeconds) => update({ timeoutSeconds }, 'Edit timeout')} />}
            </Field>
          </div>
          <div className={formCss.inspGrid2}>
            <Checkbox
              checked={task.cache?.enabled === true}
              path={[...base, 'cache']}
              label="Cache results"
              testId="task-cache"
              onChange={(enabled) => update({ cache: enabled ? { ...(task.cache ?? {}), enabled } : task.cache?.version ? { ...task.cache, enabled } : undefined }, 'Edit cache')}
            />
            {task.cache?.enabled && (
              <Field label="Cache version" path={[...base, 'cache', 'version']} hint="Change it to invalidate cached results">
                {(id) => <TextInput id={id} value={task.cache?.version} placeholder="1" onChange={(version) => update({ cache: { enabled: true, ...(version ? { version } : {}) } }, 'Edit cache version')} />}
              </Field>
            )}
          </div>
        </Section>

        {node && signature && <InputsSection doc={doc} node={node} task={task} base={nodeBase} apply={apply} />}
      </div>
    </ProblemsContext.Provider>
  );
}

function MapSection(props: { doc: WorkflowDoc; node: WorkflowNode; task: Task; base: Path; apply: ApplyFn }) {
  const { node, task, apply } = props;
  const map = node.map;
  const inputs = parseTaskCode(task.code, task.name).signature?.inputs ?? [];
  const set = (next: MapSettings | undefined, label: string) =>
    apply((d) => {
      const r = setMap(d, asNodeId(node.id), next);
      return r.ok ? r.doc : d;
    }, label);
  const patch = (field: keyof MapSettings, value: unknown) => {
    const next: Record<string, unknown> = { ...(map ?? {}) };
    if (value === undefined) delete next[field];
    else next[field] = value;
    set(next as MapSettings, 'Edit map settings');
  };
  const over = map?.over ?? [];
  return (
    <Section title="Map" path={[...props.base, 'map']} testId="task-section-map" defaultOpen={!!map}>
      <Checkbox checked={!!map} label="Map over lists: one pod per item" testId="map-enabled" onChange={(on) => set(on ? {} : undefined, on ? 'Make map node' : 'Make plain node')} />
      {task.type === 'dynamic' && map && <Note kind="warning">A dynamic task cannot be mapped.</Note>}
      {map && (
        <>
          <div className={formCss.inspField} data-path={pathKey([...props.base, 'map', 'over'])}>
            <span className={formCss.inspLabel}>Mapped inputs</span>
            {inputs.length === 0 && <div className={formCss.inspEmpty}>The task takes no inputs.</div>}
            <div className={styles.inspChecks}>
              {inputs.map((input, i) => (
                <Checkbox
                  key={input.name}
                  checked={over.length ? over.includes(input.name) : i === 0}
                  label={
                    <>
                      <span className="mono">{input.name}</span> <span className="faint mono">list[{formatPyType(input.type)}]</span>
                    </>
                  }
                  testId={`map-over-${input.name}`}
                  onChange={(on) => {
                    const current = over.length ? over : inputs[0] ? [inputs[0].name] : [];
                    const next = on ? [...current, input.name] : current.filter((n) => n !== input.name);
                    const ordered = inputs.map((x) => x.name).filter((n) => next.includes(n));
                    patch('over', ordered.length === 1 && ordered[0] === inputs[0]?.name ? undefined : ordered.length ? ordered : undefined);
                  }}
                />
              ))}
            </div>
            <div className={formCss.inspHint}>Unchecked inputs take the same value for every item. Default: the first input.</div>
          </div>
          <div className={styles.inspGrid3}>
            <Field label="Concurrency" path={[...props.base, 'map', 'concurrency']}>
              {(id) => <NumberInput id={id} value={map.concurrency} integer min={1} placeholder="unlimited" testId="map-concurrency" onChange={(v) => patch('concurrency', v)} />}
            </Field>
            <Field label="Min. success ratio" path={[...props.base, 'map', 'minSuccessRatio']}>
              {(id) => <NumberInput id={id} value={map.minSuccessRatio} min={0} max={1} placeholder="1.0" testId="map-ratio" onChange={(v) => patch('minSuccessRatio', v)} />}
            </Field>
            <Field label="Retries per item" path={[...props.base, 'map', 'retries']}>
              {(id) => <NumberInput id={id} value={map.retries} integer min={0} max={100} placeholder={`${task.retries ?? 0} (task)`} testId="map-retries" onChange={(v) => patch('retries', v)} />}
            </Field>
          </div>
          {map.minSuccessRatio !== undefined && map.minSuccessRatio < 1 && <div className={formCss.inspHint}>Below 1, failed items give None: outputs become list[Optional[T]].</div>}
        </>
      )}
    </Section>
  );
}

function InputsSection(props: { doc: WorkflowDoc; node: WorkflowNode; task: Task; base: Path; apply: ApplyFn }) {
  const { doc, node, task, apply } = props;
  const inputs = parseTaskCode(task.code, task.name).signature?.inputs ?? [];
  const [drafts, setDrafts] = useState<Record<string, { text: string; error?: string }>>({});
  if (inputs.length === 0) return null;
  return (
    <Section title="Inputs" path={[...props.base, 'inputs']} testId="task-section-inputs">
      {inputs.map((input) => {
        const binding = findNode(doc, node.id)?.inputs?.[input.name];
        const draft = drafts[input.name];
        return (
          <div key={input.name} className={styles.inspInputRow} data-path={pathKey([...props.base, 'inputs', input.name])}>
            <div className={styles.inspInputName}>
              <span className="mono">{input.name}</span> <span className="faint mono">{formatPyType(input.type)}</span>
              {input.optional && <span className="faint"> = {input.defaultText}</span>}
            </div>
            {binding && !('value' in binding) ? (
              <div className={styles.inspInputSource}>from {describeBinding(binding)}</div>
            ) : (
              <>
                <TextInput
                  value={draft?.text ?? (binding && 'value' in binding ? JSON.stringify(binding.value) : '')}
                  mono
                  placeholder={input.optional ? 'default' : 'not connected — a JSON value'}
                  ariaLabel={`Value of ${input.name}`}
                  invalid={!!draft?.error}
                  onChange={(text) => {
                    if (text.trim() === '') {
                      setDrafts({ ...drafts, [input.name]: { text } });
                      apply((d) => disconnect(d, { node: asNodeId(node.id), input: input.name }), 'Edit input value');
                      return;
                    }
                    let value: Json;
                    try {
                      value = JSON.parse(text) as Json;
                    } catch {
                      if (input.type.kind === 'str') value = text;
                      else return setDrafts({ ...drafts, [input.name]: { text, error: 'not valid JSON' } });
                    }
                    setDrafts({ ...drafts, [input.name]: { text } });
                    apply((d) => {
                      const r = setInputValue(d, { node: asNodeId(node.id), input: input.name, value });
                      return r.ok ? r.doc : d;
                    }, 'Edit input value');
                  }}
                  onBlur={() => setDrafts(({ [input.name]: _d, ...rest }) => rest)}
                />
                <FieldMessages problems={draft?.error ? [{ message: draft.error, severity: 'error' }] : []} />
              </>
            )}
          </div>
        );
      })}
    </Section>
  );
}
