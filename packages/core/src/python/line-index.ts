/** 1-based line and column of an offset in a text (columns count UTF-16 code units, as editors do). */
export interface LineCol {
  line: number;
  col: number;
}

/**
 * Maps offsets in a text to 1-based lines and columns. Line breaks are `\n`, `\r\n` and a lone `\r` (Python's
 * universal newlines). Built once per text in one pass; each lookup is a binary search.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) this.starts.push(i + 1);
      else if (ch === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  lineCol(offset: number): LineCol {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: at - (this.starts[lo] ?? 0) + 1 };
  }

  /** Offset where the line holding `offset` starts. */
  lineStart(offset: number): number {
    const { line } = this.lineCol(offset);
    return this.starts[line - 1] ?? 0;
  }
}
