// @podflow/core/diff — what changed between two versions of a workflow (pure, like the rest of core).
export * from './diff-workflows';
export * from './node-pod-diff';
