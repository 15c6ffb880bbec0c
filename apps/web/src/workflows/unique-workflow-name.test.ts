import { describe, expect, it } from 'vitest';
import { isDns1123Label } from '@podflow/core';
import { uniqueWorkflowName } from './unique-workflow-name';

describe('uniqueWorkflowName', () => {
  it('keeps a free name and numbers the copies', () => {
    expect(uniqueWorkflowName('pod-workflow', [])).toBe('pod-workflow');
    expect(uniqueWorkflowName('pod-workflow', ['pod-workflow'])).toBe('pod-workflow-2');
    expect(uniqueWorkflowName('pod-workflow', ['pod-workflow', 'pod-workflow-2', 'pod-workflow-3'])).toBe('pod-workflow-4');
  });
  it('fills the first gap', () => {
    expect(uniqueWorkflowName('w', ['w', 'w-3'])).toBe('w-2');
  });
  it('stays a DNS-1123 label when the base is already 63 characters long', () => {
    const base = `${'a'.repeat(61)}-b`;
    const name = uniqueWorkflowName(base, [base]);
    expect(name).toHaveLength(63);
    expect(name.endsWith('-2')).toBe(true);
    expect(isDns1123Label(name)).toBe(true);
  });
});
