import { createContext, useContext } from 'react';
import type { Diagnostic } from '@podflow/core';
import type { FieldProblem } from '../model/k8s-checks';
import type { Path } from '../model/immutable';
import { normalizePathString, pathKey, startsWithPath } from '../model/paths';

export interface ShownProblem {
  message: string;
  severity: 'error' | 'warning' | 'info';
}

/**
 * Problems by document path, for the fields that show them. Checks made as the person types come first; a
 * diagnostic from the workflow's validation is shown at a path only when the local checks found nothing there
 * (both often say the same thing in other words).
 */
export class ProblemIndex {
  private readonly byKey = new Map<string, ShownProblem[]>();
  private readonly entries: { path: string; problem: ShownProblem }[] = [];

  constructor(local: readonly { path: Path; problem: FieldProblem }[] = [], diagnostics: readonly Diagnostic[] = []) {
    const localKeys = new Set<string>();
    for (const { path, problem } of local) {
      const key = pathKey(path);
      localKeys.add(key);
      this.add(key, { message: problem.message, severity: problem.severity });
    }
    for (const d of diagnostics) {
      const key = normalizePathString(d.path);
      if (localKeys.has(key)) continue;
      this.add(key, { message: d.message, severity: d.severity });
    }
  }

  private add(key: string, problem: ShownProblem) {
    const list = this.byKey.get(key) ?? [];
    if (list.some((p) => p.message === problem.message)) return;
    list.push(problem);
    this.byKey.set(key, list);
    this.entries.push({ path: key, problem });
  }

  at(path: Path | string): ShownProblem[] {
    return this.byKey.get(typeof path === 'string' ? path : pathKey(path)) ?? [];
  }

  /** Problems at `path` or below it. */
  under(path: Path): ShownProblem[] {
    const key = pathKey(path);
    return this.entries.filter((e) => e.path === key || e.path.startsWith(`${key}.`) || e.path.startsWith(`${key}[`)).map((e) => e.problem);
  }

  get size(): number {
    return this.entries.length;
  }
}

export const ProblemsContext = createContext(new ProblemIndex());
export const useProblems = () => useContext(ProblemsContext);

/** Worst severity first. */
export function worst(problems: readonly ShownProblem[]): ShownProblem['severity'] | undefined {
  if (problems.some((p) => p.severity === 'error')) return 'error';
  if (problems.some((p) => p.severity === 'warning')) return 'warning';
  return problems.length ? 'info' : undefined;
}

export { startsWithPath };
