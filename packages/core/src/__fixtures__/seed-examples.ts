// Test-only: the seed's four example workflows, read from examples/seed/ (vitest runs in Node; core's own code never
// touches the file system).
import { readFileSync } from 'node:fs';
import { parseWorkflowOrThrow } from '../document/parse-workflow';
import type { WorkflowDoc } from '../document/workflow-schema';

export const SEED_EXAMPLES = ['pod-workflow', 'multiple-containers-pod-workflow', 'map-pod-workflow', 'dynamic-pod-workflow'] as const;
export type SeedExample = (typeof SEED_EXAMPLES)[number];

export function seedText(name: SeedExample): string {
  return readFileSync(new URL(`../../../../examples/seed/${name}.podflow.yaml`, import.meta.url), 'utf8');
}

export function seedDoc(name: SeedExample): WorkflowDoc {
  return parseWorkflowOrThrow(seedText(name));
}
