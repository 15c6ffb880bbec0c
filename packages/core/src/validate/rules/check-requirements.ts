import type { Task } from '../../document/workflow-schema';
import { parseRequirement } from '../../python/requirement';
import type { Diagnostic } from '../diagnostic';

/**
 * A task's `requirements`: each one a PEP 508 requirement from the package index (no pip options, URLs or local
 * paths), no project named twice (PEP 503 names: `Foo_Bar` and `foo-bar` are one project). Diagnostics point at
 * `spec.tasks[i].requirements[j]`.
 */
export function checkRequirements(task: Task, taskIndex: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, number>();
  (task.requirements ?? []).forEach((line, j) => {
    const path = `spec.tasks[${taskIndex}].requirements[${j}]`;
    const parsed = parseRequirement(line);
    if (!parsed.ok) {
      const what = line.trim() === '' ? `requirement ${j + 1}` : `requirement ${j + 1} ("${line.trim()}")`;
      out.push({ code: 'requirement-invalid', severity: 'error', task: task.name, path, ...(parsed.col ? { col: parsed.col } : {}), message: `${what} ${parsed.message}` });
      return;
    }
    const name = parsed.requirement.normalizedName;
    const first = seen.get(name);
    if (first !== undefined) {
      out.push({ code: 'requirement-duplicate', severity: 'error', task: task.name, path, message: `"${parsed.requirement.name}" is already required by requirement ${first + 1} ("${task.requirements![first]}"); name each package once (put every version clause on one line)` });
    } else seen.set(name, j);
  });
  return out;
}

