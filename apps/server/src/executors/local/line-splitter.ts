import { StringDecoder } from 'node:string_decoder';

/** Longer lines are cut into pieces of this many characters (a marker line with 1 MiB of outputs stays whole). */
export const MAX_LINE_CHARS = 4 * 1024 * 1024;

/** Bytes from a pipe → complete UTF-8 text lines without their `\n`; `end()` flushes a last unterminated line. */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    this.take(this.decoder.write(chunk));
  }

  end(): void {
    this.take(this.decoder.end());
    if (this.pending) this.emit(this.pending);
    this.pending = '';
  }

  private take(text: string): void {
    if (!text) return;
    const pieces = (this.pending + text).split('\n');
    this.pending = pieces.pop() ?? '';
    for (const piece of pieces) this.emit(piece);
    while (this.pending.length > MAX_LINE_CHARS) {
      this.onLine(this.pending.slice(0, MAX_LINE_CHARS));
      this.pending = this.pending.slice(MAX_LINE_CHARS);
    }
  }

  private emit(line: string): void {
    for (let i = 0; i < line.length || i === 0; i += MAX_LINE_CHARS) this.onLine(line.slice(i, i + MAX_LINE_CHARS));
  }
}
