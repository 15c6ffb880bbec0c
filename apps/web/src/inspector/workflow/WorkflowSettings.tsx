import { useMemo, useState } from 'react';
import {
  DEFAULT_IMAGE,
  DEFAULT_NAMESPACE,
  addWorkflowInput,
  addWorkflowOutput,
  checkJsonValue,
  inputsOf,
  nodesOf,
  outputsOf,
  parsePyType,
  removeWorkflowInput,
  removeWorkflowOutput,
  renameWorkflowInput,
  taskSignature,
  uniqueName,
  updateWorkflowInput,
  updateWorkflowMeta,
  updateWorkflowOutput,
  nodeId as asNodeId,
  type Diagnostic,
  type Json,
  type OpResult,
  type WorkflowDoc,
  type WorkflowInput,
  type WorkflowMetaPatch,
} from '@podflow/core';
import { XIcon } from '../../ui/icons';
import type { Path } from '../model/immutable';
import { pathKey } from '../model/paths';
import { ComboBox } from '../form/ComboBox';
import { Field, FieldMessages, Select, TextArea, TextInput } from '../form/fields';
import { ProblemIndex, ProblemsContext, useProblems } from '../form/problems';
import { ListHeader, Section } from '../form/Section';
import type { ApplyFn } from '../inspector-types';
import formCss from '../form/form.module.css';

const orKeep = (d: WorkflowDoc, r: OpResult) => (r.ok ? r.doc : d);

/** Name, description, defaults, failure policy, and the workflow's inputs and outputs. */
export function WorkflowSettings(props: { doc: WorkflowDoc; diagnostics: readonly Diagnostic[]; apply: ApplyFn }) {
  const { doc, apply } = props;
  const meta = (patch: WorkflowMetaPatch, label: string) => apply((d) => orKeep(d, updateWorkflowMeta(d, patch)), label);
  const problems = new ProblemIndex(props.diagnostics);
  const defaults = (field: 'image' | 'namespace', value: string) => {
    const next = { ...(doc.spec.defaults ?? {}) };
    if (value === '') delete next[field];
    else next[field] = value;
    meta({ defaults: Object.keys(next).length ? next : undefined }, `Edit default ${field}`);
  };

  return (
    <ProblemsContext.Provider value={problems}>
      <div className={formCss.inspForm} data-testid="workflow-settings">
        <Section title="Workflow" path={['metadata']} problemPaths={[['spec', 'defaults'], ['spec', 'failurePolicy'], ['spec', 'settings']]} testId="wf-section-general">
          <Field label="Name" path={['metadata', 'name']} hint="A DNS-1123 label: it names the pods">
            {(id, invalid) => <TextInput id={id} value={doc.metadata.name} mono invalid={invalid} testId="wf-name" onChange={(name) => meta({ name }, 'Rename workflow')} />}
          </Field>
          <Field label="Description" path={['metadata', 'description']}>
            {(id) => <TextArea id={id} value={doc.metadata.description} rows={3} placeholder="What this workflow does" testId="wf-description" onChange={(v) => meta({ description: v === '' ? undefined : v }, 'Edit description')} />}
          </Field>
          <div className={formCss.inspGrid2}>
            <Field label="Default image" path={['spec', 'defaults', 'image']} hint="For primary containers that name none">
              {(id) => <TextInput id={id} value={doc.spec.defaults?.image} mono placeholder={DEFAULT_IMAGE} testId="wf-image" onChange={(v) => defaults('image', v)} />}
            </Field>
            <Field label="Namespace" path={['spec', 'defaults', 'namespace']} hint="Where cluster runs create objects">
              {(id, invalid) => <TextInput id={id} value={doc.spec.defaults?.namespace} mono invalid={invalid} placeholder={DEFAULT_NAMESPACE} testId="wf-namespace" onChange={(v) => defaults('namespace', v)} />}
            </Field>
          </div>
          <ResourceDefaults doc={doc} meta={meta} />
          <Field
            label="Python packages on a cluster"
            path={['spec', 'settings', 'requirements']}
            hint={(doc.spec.settings?.requirements ?? 'install') === 'install' ? 'Each pod pip-installs its task’s packages in an init container (the primary’s image)' : 'The images already contain the tasks’ packages: pods install nothing'}
          >
            {(id) => (
              <Select
                id={id}
                value={doc.spec.settings?.requirements ?? 'install'}
                options={[
                  { value: 'install', label: 'Install them when the pod starts (install)' },
                  { value: 'image', label: 'The image has them (image)' },
                ]}
                testId="wf-requirements-mode"
                onChange={(v) => {
                  const { requirements: _old, ...rest } = doc.spec.settings ?? {};
                  const settings = v === 'install' && doc.spec.settings?.requirements === undefined ? rest : { ...rest, requirements: v };
                  meta({ settings: Object.keys(settings).length ? settings : undefined }, 'Edit requirements setting');
                }}
              />
            )}
          </Field>
          <Field label="When a node fails" path={['spec', 'failurePolicy']}>
            {(id) => (
              <Select
                id={id}
                value={doc.spec.failurePolicy ?? 'failFast'}
                options={[
                  { value: 'failFast', label: 'Stop the run (failFast)' },
                  { value: 'continue', label: 'Run everything not downstream (continue)' },
                ]}
                testId="wf-failure-policy"
                onChange={(v) => meta({ failurePolicy: v === 'failFast' && doc.spec.failurePolicy === undefined ? undefined : v }, 'Edit failure policy')}
              />
            )}
          </Field>
        </Section>
        <InputsEditor doc={doc} apply={apply} />
        <OutputsEditor doc={doc} apply={apply} />
      </div>
    </ProblemsContext.Provider>
  );
}

/**
 * spec.defaults.resources: what a primary container gets for a resource it sets neither a request nor a limit for —
 * Flyte's platform defaults, which make its pods Guaranteed where Podflow's would be Burstable.
 */
function ResourceDefaults({ doc, meta }: { doc: WorkflowDoc; meta: (patch: WorkflowMetaPatch, label: string) => void }) {
  const current = doc.spec.defaults?.resources;
  const set = (kind: 'requests' | 'limits', key: 'cpu' | 'memory', value: string) => {
    const next = { requests: { ...current?.requests }, limits: { ...current?.limits } };
    if (value.trim() === '') delete next[kind][key];
    else next[kind][key] = value.trim();
    const resources = {
      ...(Object.keys(next.requests).length ? { requests: next.requests } : {}),
      ...(Object.keys(next.limits).length ? { limits: next.limits } : {}),
    };
    const defaults = { ...(doc.spec.defaults ?? {}), resources: Object.keys(resources).length ? resources : undefined };
    if (!defaults.resources) delete defaults.resources;
    meta({ defaults: Object.keys(defaults).length ? defaults : undefined }, `Edit default ${key} ${kind === 'requests' ? 'request' : 'limit'}`);
  };
  const cell = (kind: 'requests' | 'limits', key: 'cpu' | 'memory', label: string, placeholder: string) => (
    <Field label={label} path={['spec', 'defaults', 'resources', kind, key]}>
      {(id) => <TextInput id={id} value={current?.[kind]?.[key] === undefined ? undefined : String(current[kind]![key])} mono placeholder={placeholder} testId={`wf-default-${key}-${kind}`} onChange={(v) => set(kind, key, v)} />}
    </Field>
  );
  return (
    <div data-testid="wf-resource-defaults">
      <div className={formCss.inspLabel}>Primary resource defaults</div>
      <div className={formCss.inspHint}>For a primary container that sets neither a request nor a limit for a resource, as Flyte’s platform fills them</div>
      <div className={formCss.inspGrid2}>
        {cell('requests', 'cpu', 'CPU request', 'none')}
        {cell('limits', 'cpu', 'CPU limit', 'the request')}
        {cell('requests', 'memory', 'Memory request', 'none')}
        {cell('limits', 'memory', 'Memory limit', 'the request')}
      </div>
    </div>
  );
}

const TYPE_SUGGESTIONS = ['int', 'float', 'str', 'bool', 'list[int]', 'list[str]', 'list[float]', 'dict[str, int]', 'dict[str, str]', 'Optional[int]', 'Optional[str]', 'dict'];

function InputsEditor({ doc, apply }: { doc: WorkflowDoc; apply: ApplyFn }) {
  const inputs = inputsOf(doc);
  const problems = useProblems();
  const [nameDrafts, setNameDrafts] = useState<Record<number, { text: string; error?: string }>>({});
  const [defaultDrafts, setDefaultDrafts] = useState<Record<number, { text: string; error?: string }>>({});
  const update = (name: string, patch: Partial<Omit<WorkflowInput, 'name'>>, label: string) => apply((d) => orKeep(d, updateWorkflowInput(d, name, patch)), label);
  return (
    <Section title={`Inputs · ${inputs.length}`} path={['spec', 'inputs']} testId="wf-section-inputs">
      <ListHeader
        label="Parameters of a run"
        addLabel="Add input"
        testId="wf-add-input"
        onAdd={() => apply((d) => orKeep(d, addWorkflowInput(d, { name: uniqueName('input', new Set(inputsOf(d).map((i) => i.name))), type: 'str' })), 'Add workflow input')}
      />
      <datalist id="wf-input-types">
        {TYPE_SUGGESTIONS.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      {inputs.length === 0 && <div className={formCss.inspEmpty}>No inputs</div>}
      {inputs.map((input, i) => {
        const p: Path = ['spec', 'inputs', i];
        const nd = nameDrafts[i];
        const dd = defaultDrafts[i];
        const parsedType = parsePyType(input.type);
        const typeProblem = parsedType.ok ? undefined : parsedType.message;
        const defaultProblem = dd?.error ?? (input.default !== undefined && parsedType.ok ? checkJsonValue(input.default, parsedType.type) : undefined);
        return (
          <div key={i} className={formCss.inspRowCard} data-path={pathKey(p)} data-testid={`wf-input-${i}`}>
            <div className={formCss.inspRowLine}>
              <div className={formCss.inspGrow} data-path={pathKey([...p, 'name'])}>
                <TextInput
                  value={nd?.text ?? input.name}
                  mono
                  placeholder="name"
                  ariaLabel="Input name"
                  invalid={!!nd?.error}
                  testId={`wf-input-${i}-name`}
                  onChange={(text) => {
                    const r = renameWorkflowInput(doc, input.name, text);
                    if (!r.ok) return setNameDrafts({ ...nameDrafts, [i]: { text, error: r.reason } });
                    setNameDrafts({ ...nameDrafts, [i]: { text } });
                    apply((d) => orKeep(d, renameWorkflowInput(d, input.name, text)), 'Rename workflow input');
                  }}
                  onBlur={() => setNameDrafts(({ [i]: _d, ...rest }) => rest)}
                />
              </div>
              <div className={formCss.inspGrow} data-path={pathKey([...p, 'type'])}>
                <TextInput value={input.type} mono placeholder="type" list="wf-input-types" ariaLabel="Input type" invalid={!!typeProblem} testId={`wf-input-${i}-type`} onChange={(type) => update(input.name, { type }, 'Edit input type')} />
              </div>
              <button type="button" className="icon-btn sm" aria-label={`Remove input ${input.name}`} onClick={() => apply((d) => removeWorkflowInput(d, input.name), 'Remove workflow input')}>
                <XIcon size={13} />
              </button>
            </div>
            <div className={formCss.inspRowLine} data-path={pathKey([...p, 'default'])}>
              <TextInput
                value={dd?.text ?? (input.default === undefined ? '' : JSON.stringify(input.default))}
                mono
                placeholder="default (JSON) — required when empty"
                ariaLabel="Default value"
                invalid={!!defaultProblem}
                testId={`wf-input-${i}-default`}
                onChange={(text) => {
                  if (text.trim() === '') {
                    setDefaultDrafts({ ...defaultDrafts, [i]: { text } });
                    return update(input.name, { default: undefined }, 'Edit input default');
                  }
                  let value: Json;
                  try {
                    value = JSON.parse(text) as Json;
                  } catch {
                    if (parsedType.ok && parsedType.type.kind === 'str') value = text;
                    else return setDefaultDrafts({ ...defaultDrafts, [i]: { text, error: 'not valid JSON (strings need quotes unless the type is str)' } });
                  }
                  setDefaultDrafts({ ...defaultDrafts, [i]: { text } });
                  update(input.name, { default: value }, 'Edit input default');
                }}
                onBlur={() => setDefaultDrafts(({ [i]: _d, ...rest }) => rest)}
              />
            </div>
            <FieldMessages
              problems={[
                ...(nd?.error ? [{ message: nd.error, severity: 'error' as const }] : []),
                ...(typeProblem ? [{ message: typeProblem, severity: 'error' as const }] : []),
                ...(defaultProblem ? [{ message: `default: ${defaultProblem}`, severity: 'error' as const }] : []),
                ...(nd || typeProblem || defaultProblem ? [] : problems.under(p)),
              ]}
            />
          </div>
        );
      })}
    </Section>
  );
}

function OutputsEditor({ doc, apply }: { doc: WorkflowDoc; apply: ApplyFn }) {
  const outputs = outputsOf(doc);
  const problems = useProblems();
  const [nameDrafts, setNameDrafts] = useState<Record<number, { text: string; error?: string }>>({});
  const nodeOutputs = useMemo(() => new Map(nodesOf(doc).map((n) => [n.id as string, (taskSignature(doc, n.task)?.outputs ?? []).map((o) => o.name)])), [doc]);
  const outputsOfNode = (id: string) => nodeOutputs.get(id) ?? [];
  const withOutputs = useMemo(() => [...nodeOutputs].filter(([, names]) => names.length > 0).map(([id]) => id), [nodeOutputs]);
  const first = withOutputs[0];
  return (
    <Section title={`Outputs · ${outputs.length}`} path={['spec', 'outputs']} testId="wf-section-outputs">
      <ListHeader
        label="Results of a run"
        addLabel="Add output"
        testId="wf-add-output"
        disabled={first === undefined}
        onAdd={() =>
          first !== undefined &&
          apply(
            (d) => orKeep(d, addWorkflowOutput(d, { name: uniqueName('o', new Set(outputsOf(d).map((o) => o.name))), from: { node: asNodeId(first), output: outputsOfNode(first)[0]! } })),
            'Add workflow output',
          )
        }
      />
      {outputs.length === 0 && <div className={formCss.inspEmpty}>{first !== undefined ? 'No outputs' : 'No outputs — add a node with outputs first'}</div>}
      {outputs.map((output, i) => {
        const p: Path = ['spec', 'outputs', i];
        const nd = nameDrafts[i];
        const candidates = outputsOfNode(output.from.node);
        return (
          <div key={i} className={formCss.inspRowCard} data-path={pathKey(p)} data-testid={`wf-output-${i}`}>
            <div className={formCss.inspRowLine}>
              <TextInput
                value={nd?.text ?? output.name}
                mono
                placeholder="name"
                ariaLabel="Output name"
                invalid={!!nd?.error}
                onChange={(text) => {
                  const r = updateWorkflowOutput(doc, output.name, { name: text });
                  if (!r.ok) return setNameDrafts({ ...nameDrafts, [i]: { text, error: r.reason } });
                  setNameDrafts({ ...nameDrafts, [i]: { text } });
                  apply((d) => orKeep(d, updateWorkflowOutput(d, output.name, { name: text })), 'Rename workflow output');
                }}
                onBlur={() => setNameDrafts(({ [i]: _d, ...rest }) => rest)}
              />
              <button type="button" className="icon-btn sm" aria-label={`Remove output ${output.name}`} onClick={() => apply((d) => removeWorkflowOutput(d, output.name), 'Remove workflow output')}>
                <XIcon size={13} />
              </button>
            </div>
            <div className={formCss.inspRowLine}>
              <span className="faint">from</span>
              <ComboBox
                value={output.from.node}
                choices={withOutputs}
                ariaLabel="Node"
                noun="node with outputs"
                testId={`wf-output-${i}-node`}
                onChange={(node) => apply((d) => orKeep(d, updateWorkflowOutput(d, output.name, { from: { node: asNodeId(node), output: outputsOfNode(node)[0] ?? 'o0' } })), 'Edit workflow output')}
              />
              <Select
                value={output.from.output}
                options={candidates.map((o) => ({ value: o, label: o }))}
                ariaLabel="Output"
                className={formCss.inspNarrow}
                onChange={(o) => apply((d) => orKeep(d, updateWorkflowOutput(d, output.name, { from: { ...output.from, output: o } })), 'Edit workflow output')}
              />
            </div>
            <FieldMessages problems={[...(nd?.error ? [{ message: nd.error, severity: 'error' as const }] : []), ...problems.under(p)]} />
          </div>
        );
      })}
    </Section>
  );
}
