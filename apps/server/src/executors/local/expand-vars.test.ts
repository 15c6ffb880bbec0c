import { describe, expect, it } from 'vitest';
import { expandVars } from './expand-vars';

const env: Record<string, string> = { A: 'apple', B: 'b$(A)', EMPTY: '' };
const x = (s: string) => expandVars(s, (n) => env[n]);

describe('expandVars (Kubernetes semantics)', () => {
  it('replaces defined variables and keeps undefined ones', () => {
    expect(x('$(A)/x')).toBe('apple/x');
    expect(x('$(NOPE)')).toBe('$(NOPE)');
    expect(x('[$(EMPTY)]')).toBe('[]');
  });
  it('treats $$ as an escaped $', () => {
    expect(x('$$(A)')).toBe('$(A)');
    expect(x('$$$(A)')).toBe('$apple');
    expect(x('cost $$5')).toBe('cost $5');
  });
  it('keeps other dollars, unclosed references and a trailing $', () => {
    expect(x('$HOME $A')).toBe('$HOME $A');
    expect(x('$(A')).toBe('$(A');
    expect(x('end$')).toBe('end$');
  });
  it('does not expand twice', () => {
    expect(x('$(B)')).toBe('b$(A)');
  });
});
