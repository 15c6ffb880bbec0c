import { describe, expect, it } from 'vitest';
import { DeliveredLines } from './delivered-lines';

const S = 1_000_000_000n;
const T = 1_767_225_600n * S; // 2026-01-01T00:00:00Z

/** Feeds one read's lines through a fresh reader and returns the texts it hands on. */
function read(delivered: DeliveredLines, lines: [bigint, string][]): string[] {
  const isNew = delivered.reader();
  return lines.filter(([ns, text]) => isNew(ns, text)).map(([, text]) => text);
}

describe('DeliveredLines', () => {
  it('a first read hands on every line and starts from the beginning', () => {
    const d = new DeliveredLines();
    expect(d.sinceTime()).toBeUndefined();
    expect(read(d, [[T, 'a'], [T, 'a'], [T + 1n, 'b']])).toEqual(['a', 'a', 'b']);
  });

  it('a re-read hands on only the lines after what was delivered', () => {
    const d = new DeliveredLines();
    read(d, [[T + S / 2n, 'one'], [T + S, 'two']]);
    // the re-read returns from its sinceTime on: the overlap, then the new lines
    expect(read(d, [[T + S / 2n, 'one'], [T + S, 'two'], [T + S + 5n, 'three']])).toEqual(['three']);
  });

  it('timestamps that go backwards (stdout and stderr stamped as each pipe is read) are not handed on twice', () => {
    const d = new DeliveredLines();
    // the stderr line was written after the stdout line but stamped 3 µs before it
    expect(read(d, [[T + 10_000n, 'init says hi'], [T + 7_000n, 'init warns']])).toEqual(['init says hi', 'init warns']);
    expect(read(d, [[T + 10_000n, 'init says hi'], [T + 7_000n, 'init warns']])).toEqual([]);
  });

  it('two identical lines at the same instant are two lines, and a third is new', () => {
    const d = new DeliveredLines();
    read(d, [[T, 'x'], [T, 'x']]);
    expect(read(d, [[T, 'x'], [T, 'x'], [T, 'x']])).toEqual(['x']);
  });

  it('the re-read starts a margin before the newest line, in whole seconds', () => {
    const d = new DeliveredLines();
    read(d, [[T + 5n * S + S / 4n, 'late']]);
    expect(d.sinceTime()).toBe('2026-01-01T00:00:04Z');
  });

  it('lines before the margin are forgotten, and lines inside it are kept however long the log', () => {
    const d = new DeliveredLines();
    const lines: [bigint, string][] = [];
    for (let i = 0n; i < 5000n; i++) lines.push([T + i * (S / 1000n), `line ${i}`]); // 5 s of lines, 1 ms apart
    read(d, lines);
    const since = BigInt(Date.parse(d.sinceTime()!)) * 1_000_000n;
    const reread = lines.filter(([ns]) => ns >= since);
    expect(reread.length).toBeGreaterThan(0);
    expect(read(d, [...reread, [T + 6n * S, 'new']])).toEqual(['new']);
  });
});
