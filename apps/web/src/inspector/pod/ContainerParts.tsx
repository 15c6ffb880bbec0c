import type { ContainerPort, EnvVar, VolumeMount } from 'kubernetes-types/core/v1';
import { XIcon } from '../../ui/icons';
import type { Path } from '../model/immutable';
import { pathKey } from '../model/paths';
import { ENV_KINDS, POD_FIELDS, envKindOf, withEnvKind, type EnvKind } from '../model/env-var';
import { Checkbox, FieldMessages, NumberInput, Select, TextInput, labelled } from '../form/fields';
import { useProblems } from '../form/problems';
import { ListHeader } from '../form/Section';
import formCss from '../form/form.module.css';

const list = <T,>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/** Environment variables of a container: plain values, Secret and ConfigMap keys, pod fields. */
export function EnvEditor(props: { value: unknown; path: Path; onChange: (next: EnvVar[] | undefined) => void; testId: string }) {
  const items = list<EnvVar>(props.value);
  const index = useProblems();
  const set = (next: EnvVar[]) => props.onChange(next.length ? next : undefined);
  const update = (i: number, env: EnvVar) => set(items.map((e, j) => (j === i ? env : e)));
  return (
    <div className={formCss.inspRows} data-path={pathKey(props.path)}>
      <ListHeader label="Environment" onAdd={() => set([...items, { name: '', value: '' }])} addLabel="Add variable" testId={`${props.testId}-add`} />
      {items.length === 0 && <div className={formCss.inspEmpty}>No variables</div>}
      {items.map((env, i) => {
        const p = [...props.path, i];
        const kind = envKindOf(env);
        const ref = kind === 'secretKeyRef' || kind === 'configMapKeyRef' ? env.valueFrom?.[kind] : undefined;
        const at = (...rest: (string | number)[]) => index.at([...p, ...rest]);
        return (
          <div key={i} className={formCss.inspRowCard} data-path={pathKey(p)}>
            <div className={formCss.inspRowLine}>
              <TextInput value={env.name} mono placeholder="NAME" ariaLabel="Variable name" invalid={at('name').some((x) => x.severity === 'error')} testId={`${props.testId}-${i}-name`} onChange={(name) => update(i, { ...env, name })} />
              <Select<EnvKind>
                value={kind === 'other' ? undefined : kind}
                options={kind === 'other' ? [...ENV_KINDS, { value: 'other', label: 'Other (edit in YAML)' }] : ENV_KINDS}
                ariaLabel="Variable source"
                className={formCss.inspNarrow}
                testId={`${props.testId}-${i}-kind`}
                onChange={(k) => update(i, withEnvKind(env, k))}
              />
              <button type="button" className="icon-btn sm" aria-label={`Remove ${env.name || 'variable'}`} onClick={() => set(items.filter((_, j) => j !== i))}>
                <XIcon size={13} />
              </button>
            </div>
            <FieldMessages problems={labelled('Name', at('name'))} />
            {kind === 'value' && (
              <div className={formCss.inspRowLine} data-path={pathKey([...p, 'value'])}>
                <TextInput value={env.value} mono placeholder="value" ariaLabel="Variable value" testId={`${props.testId}-${i}-value`} onChange={(value) => update(i, { ...env, value })} />
              </div>
            )}
            {ref && (
              <>
                <div className={formCss.inspRowLine}>
                  <TextInput
                    value={ref.name}
                    mono
                    placeholder={kind === 'secretKeyRef' ? 'secret name' : 'configmap name'}
                    ariaLabel={kind === 'secretKeyRef' ? 'Secret name' : 'ConfigMap name'}
                    invalid={at('valueFrom', kind, 'name').length > 0}
                    testId={`${props.testId}-${i}-ref-name`}
                    onChange={(name) => update(i, { ...env, valueFrom: { ...env.valueFrom, [kind]: { ...ref, name } } })}
                  />
                  <TextInput
                    value={ref.key}
                    mono
                    placeholder="key"
                    ariaLabel="Key"
                    invalid={at('valueFrom', kind, 'key').length > 0}
                    testId={`${props.testId}-${i}-ref-key`}
                    onChange={(key) => update(i, { ...env, valueFrom: { ...env.valueFrom, [kind]: { ...ref, key } } })}
                  />
                  <Checkbox
                    checked={ref.optional === true}
                    label="optional"
                    onChange={(optional) => {
                      const { optional: _o, ...rest } = ref;
                      update(i, { ...env, valueFrom: { ...env.valueFrom, [kind]: optional ? { ...rest, optional: true } : rest } });
                    }}
                  />
                </div>
                <FieldMessages problems={[...labelled(kind === 'secretKeyRef' ? 'Secret name' : 'ConfigMap name', at('valueFrom', kind, 'name')), ...labelled('Key', at('valueFrom', kind, 'key'))]} />
              </>
            )}
            {kind === 'fieldRef' && (
              <div className={formCss.inspRowLine}>
                <Select
                  value={env.valueFrom?.fieldRef?.fieldPath}
                  options={POD_FIELDS.map((f) => ({ value: f, label: f }))}
                  ariaLabel="Pod field"
                  onChange={(fieldPath) => update(i, { ...env, valueFrom: { ...env.valueFrom, fieldRef: { ...env.valueFrom?.fieldRef, fieldPath } } })}
                />
              </div>
            )}
            {kind === 'other' && <div className={formCss.inspHint}>Set from {Object.keys(env.valueFrom ?? {}).join(', ')}; edit it in the YAML tab.</div>}
            <FieldMessages problems={at('valueFrom')} />
          </div>
        );
      })}
    </div>
  );
}

const PROTOCOLS = [
  { value: 'TCP', label: 'TCP' },
  { value: 'UDP', label: 'UDP' },
  { value: 'SCTP', label: 'SCTP' },
] as const;

export function PortsEditor(props: { value: unknown; path: Path; onChange: (next: ContainerPort[] | undefined) => void; testId: string }) {
  const items = list<ContainerPort>(props.value);
  const index = useProblems();
  const set = (next: ContainerPort[]) => props.onChange(next.length ? next : undefined);
  const update = (i: number, port: ContainerPort) => set(items.map((x, j) => (j === i ? port : x)));
  return (
    <div className={formCss.inspRows} data-path={pathKey(props.path)}>
      <ListHeader label="Ports" onAdd={() => set([...items, { containerPort: 8080 }])} addLabel="Add port" testId={`${props.testId}-add`} />
      {items.length === 0 && <div className={formCss.inspEmpty}>No ports</div>}
      {items.map((port, i) => {
        const p = [...props.path, i];
        const problems = [...labelled('Port', index.at([...p, 'containerPort'])), ...labelled('Name', index.at([...p, 'name'])), ...labelled('Host port', index.at([...p, 'hostPort']))];
        return (
          <div key={i} className={formCss.inspRowCard} data-path={pathKey(p)}>
            <div className={formCss.inspRowLine}>
              <NumberInput
                value={typeof port.containerPort === 'number' ? port.containerPort : undefined}
                integer
                min={1}
                max={65535}
                placeholder="port"
                ariaLabel="Container port"
                invalid={index.at([...p, 'containerPort']).length > 0}
                testId={`${props.testId}-${i}-port`}
                onChange={(n) => update(i, n === undefined ? (({ containerPort: _c, ...rest }) => rest as ContainerPort)(port) : { ...port, containerPort: n })}
              />
              <TextInput value={port.name} mono placeholder="name (optional)" ariaLabel="Port name" onChange={(name) => update(i, name ? { ...port, name } : (({ name: _n, ...rest }) => rest as ContainerPort)(port))} />
              <Select
                value={port.protocol ?? 'TCP'}
                options={PROTOCOLS}
                ariaLabel="Protocol"
                className={formCss.inspNarrow}
                onChange={(protocol) => update(i, protocol === 'TCP' && port.protocol === undefined ? port : { ...port, protocol })}
              />
              <button type="button" className="icon-btn sm" aria-label="Remove port" onClick={() => set(items.filter((_, j) => j !== i))}>
                <XIcon size={13} />
              </button>
            </div>
            <FieldMessages problems={problems} />
          </div>
        );
      })}
    </div>
  );
}

/** Volume mounts: volume (from the pod's volumes), path, read-only, sub-path. */
export function MountsEditor(props: { value: unknown; path: Path; volumeNames: readonly string[]; onChange: (next: VolumeMount[] | undefined) => void; testId: string }) {
  const items = list<VolumeMount>(props.value);
  const index = useProblems();
  const set = (next: VolumeMount[]) => props.onChange(next.length ? next : undefined);
  const update = (i: number, m: VolumeMount) => set(items.map((x, j) => (j === i ? m : x)));
  const listId = `${props.testId}-volumes`;
  return (
    <div className={formCss.inspRows} data-path={pathKey(props.path)}>
      <ListHeader
        label="Volume mounts"
        onAdd={() => set([...items, { name: props.volumeNames[0] ?? '', mountPath: '' }])}
        addLabel="Add mount"
        testId={`${props.testId}-add`}
      />
      <datalist id={listId}>
        {props.volumeNames.map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
      {items.length === 0 && <div className={formCss.inspEmpty}>{props.volumeNames.length ? 'No mounts' : 'No mounts — add a volume first'}</div>}
      {items.map((m, i) => {
        const p = [...props.path, i];
        const at = (f: string) => index.at([...p, f]);
        return (
          <div key={i} className={formCss.inspRowCard} data-path={pathKey(p)}>
            <div className={formCss.inspRowLine}>
              <div className={formCss.inspGrow} data-path={pathKey([...p, 'name'])}>
                <TextInput value={m.name} mono placeholder="volume" list={listId} ariaLabel="Volume" invalid={at('name').some((x) => x.severity === 'error')} testId={`${props.testId}-${i}-name`} onChange={(name) => update(i, { ...m, name })} />
              </div>
              <div className={formCss.inspGrow} data-path={pathKey([...p, 'mountPath'])}>
                <TextInput value={m.mountPath} mono placeholder="/mount/path" ariaLabel="Mount path" invalid={at('mountPath').some((x) => x.severity === 'error')} testId={`${props.testId}-${i}-path`} onChange={(mountPath) => update(i, { ...m, mountPath })} />
              </div>
              <button type="button" className="icon-btn sm" aria-label="Remove mount" onClick={() => set(items.filter((_, j) => j !== i))}>
                <XIcon size={13} />
              </button>
            </div>
            <div className={formCss.inspRowLine}>
              <div className={formCss.inspGrow} data-path={pathKey([...p, 'subPath'])}>
                <TextInput
                  value={m.subPath}
                  mono
                  placeholder="sub-path (optional)"
                  ariaLabel="Sub-path"
                  testId={`${props.testId}-${i}-subpath`}
                  onChange={(subPath) => update(i, subPath ? { ...m, subPath } : (({ subPath: _s, ...rest }) => rest as VolumeMount)(m))}
                />
              </div>
              <Checkbox
                checked={m.readOnly === true}
                label="read-only"
                testId={`${props.testId}-${i}-readonly`}
                onChange={(readOnly) => update(i, readOnly ? { ...m, readOnly: true } : (({ readOnly: _r, ...rest }) => rest as VolumeMount)(m))}
              />
            </div>
            <FieldMessages problems={[...labelled('Volume', at('name')), ...labelled('Mount path', at('mountPath')), ...labelled('Sub-path', at('subPath'))]} />
          </div>
        );
      })}
    </div>
  );
}
