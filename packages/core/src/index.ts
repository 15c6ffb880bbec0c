// @podflow/core — pure TypeScript: no DOM, no node:*. Runs unchanged in the browser and in Node.
export * from './util/json';
export * from './util/hash';
export * from './util/names';

export * from './document/ids';
export * from './document/workflow-schema';
export * from './document/accessors';
export * from './document/parse-workflow';
export * from './document/nesting-depth';
export * from './document/workflow-name';
export * from './document/path';
export * from './document/serialize-workflow';
export * from './document/task-signature';
export * from './document/mapped-inputs';

export * from './python/py-type';
export * from './python/parse-task-code';
export * from './python/requirement';

export * from './graph/index';
export * from './ops/index';

export * from './validate/diagnostic';
export * from './validate/validate-workflow';
export { workingDirProblem } from './validate/rules/check-working-dirs';
export * from './validate/check-run';
export * from './validate/validate-compiled-pod';
export { unusedTasks } from './validate/rules/check-unused-tasks';
export * from './validate/validate-dynamic-spec';
export * from './validate/binding-types';
export * from './validate/rules/pod-field-problems';
export * from './k8s/quantity';

export * from './compile/runtime-contract';
export * from './compile/compiled-pod';
export * from './compile/compile';
export * from './compile/to-pod';
export { pipInstallCommand, requirementsModeOf, taskRequirements } from './compile/requirements-pod';
export { ENTRYPOINT_SOURCE } from './runtime/generated/entrypoint-source';
export * from './compile/task-pod-spec';
export * from './compile/task-cache-key';
export * from './compile/to-kubernetes-yaml';
export * from './compile/pod-names';
export * from './k8s/validate-pod-spec';
export * from './compile/document-path-of-pod-field';
export * from './k8s/pod-references';
export * from './k8s/node-fit';
export * from './k8s/pod-requests';

export * from './run/run-events';
export * from './run/execution-id';

export * from './api/api-ids';
export * from './api/api-requests';
export * from './api/api-answers';
export * from './run/resolve-run-inputs';
export * from './export/flyte-module';

export * from './export/argo/argo-types';
export * from './export/argo/to-argo-workflow';
export * from './export/argo/to-argo-yaml';
export * from './run/parse-input-text';
export * from './run/single-node-run';
// The version diff is `@podflow/core/diff` (./diff/index.ts), not re-exported here: a module behind this barrel lands in
// the web app's shared first-load chunk whatever imports it, and the diff is only needed by a lazily loaded view.
