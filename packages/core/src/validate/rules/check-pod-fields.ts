import type { WorkflowDoc } from '../../document/workflow-schema';
import { primaryContainerNameOf, tasksOf } from '../../document/accessors';
import { formatPath } from '../../document/path';
import type { Diagnostic } from '../diagnostic';
import { checkEnvName, checkImage, metadataFieldProblems, podSpecFieldProblems, resourceFieldProblems, type FieldPath, type FieldProblem } from './pod-field-problems';

/**
 * The pod fields of every task and of the workflow's pod template, field by field (pod-field-problems.ts), as
 * diagnostics with the task and the document path: what the inspector's Pod and Task forms show beside each field is
 * exactly what the Problems panel, the node badges, the CLI and the server report.
 */
export function checkPodFields(doc: WorkflowDoc): Diagnostic[] {
  const out: Diagnostic[] = [];
  const emit = (problems: FieldProblem[], base: FieldPath, task?: string) => {
    for (const p of problems) {
      const path = [...base, ...p.path];
      out.push({ code: 'pod-field', severity: p.severity, ...(task !== undefined ? { task } : {}), path: formatPath(path), message: `${subject(path)} ${p.message}` });
    }
  };
  const template = doc.spec.podTemplate;
  if (template?.spec) emit(podSpecFieldProblems(template.spec, { mode: 'template' }), ['spec', 'podTemplate', 'spec']);
  for (const kind of ['labels', 'annotations'] as const) emit(metadataFieldProblems(template?.metadata?.[kind], kind, []), ['spec', 'podTemplate', 'metadata', kind]);
  const templateVolumes = (template?.spec?.volumes ?? []).map((v) => v?.name).filter((n): n is string => !!n);

  tasksOf(doc).forEach((task, i) => {
    const base: FieldPath = ['spec', 'tasks', i];
    const field = (name: string, message: string | undefined) => message && emit([{ path: [name], message, severity: 'error' }], base, task.name);
    field('image', checkImage(task.image, false));
    emit(resourceFieldProblems(task.resources as never, [], { task: true, defaultsLimits: true }), [...base, 'resources'], task.name);
    for (const key of Object.keys(task.env ?? {})) emit(message(checkEnvName(key), ['env', key]), base, task.name);
    const pod = task.pod;
    if (!pod) return;
    if (pod.spec) {
      emit(podSpecFieldProblems(pod.spec, { mode: 'task', primaryName: primaryContainerNameOf(task), extraVolumes: templateVolumes }), [...base, 'pod', 'spec'], task.name);
    }
    for (const kind of ['labels', 'annotations'] as const) emit(metadataFieldProblems(pod[kind], kind, []), [...base, 'pod', kind], task.name);
  });
  return out;
}

const message = (text: string | undefined, path: FieldPath): FieldProblem[] => (text ? [{ path, message: text, severity: 'error' }] : []);

/** The field a message is about, as a person reads it: `containerPort`, `limits.cpu`, `volumes[1]`. */
function subject(path: FieldPath): string {
  const last = path[path.length - 1];
  if (typeof last === 'number') return `${String(path[path.length - 2])}[${last}]`;
  const parent = path[path.length - 2];
  return parent === 'requests' || parent === 'limits' || parent === 'env' || parent === 'labels' || parent === 'annotations' || parent === 'nodeSelector' ? `${parent}.${last}` : String(last);
}
