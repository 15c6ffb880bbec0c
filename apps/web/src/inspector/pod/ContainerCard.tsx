import { useState } from 'react';
import type { Container } from 'kubernetes-types/core/v1';
import { defaultImageOf } from '@podflow/core';
import { ChevronDownIcon, ChevronRightIcon, TrashIcon } from '../../ui/icons';
import { pathKey } from '../model/paths';
import { RESOURCE_KINDS } from '@podflow/core';
import { renameContainer } from '../model/pod-target';
import { Checkbox, Field, Note, Select, TextInput } from '../form/fields';
import { StringListEditor } from '../form/StringListEditor';
import { FieldMessages } from '../form/fields';
import { useProblems, worst } from '../form/problems';
import { usePodForm } from './pod-form-context';
import { useOpenForReveal } from '../reveal';
import { EnvEditor, MountsEditor, PortsEditor } from './ContainerParts';
import { ResourcesEditor } from './ResourcesEditor';
import styles from './ContainerCard.module.css';
import { cx } from '../../ui/cx';
import formCss from '../form/form.module.css';

export type ContainerList = 'containers' | 'initContainers';

const PULL_POLICIES = [
  { value: '', label: 'Default' },
  { value: 'IfNotPresent', label: 'IfNotPresent' },
  { value: 'Always', label: 'Always' },
  { value: 'Never', label: 'Never' },
] as const;

function roleOf(form: ReturnType<typeof usePodForm>, list: ContainerList, c: Container): { label: string; tone: string; title: string } {
  if (form.target.kind === 'template') {
    if (c.name === 'default') return { label: 'every container', tone: 'accent', title: 'Merged into every container of every task' };
    if (c.name === 'primary') return { label: 'every primary', tone: 'accent', title: "Merged into each task's primary container" };
    return { label: 'by name', tone: 'neutral', title: 'Merged into task containers of the same name (never added)' };
  }
  if (list === 'initContainers') return c.restartPolicy === 'Always' ? { label: 'native sidecar', tone: 'neutral', title: 'Starts before the containers and keeps running' } : { label: 'init', tone: 'neutral', title: 'Runs to completion before the containers start' };
  if (c.name === form.primaryName) return { label: 'primary', tone: 'accent', title: "Runs the task's Python code" };
  return { label: 'sidecar', tone: 'neutral', title: 'Runs alongside the primary; stopped when the primary ends' };
}

/** One container of the pod (or of the workflow's pod template): every field the form edits, problems beside each. */
export function ContainerCard(props: { list: ContainerList; index: number; count: number; defaultOpen: boolean }) {
  const form = usePodForm();
  const { list, index } = props;
  const c = (form.spec[list]?.[index] ?? {}) as Container;
  const rel = [list, index] as const;
  const path = [...form.specPath, ...rel];
  const problems = useProblems();
  const [open, setOpen] = useState(props.defaultOpen);
  useOpenForReveal(path, open, setOpen);
  const isPrimary = form.target.kind === 'task' && list === 'containers' && c.name === form.primaryName;
  const role = roleOf(form, list, c);
  const tid = `${list === 'containers' ? 'container' : 'init'}-${index}`;
  const set = (field: string, value: unknown, label: string) => form.set([...rel, field], value, label);
  const under = problems.under(path);
  const level = worst(under);
  const taskImage = form.task?.image ?? defaultImageOf(form.doc);
  const move = (to: number) =>
    form.edit('Reorder containers', (s) => {
      const items = (s[list] ?? []).slice();
      const [item] = items.splice(index, 1);
      items.splice(to, 0, item!);
      return { ...s, [list]: items };
    });

  return (
    <div className={cx(formCss.inspCard, open && formCss.open)} data-path={pathKey(path)} data-testid={tid}>
      <div className={formCss.inspCardHeader}>
        <button type="button" className={formCss.inspCardToggle} aria-expanded={open} onClick={() => setOpen(!open)} data-testid={`${tid}-toggle`}>
          {open ? <ChevronDownIcon size={14} /> : <ChevronRightIcon size={14} />}
          <span className={cx(formCss.inspCardName, 'mono')}>{c.name || <em className="faint">unnamed</em>}</span>
          <span className={cx(formCss.inspChip, `tone-${role.tone}`)} title={role.title}>
            {role.label}
          </span>
          {!open && <span className={cx(formCss.inspCardSummary, 'faint', 'mono')}>{c.image ?? (isPrimary ? taskImage : '')}</span>}
          {level && <span className={cx(formCss.inspBadge, `tone-${level}`)}>{under.length}</span>}
        </button>
        <div className={formCss.inspCardActions}>
          <button type="button" className="icon-btn sm" aria-label="Move up" title="Move up" disabled={index === 0} onClick={() => move(index - 1)}>
            ↑
          </button>
          <button type="button" className="icon-btn sm" aria-label="Move down" title="Move down" disabled={index === props.count - 1} onClick={() => move(index + 1)}>
            ↓
          </button>
          <button
            type="button"
            className="icon-btn sm"
            aria-label={`Remove container ${c.name ?? ''}`}
            title="Remove container"
            data-testid={`${tid}-remove`}
            onClick={() =>
              form.edit('Remove container', (s) => {
                const items = (s[list] ?? []).filter((_, i) => i !== index);
                if (list === 'initContainers' && items.length === 0) {
                  const { initContainers: _drop, ...rest } = s;
                  return rest as typeof s;
                }
                return { ...s, [list]: items };
              })
            }
          >
            <TrashIcon size={14} />
          </button>
        </div>
      </div>
      {open && (
        <div className={formCss.inspCardBody}>
          <FieldMessages problems={problems.at(path)} />
          <div className={formCss.inspGrid2}>
            <Field label="Name" path={[...path, 'name']}>
              {(id, invalid) => (
                <TextInput
                  id={id}
                  value={c.name}
                  mono
                  invalid={invalid}
                  testId={`${tid}-name`}
                  onChange={(name) =>
                    form.target.kind === 'task' && list === 'containers'
                      ? form.apply((d) => renameContainer(d, form.target, list, index, name), 'Rename container')
                      : set('name', name, 'Rename container')
                  }
                />
              )}
            </Field>
            <Field label="Image" path={[...path, 'image']}>
              {(id, invalid) => (
                <TextInput
                  id={id}
                  value={c.image}
                  mono
                  invalid={invalid}
                  placeholder={isPrimary ? taskImage : form.target.kind === 'template' ? '(the task container’s)' : 'e.g. alpine:3.20'}
                  testId={`${tid}-image`}
                  onChange={(image) => set('image', image === '' ? undefined : image, 'Edit container image')}
                />
              )}
            </Field>
            <Field label="Image pull policy" path={[...path, 'imagePullPolicy']}>
              {(id, invalid) => (
                <Select id={id} value={(c.imagePullPolicy ?? '') as ''} options={PULL_POLICIES} invalid={invalid} testId={`${tid}-pull`} onChange={(v) => set('imagePullPolicy', v === '' ? undefined : v, 'Edit image pull policy')} />
              )}
            </Field>
            <Field label="Working directory" path={[...path, 'workingDir']}>
              {(id) => <TextInput id={id} value={c.workingDir} mono placeholder="(image default)" onChange={(v) => set('workingDir', v === '' ? undefined : v, 'Edit working directory')} />}
            </Field>
          </div>

          {isPrimary ? (
            <div className={formCss.inspField} data-path={pathKey([...path, 'command'])}>
              <span className={formCss.inspLabel}>Command and arguments</span>
              <Note>
                Set by Podflow: the primary container runs Podflow’s entrypoint on the task’s Python code
                {c.command || c.args ? '; the values below are replaced when the pod is compiled.' : '.'}
              </Note>
              {(c.command || c.args) && (
                <>
                  <StringListEditor label="Command" value={c.command} path={[...path, 'command']} disabled testId={`${tid}-command`} onChange={(v) => set('command', v, 'Edit command')} />
                  <StringListEditor label="Arguments" value={c.args} path={[...path, 'args']} disabled testId={`${tid}-args`} onChange={(v) => set('args', v, 'Edit arguments')} />
                  <button type="button" className={cx('btn', 'btn-sm', 'btn-ghost', styles.inspSelfStart)} onClick={() => form.edit('Clear command and arguments', (s) => ({ ...s, containers: (s.containers ?? []).map((x, i) => (i === index ? (({ command: _c, args: _a, ...rest }) => rest)(x) : x)) }))}>
                    Remove them
                  </button>
                </>
              )}
            </div>
          ) : (
            <>
              <StringListEditor label="Command" value={c.command} path={[...path, 'command']} placeholder="/bin/sh" addLabel="Add" testId={`${tid}-command`} onChange={(v) => set('command', v, 'Edit command')} />
              <StringListEditor label="Arguments" value={c.args} path={[...path, 'args']} placeholder="-c" addLabel="Add" testId={`${tid}-args`} onChange={(v) => set('args', v, 'Edit arguments')} />
            </>
          )}

          <EnvEditor value={c.env} path={[...path, 'env']} testId={`${tid}-env`} onChange={(v) => set('env', v, 'Edit environment')} />

          <div className={styles.inspSubhead}>
            <span className={formCss.inspLabel}>Resources</span>
          </div>
          {isPrimary && form.taskResourcesSet && (
            <Note kind="warning">
              The task’s own resources (Task tab) replace these on the primary container, as in Flyte
              {c.resources && (Object.keys(c.resources.requests ?? {}).length || Object.keys(c.resources.limits ?? {}).length) ? '; the values below are dropped when the pod is compiled.' : '.'}
            </Note>
          )}
          <ResourcesEditor
            value={c.resources as never}
            path={[...path, 'resources']}
            kinds={RESOURCE_KINDS}
            disabled={isPrimary && form.taskResourcesSet}
            testId={`${tid}-res`}
            onChange={(v) => set('resources', v, 'Edit container resources')}
          />

          <PortsEditor value={c.ports} path={[...path, 'ports']} testId={`${tid}-ports`} onChange={(v) => set('ports', v, 'Edit ports')} />
          <MountsEditor value={c.volumeMounts} path={[...path, 'volumeMounts']} volumeNames={form.volumeNames} testId={`${tid}-mounts`} onChange={(v) => set('volumeMounts', v, 'Edit volume mounts')} />

          {list === 'initContainers' && (
            <Checkbox
              checked={c.restartPolicy === 'Always'}
              path={[...path, 'restartPolicy']}
              label="Native sidecar (restartPolicy: Always) — starts first and keeps running"
              onChange={(on) => set('restartPolicy', on ? 'Always' : undefined, 'Edit restart policy')}
            />
          )}
        </div>
      )}
    </div>
  );
}
