import { describe, expect, it } from 'vitest';
import { fragmentFromText, fragmentToText } from './fragment-clipboard';

describe('fragment clipboard text', () => {
  const fragment = {
    tasks: [{ name: 'square', type: 'python' as const, code: 'def square(x: int) -> int:\n    return x * x\n' }],
    nodes: [{ id: 'square', task: 'square', inputs: { x: { value: 3 } } }],
    layout: { square: { x: 10, y: 20 } },
  };

  it('round-trips through YAML text', () => {
    const text = fragmentToText(fragment as never);
    expect(text).toContain('def square');
    expect(fragmentFromText(text)).toEqual(fragment);
  });

  it('refuses text that is not a fragment', () => {
    expect(fragmentFromText('hello')).toBeUndefined();
    expect(fragmentFromText('tasks: 3')).toBeUndefined();
    expect(fragmentFromText(': : :')).toBeUndefined();
  });
});
