import type { Volume } from 'kubernetes-types/core/v1';
import { TrashIcon } from '../../ui/icons';
import { pathKey } from '../model/paths';
import { RESOURCE_KINDS } from '@podflow/core';
import { renameVolume } from '../model/pod-target';
import { VOLUME_KINDS, isFormVolumeKind, volumeSourceOf, withVolumeKind, type VolumeKind } from '../model/volume-kind';
import { Checkbox, Field, FieldMessages, Select, TextInput } from '../form/fields';
import { QuantityInput } from '../form/QuantityInput';
import { useProblems } from '../form/problems';
import { usePodForm } from './pod-form-context';
import formCss from '../form/form.module.css';
import { cx } from '../../ui/cx';

const MEMORY = RESOURCE_KINDS.find((k) => k.key === 'memory')!;
const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'].map((v) => ({ value: v, label: v || 'Any (no check)' }));

/** One volume: name, kind, and the fields of that kind. */
export function VolumeCard({ index }: { index: number }) {
  const form = usePodForm();
  const v = (form.spec.volumes?.[index] ?? {}) as Volume & Record<string, Record<string, unknown> | undefined>;
  const path = [...form.specPath, 'volumes', index];
  const problems = useProblems();
  const source = volumeSourceOf(v);
  const kind = isFormVolumeKind(source) ? source : undefined;
  const tid = `volume-${index}`;
  const setSource = (field: string, value: unknown, label: string) => form.set(['volumes', index, source!, field], value, label);
  const src = (source ? v[source] : undefined) ?? {};
  const mountedBy = [...(form.spec.containers ?? []), ...(form.spec.initContainers ?? [])].filter((c) => c?.volumeMounts?.some((m) => m?.name === v.name)).map((c) => c.name);

  return (
    <div className={cx(formCss.inspCard, formCss.open)} data-path={pathKey(path)} data-testid={tid}>
      <div className={formCss.inspCardHeader}>
        <div className={cx(formCss.inspCardToggle, formCss.static)}>
          <span className={cx(formCss.inspCardName, 'mono')}>{v.name || <em className="faint">unnamed</em>}</span>
          <span className={cx(formCss.inspChip, 'tone-neutral')}>{source ?? 'no source'}</span>
          <span className={cx(formCss.inspCardSummary, 'faint')}>{mountedBy.length ? `mounted by ${mountedBy.join(', ')}` : 'not mounted'}</span>
        </div>
        <div className={formCss.inspCardActions}>
          <button
            type="button"
            className="icon-btn sm"
            aria-label={`Remove volume ${v.name ?? ''}`}
            data-testid={`${tid}-remove`}
            onClick={() =>
              form.edit('Remove volume', (s) => {
                const volumes = (s.volumes ?? []).filter((_, i) => i !== index);
                if (volumes.length === 0) {
                  const { volumes: _drop, ...rest } = s;
                  return rest as typeof s;
                }
                return { ...s, volumes };
              })
            }
          >
            <TrashIcon size={14} />
          </button>
        </div>
      </div>
      <div className={formCss.inspCardBody}>
        <FieldMessages problems={problems.at(path)} />
        <div className={formCss.inspGrid2}>
          <Field label="Name" path={[...path, 'name']}>
            {(id, invalid) => <TextInput id={id} value={v.name} mono invalid={invalid} testId={`${tid}-name`} onChange={(name) => form.edit('Rename volume', (s) => renameVolume(s, index, name))} />}
          </Field>
          <Field label="Type">
            {(id) => (
              <Select<VolumeKind | ''>
                id={id}
                value={kind ?? (source ? (source as VolumeKind) : '')}
                options={[...(source && !kind ? [{ value: source as VolumeKind, label: `${source} (edit in YAML)` }] : []), ...VOLUME_KINDS]}
                testId={`${tid}-kind`}
                onChange={(k) => k && isFormVolumeKind(k) && form.edit('Change volume type', (s) => ({ ...s, volumes: (s.volumes ?? []).map((x, i) => (i === index ? withVolumeKind(x, k) : x)) }))}
              />
            )}
          </Field>
        </div>
        {kind === 'emptyDir' && (
          <div className={formCss.inspGrid2}>
            <Field label="Medium" path={[...path, 'emptyDir', 'medium']}>
              {(id) => (
                <Select
                  id={id}
                  value={(src.medium as string | undefined) ?? ''}
                  options={[
                    { value: '', label: 'Node disk (default)' },
                    { value: 'Memory', label: 'Memory (tmpfs)' },
                  ]}
                  testId={`${tid}-medium`}
                  onChange={(m) => setSource('medium', m === '' ? undefined : m, 'Edit volume medium')}
                />
              )}
            </Field>
            <Field label="Size limit" path={[...path, 'emptyDir', 'sizeLimit']}>
              {(id, invalid) => (
                <QuantityInput id={id} value={src.sizeLimit as string | undefined} kind={MEMORY} invalid={invalid} placeholder="none" testId={`${tid}-size`} onChange={(q) => setSource('sizeLimit', q, 'Edit volume size limit')} />
              )}
            </Field>
          </div>
        )}
        {kind === 'configMap' && (
          <div className={formCss.inspGrid2}>
            <Field label="ConfigMap" path={[...path, 'configMap', 'name']}>
              {(id, invalid) => <TextInput id={id} value={src.name as string} mono invalid={invalid} testId={`${tid}-configmap`} onChange={(n) => setSource('name', n, 'Edit volume ConfigMap')} />}
            </Field>
            <Checkbox checked={src.optional === true} label="optional" onChange={(o) => setSource('optional', o || undefined, 'Edit volume')} />
          </div>
        )}
        {kind === 'secret' && (
          <div className={formCss.inspGrid2}>
            <Field label="Secret" path={[...path, 'secret', 'secretName']}>
              {(id, invalid) => <TextInput id={id} value={src.secretName as string} mono invalid={invalid} testId={`${tid}-secret`} onChange={(n) => setSource('secretName', n, 'Edit volume Secret')} />}
            </Field>
            <Checkbox checked={src.optional === true} label="optional" onChange={(o) => setSource('optional', o || undefined, 'Edit volume')} />
          </div>
        )}
        {kind === 'hostPath' && (
          <div className={formCss.inspGrid2}>
            <Field label="Host path" path={[...path, 'hostPath', 'path']}>
              {(id, invalid) => <TextInput id={id} value={src.path as string} mono invalid={invalid} placeholder="/var/data" testId={`${tid}-hostpath`} onChange={(p) => setSource('path', p, 'Edit host path')} />}
            </Field>
            <Field label="Check" path={[...path, 'hostPath', 'type']}>
              {(id) => <Select id={id} value={(src.type as string | undefined) ?? ''} options={HOST_PATH_TYPES} onChange={(t) => setSource('type', t === '' ? undefined : t, 'Edit host path type')} />}
            </Field>
          </div>
        )}
        {kind === 'persistentVolumeClaim' && (
          <div className={formCss.inspGrid2}>
            <Field label="Claim" path={[...path, 'persistentVolumeClaim', 'claimName']}>
              {(id, invalid) => <TextInput id={id} value={src.claimName as string} mono invalid={invalid} testId={`${tid}-claim`} onChange={(n) => setSource('claimName', n, 'Edit volume claim')} />}
            </Field>
            <Checkbox checked={src.readOnly === true} label="read-only" onChange={(o) => setSource('readOnly', o || undefined, 'Edit volume')} />
          </div>
        )}
        {source && !kind && <div className={formCss.inspHint}>This volume uses <code>{source}</code>; edit it in the YAML tab.</div>}
      </div>
    </div>
  );
}
