import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactElement } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { SearchIcon, XIcon } from '../ui/icons';
import { formatLogTime, searchLines, sourceKey, type RunLogs } from './log-buffer';
import type { LogLine } from './runs-api';
import styles from './LogViewer.module.css';

/**
 * One container's log of one attempt: timestamped lines, stderr marked, searchable, and readable at 100,000 lines and
 * more — only the rows in view (plus a few) are in the DOM, at a fixed row height (windowed by @tanstack/react-virtual).
 * It follows new lines while scrolled to the bottom. Lines a source dropped from memory are paged back from the server
 * when the top is reached.
 */
export const ROW_HEIGHT = 18;
const OVERSCAN = 20;
const NO_LINES: readonly LogLine[] = [];

export const LogViewer = memo(function LogViewer(props: { logs: RunLogs; executionId: string; attempt: number; container: string; emptyText: string }) {
  const { logs, executionId, attempt, container } = props;
  const key = sourceKey(executionId, attempt, container);
  const version = useSyncExternalStore(logs.subscribe, () => logs.source(executionId, attempt, container)?.version ?? -1);
  const source = logs.source(executionId, attempt, container);
  // Lines are appended in place; `version` says when.
  const lines: readonly LogLine[] = source?.lines ?? NO_LINES;
  const truncated = source?.truncated ?? false;

  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const t = window.setTimeout(() => setDebounced(query), 120);
    return () => window.clearTimeout(t);
  }, [query]);
  const matches = useMemo(() => searchLines(lines, debounced), [lines, version, debounced]);
  const count = matches ? matches.length : lines.length;
  const lineAt = (row: number): LogLine => lines[matches ? matches[row]! : row]!;

  const scroller = useRef<HTMLDivElement>(null);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  // Anchored to the end: while scrolled to the bottom, appended lines are followed; scrolled up, the rows in view stay
  // where they are, also when older lines are put in front (paged back from the server) or the oldest are dropped.
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (row) => lineAt(row).seq,
    overscan: OVERSCAN,
    anchorTo: 'end',
    followOnAppend: true,
  });

  // A new source, or a new search: start at the end (the latest lines), following.
  useLayoutEffect(() => {
    if (count > 0) virtualizer.scrollToEnd();
  }, [key, debounced]); // only when what is shown changes, not on every line

  // At the top of a source that dropped its oldest lines: page them back (the anchor keeps the rows in view in place).
  const atTop = (virtualizer.scrollOffset ?? 0) <= ROW_HEIGHT * 3;
  useEffect(() => {
    if (!truncated || matches || !atTop || loadingEarlier) return;
    setLoadingEarlier(true);
    void logs
      .loadEarlier(key)
      .catch(() => undefined)
      .finally(() => setLoadingEarlier(false));
  }, [truncated, matches, atTop, loadingEarlier, logs, key]);

  const q = debounced.trim().toLowerCase();
  const rows = virtualizer.getVirtualItems().map((item) => {
    const i = matches ? matches[item.index]! : item.index;
    const l = lines[i]!;
    return (
      <div
        key={item.key}
        className={l.stream === 'stderr' ? `${styles.row} ${styles.stderr}` : styles.row}
        style={{ top: item.start, height: ROW_HEIGHT, lineHeight: `${ROW_HEIGHT}px` }}
        data-testid="log-line"
        data-stream={l.stream}
      >
        <span className={styles.no}>{i + 1}</span>
        <span className={styles.ts}>{formatLogTime(l.ts)}</span>
        <span className={styles.text}>{q ? <Highlight text={l.line} q={q} /> : l.line || ' '}</span>
      </div>
    );
  });

  return (
    <div className={styles.viewer} data-testid="log-viewer" data-container={container} data-lines={lines.length}>
      <div className={styles.toolbar}>
        <label className={styles.search}>
          <SearchIcon size={13} />
          <input
            className={`input ${styles.searchInput}`}
            placeholder="Search this log"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && query) {
                e.stopPropagation();
                setQuery('');
              }
            }}
            aria-label="Search the log"
            data-testid="log-search"
          />
          {query && (
            <button type="button" className={`icon-btn sm ${styles.clear}`} aria-label="Clear the search" onClick={() => setQuery('')}>
              <XIcon size={12} />
            </button>
          )}
        </label>
        <span className={`${styles.count} faint`} data-testid="log-count">
          {matches ? `${matches.length.toLocaleString()} of ${lines.length.toLocaleString()} lines` : `${lines.length.toLocaleString()} line${lines.length === 1 ? '' : 's'}`}
          {truncated && !matches && ' (earlier lines on the server)'}
        </span>
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => virtualizer.scrollToEnd()} title="Scroll to the latest line and follow new ones" data-testid="log-latest">
          Latest
        </button>
      </div>
      <div className={styles.scroll} ref={scroller} tabIndex={0} aria-label={`Log of ${container}`} data-testid="log-scroll">
        {count === 0 ? (
          <div className={`${styles.empty} faint`}>{matches ? 'No line matches.' : props.emptyText}</div>
        ) : (
          <div className={styles.rows} style={{ height: virtualizer.getTotalSize() }}>
            {loadingEarlier && <div className={styles.loading}>Loading earlier lines…</div>}
            {rows}
          </div>
        )}
      </div>
    </div>
  );
});

function Highlight({ text, q }: { text: string; q: string }) {
  const lower = text.toLowerCase();
  const parts: (string | ReactElement)[] = [];
  let at = 0;
  for (let i = lower.indexOf(q); i >= 0 && parts.length < 40; i = lower.indexOf(q, at)) {
    if (i > at) parts.push(text.slice(at, i));
    parts.push(<mark key={i}>{text.slice(i, i + q.length)}</mark>);
    at = i + q.length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
