import { describe, expect, it } from 'vitest';
import { RunLogs, searchLines, sourceKey, LOG_PAGE } from './log-buffer';
import type { LogLine, LogPage, LogQuery } from './runs-api';

const line = (seq: number, container = 'primary', executionId = 'e', attempt = 0): LogLine => ({
  seq,
  ts: 1_000 + seq,
  executionId,
  attempt,
  container,
  stream: 'stdout',
  line: `line ${seq}`,
});

/** A fake logs API over a list of lines, paging as the server does (after, limit, next). */
function fakeServer(all: LogLine[]) {
  const calls: LogQuery[] = [];
  const fetchPage = async (q: LogQuery): Promise<LogPage> => {
    calls.push(q);
    const matching = all.filter(
      (l) => (q.execution === undefined || l.executionId === q.execution) && (q.attempt === undefined || l.attempt === q.attempt) && (q.container === undefined || l.container === q.container),
    );
    const after = q.after ?? 0;
    const limit = q.limit ?? 1000;
    const page = matching.filter((l) => l.seq > after).slice(0, limit);
    const more = matching.some((l) => l.seq > (page.at(-1)?.seq ?? after)) && page.length === limit;
    return more ? { lines: page, next: page.at(-1)!.seq } : { lines: page };
  };
  return { fetchPage, calls };
}

describe('RunLogs', () => {
  it('keeps lines per execution, attempt and container, and ignores lines it already holds', () => {
    const logs = new RunLogs(fakeServer([]).fetchPage);
    logs.append([line(1, 'init'), line(2), line(3, 'secondary'), line(4)]);
    logs.append([line(2), line(4), line(5)]); // a replay after a reconnect
    expect(logs.source('e', 0, 'primary')!.lines.map((l) => l.seq)).toEqual([2, 4, 5]);
    expect(logs.source('e', 0, 'init')!.lines.map((l) => l.seq)).toEqual([1]);
    expect(logs.containersOf('e', 0)).toEqual(['init', 'primary', 'secondary']);
  });

  it('notifies subscribers once per batch and bumps the source version', () => {
    const logs = new RunLogs(fakeServer([]).fetchPage);
    let calls = 0;
    logs.subscribe(() => calls++);
    logs.append([line(1), line(2), line(3)]);
    expect(calls).toBe(1);
    expect(logs.source('e', 0, 'primary')!.version).toBe(1);
    logs.append([line(3)]);
    expect(calls).toBe(1);
  });

  it('drops the oldest lines past the cap and pages them back from the server, in order, without duplicates', async () => {
    const all = Array.from({ length: 12_345 }, (_, i) => line(i + 1));
    // Other sources' lines interleave on the server; paging filters by source.
    const withOthers = [...all, ...Array.from({ length: 50 }, (_, i) => line(20_000 + i, 'sidecar'))].sort((a, b) => a.seq - b.seq);
    const server = fakeServer(withOthers);
    const logs = new RunLogs(server.fetchPage, 1_000);
    for (let i = 0; i < all.length; i += 500) logs.append(all.slice(i, i + 500));
    const s = logs.source('e', 0, 'primary')!;
    expect(s.truncated).toBe(true);
    expect(s.lines.length).toBeLessThanOrEqual(1_100);
    expect(s.lines.at(-1)!.seq).toBe(12_345);
    const held = s.lines.length;

    const [a, b] = [logs.loadEarlier(s.key), logs.loadEarlier(s.key)];
    expect(logs.isLoading(s.key)).toBe(true);
    const added = await a;
    expect(await b).toBe(added); // one load shared
    expect(added).toBe(12_345 - held);
    expect(s.truncated).toBe(false);
    expect(s.lines.map((l) => l.seq)).toEqual(all.map((l) => l.seq));
    expect(server.calls.every((c) => c.execution === 'e' && c.attempt === 0 && c.container === 'primary' && c.limit === LOG_PAGE)).toBe(true);
    // It stops paging once it reached the lines it held.
    expect(server.calls.length).toBe(Math.ceil((12_345 - held) / LOG_PAGE) + ((12_345 - held) % LOG_PAGE === 0 ? 1 : 0));
    expect(await logs.loadEarlier(s.key)).toBe(0);
  });

  it('prepends only lines older than the first held', () => {
    const logs = new RunLogs(fakeServer([]).fetchPage);
    logs.append([line(10), line(11)]);
    const key = sourceKey('e', 0, 'primary');
    expect(logs.prepend(key, [line(8), line(9), line(10), line(9)], true)).toBe(2);
    expect(logs.source('e', 0, 'primary')!.lines.map((l) => l.seq)).toEqual([8, 9, 10, 11]);
  });
});

describe('searchLines', () => {
  it('finds lines case-insensitively, and nothing to filter for an empty query', () => {
    const lines = [line(1), { ...line(2), line: 'ValueError: Bad value' }, line(3)];
    expect(searchLines(lines, 'bad VALUE')).toEqual([1]);
    expect(searchLines(lines, '  ')).toBeNull();
  });
});
