import { createContext, useContext } from 'react';
import type { Diagnostic } from '@podflow/core';
import type { Path } from '../model/immutable';
import { normalizePathString, pathKey, startsWithPath } from '../model/paths';

export interface ShownProblem {
  message: string;
  severity: 'error' | 'warning' | 'info';
}

/**
 * Problems by document path, for the fields that show them. They are the workflow's own diagnostics (core's
 * `validateWorkflow`, run as the person types): a field shows exactly what the Problems panel, the node badges, the
 * CLI and the server report for it.
 */
export class ProblemIndex {
  private readonly byKey = new Map<string, ShownProblem[]>();
  private readonly entries: { path: string; problem: ShownProblem }[] = [];

  constructor(diagnostics: readonly Diagnostic[] = []) {
    for (const d of diagnostics) this.add(normalizePathString(d.path), { message: d.message, severity: d.severity });
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
