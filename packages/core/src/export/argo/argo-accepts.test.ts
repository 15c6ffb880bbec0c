import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argoRequired, argoValidator, validateWithArgo } from '../../../../../scripts/argo/argo-validator.mjs';
import { parseWorkflowOrThrow } from '../../document/parse-workflow';
import type { WorkflowDoc } from '../../document/workflow-schema';
import * as small from '../../__fixtures__/small-docs';
import { syntheticWorkflow } from '../../__fixtures__/synthetic';
import { arbExportableWorkflow } from './__fixtures__/arbitrary-exportable';
import { richDoc } from './__fixtures__/argo-docs';
import { toArgoWorkflow, type ArgoExportOptions } from './to-argo-workflow';
import { toArgoYaml } from './to-argo-yaml';

/**
 * Every export is checked by Argo Workflows itself (v4.0.5's strict parser and validate package, built by
 * scripts/argo/build-validator.sh), not by us. The API-server half (the full CRDs) is argo-crds.k8s.test.ts.
 */
const validator = argoValidator();
const T = { timeout: 900_000 };
const examplesDir = new URL('../../../../../examples/', import.meta.url);

function exampleFiles(dir: URL): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.podflow.yaml'))
    .map((e) => join(e.parentPath, e.name));
}

let work: string;
let checked = 0;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'podflow-argo-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  if (checked) console.log(`argo validator: ${checked} exported workflows accepted`);
});

function accept(doc: WorkflowDoc, options: ArgoExportOptions = {}): void {
  const e = toArgoWorkflow(doc, options);
  if (!e.ok) throw new Error(`${doc.metadata.name}: refused: ${JSON.stringify(e.diagnostics)}`);
  const result = validateWithArgo(validator.bin!, toArgoYaml(e));
  const workflows = result.documents.filter((d) => d.kind === 'Workflow' || d.kind === 'WorkflowTemplate');
  expect(workflows, `${doc.metadata.name}: ${JSON.stringify(result)}`).toHaveLength(1);
  expect(result.documents.filter((d) => d.error), doc.metadata.name).toEqual([]);
  expect(result.ok).toBe(true);
  checked++;
}

describe.skipIf(validator.missing && !argoRequired)(`Argo's own validation accepts every export${validator.missing ? ` (SKIPPED: ${validator.missing})` : ''}`, () => {
  it('the validator exists (a missing Go toolchain is a failure under CI=1 / PODFLOW_REQUIRE_K8S=1)', () => {
    expect(validator.missing).toBeUndefined();
  });

  it('every example (a dynamic one is refused, naming its node)', T, () => {
    const files = exampleFiles(examplesDir);
    expect(files.length).toBeGreaterThanOrEqual(4);
    let refused = 0;
    for (const file of files) {
      const doc = parseWorkflowOrThrow(readFileSync(file, 'utf8'));
      const e = toArgoWorkflow(doc);
      if (!e.ok) {
        expect(e.diagnostics.filter((d) => d.severity === 'error').every((d) => d.code.startsWith('argo-') && d.nodeId), file).toBe(true);
        refused++;
        continue;
      }
      accept(doc);
      accept(doc, { generateName: true });
      accept(doc, { template: true });
    }
    expect(refused).toBeLessThan(files.length);
  });

  it('the fixtures: the rich one (every pod shape and construct), the small documents, chains, fan-outs and lattices', T, () => {
    accept(richDoc());
    accept(richDoc(), { inputs: { greeting: 'on', numbers: [] } });
    accept(richDoc(), { template: true });
    for (const [name, doc] of Object.entries(small)) {
      const e = toArgoWorkflow(doc as WorkflowDoc);
      if (e.ok) accept(doc as WorkflowDoc);
      else expect(e.diagnostics.some((d) => d.severity === 'error'), name).toBe(true);
    }
    for (const shape of ['chain', 'fanout', 'lattice'] as const) accept(syntheticWorkflow(shape, 60));
  });

  it('property: every generated exportable workflow', T, () => {
    fc.assert(fc.property(arbExportableWorkflow, (doc) => accept(doc)), { numRuns: 60, seed: 14 });
  });

  it('a deliberately broken export is refused: an unknown field, an undefined template, an output of no dependency', T, () => {
    const e = toArgoWorkflow(richDoc());
    if (!e.ok) throw new Error('refused');
    const yaml = toArgoYaml(e);
    const broken = {
      unknownField: yaml.replace('    - name: main\n', '    - name: main\n      imagee: nope\n'),
      undefinedTemplate: yaml.replace('template: sum-up-pod', 'template: sum-up-missing'),
      notADependency: yaml.replace('value: "{{tasks.double.outputs.parameters.o0}}"', 'value: "{{tasks.shout-once.outputs.parameters.o0}}"'),
    };
    for (const [what, text] of Object.entries(broken)) {
      expect(text, what).not.toBe(yaml);
      const result = validateWithArgo(validator.bin!, text);
      expect(result.ok, what).toBe(false);
      writeFileSync(join(work, `${what}.yaml`), text);
    }
    expect(validateWithArgo(validator.bin!, broken.unknownField).documents.find((d) => d.error)?.error).toContain('unknown field');
  });
});
