import { describe, expect, it } from 'vitest';
import { LineIndex } from './line-index';

describe('LineIndex', () => {
  it('maps offsets to 1-based lines and columns across \\n, \\r\\n and \\r', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const index = new LineIndex(text);
    expect(index.lineCol(0)).toEqual({ line: 1, col: 1 });
    expect(index.lineCol(2)).toEqual({ line: 1, col: 3 });
    expect(index.lineCol(3)).toEqual({ line: 2, col: 1 });
    expect(index.lineCol(text.indexOf('e'))).toEqual({ line: 3, col: 1 });
    expect(index.lineCol(text.indexOf('h'))).toEqual({ line: 4, col: 2 });
    expect(index.lineCol(text.length + 10)).toEqual({ line: 4, col: 3 });
    expect(index.lineStart(text.indexOf('d'))).toBe(3);
  });
});
