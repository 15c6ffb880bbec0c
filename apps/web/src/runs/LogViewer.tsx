import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactElement } from 'react';
import { SearchIcon, XIcon } from '../ui/icons';
import { formatLogTime, searchLines, sourceKey, type RunLogs } from './log-buffer';
import type { LogLine } from './runs-api';

/**
 * One container's log of one attempt: timestamped lines, stderr marked, searchable, and readable at 100,000 lines and
 * more — only the rows in view (plus a few) are in the DOM, at a fixed row height. It follows new lines while scrolled
 * to the bottom. Lines a source dropped from memory are paged back from the server when the top is reached.
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

  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 300 });
  const follow = useRef(true);
  const [loadingEarlier, setLoadingEarlier] = useState(false);

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    follow.current = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT * 1.5;
    setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
  }, []);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => onScroll());
    ro.observe(el);
    return () => ro.disconnect();
  }, [onScroll]);

  // A new source, or a new search: start at the end (the latest lines), following.
  useLayoutEffect(() => {
    follow.current = true;
  }, [key, debounced]);

  // Follow new lines while at the bottom.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && follow.current) {
      el.scrollTop = el.scrollHeight;
      onScroll();
    }
  }, [count, key, debounced, onScroll]);

  // At the top of a source that dropped its oldest lines: page them back, keeping the rows in view where they are.
  useEffect(() => {
    if (!truncated || matches || view.top > ROW_HEIGHT * 3 || loadingEarlier) return;
    setLoadingEarlier(true);
    void logs
      .loadEarlier(key)
      .then((added) => {
        const el = scroller.current;
        if (el && added > 0) el.scrollTop += added * ROW_HEIGHT;
      })
      .catch(() => undefined)
      .finally(() => setLoadingEarlier(false));
  }, [truncated, matches, view.top, loadingEarlier, logs, key]);

  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  const rows: ReactElement[] = [];
  const q = debounced.trim().toLowerCase();
  for (let r = first; r < last; r++) {
    const i = matches ? matches[r]! : r;
    const l = lines[i]!;
    rows.push(
      <div key={l.seq} className={`log-row${l.stream === 'stderr' ? ' stderr' : ''}`} style={{ top: r * ROW_HEIGHT }} data-testid="log-line">
        <span className="log-no">{i + 1}</span>
        <span className="log-ts">{formatLogTime(l.ts)}</span>
        <span className="log-text">{q ? <Highlight text={l.line} q={q} /> : l.line || ' '}</span>
      </div>,
    );
  }

  return (
    <div className="log-viewer" data-testid="log-viewer" data-container={container} data-lines={lines.length}>
      <div className="log-toolbar">
        <label className="log-search">
          <SearchIcon size={13} />
          <input
            className="input"
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
            <button type="button" className="icon-btn sm" aria-label="Clear the search" onClick={() => setQuery('')}>
              <XIcon size={12} />
            </button>
          )}
        </label>
        <span className="log-count faint" data-testid="log-count">
          {matches ? `${matches.length.toLocaleString()} of ${lines.length.toLocaleString()} lines` : `${lines.length.toLocaleString()} line${lines.length === 1 ? '' : 's'}`}
          {truncated && !matches && ' (earlier lines on the server)'}
        </span>
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() => {
            const el = scroller.current;
            if (el) el.scrollTop = el.scrollHeight;
          }}
          title="Scroll to the latest line and follow new ones"
        >
          Latest
        </button>
      </div>
      <div className="log-scroll" ref={scroller} onScroll={onScroll} tabIndex={0} aria-label={`Log of ${container}`}>
        {count === 0 ? (
          <div className="log-empty faint">{matches ? 'No line matches.' : props.emptyText}</div>
        ) : (
          <div className="log-rows" style={{ height: count * ROW_HEIGHT }}>
            {loadingEarlier && (
              <div className="log-loading" style={{ top: 0 }}>
                Loading earlier lines…
              </div>
            )}
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
