import { createContext, useContext } from 'react';
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { Task, WorkflowDoc } from '@podflow/core';
import type { Path } from '../model/immutable';
import type { PodTarget } from '../model/pod-target';
import type { ApplyFn } from '../inspector-types';

export interface PodForm {
  doc: WorkflowDoc;
  target: PodTarget;
  /** The stored spec, or `{containers: []}` when absent. */
  spec: PodSpec;
  /** Document path of the spec. */
  specPath: Path;
  task?: Task;
  /** Task mode only. */
  primaryName?: string;
  /** Task-level resources are set, so they replace the primary container's own. */
  taskResourcesSet: boolean;
  /** Names of volumes a mount may name: the pod's own and the workflow template's. */
  volumeNames: string[];
  apply: ApplyFn;
  /** Applies an edit of the spec as one undo step (typing with the same label merges). */
  edit(label: string, fn: (spec: PodSpec) => PodSpec): void;
  /** Sets (or with undefined removes) a value inside the spec; `prune` drops emptied parents. */
  set(rel: Path, value: unknown, label: string, prune?: number): void;
}

export const PodFormContext = createContext<PodForm | null>(null);

export function usePodForm(): PodForm {
  const ctx = useContext(PodFormContext);
  if (!ctx) throw new Error('usePodForm outside a PodSpecForm');
  return ctx;
}
