import { describe, expect, it, vi } from 'vitest';
import { parseRunEvent } from './event-stream';

describe('parseRunEvent: run events are parsed with core’s RunEventSchema, never cast', () => {
  it('returns a well-formed event', () => {
    const event = { type: 'node-queued', executionId: 'map[3]', nodeId: 'map', task: 't', runId: 'run_1', seq: 4, ts: 10 };
    expect(parseRunEvent(JSON.stringify(event))).toEqual(event);
  });

  it('refuses what is not a run event of the contract', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(parseRunEvent('{not json')).toBeUndefined();
    expect(parseRunEvent(JSON.stringify({ type: 'node-exploded', executionId: 'n', runId: 'r', seq: 1, ts: 1 }))).toBeUndefined();
    expect(parseRunEvent(JSON.stringify({ type: 'node-started', executionId: 'n x', runId: 'r', seq: 1, ts: 1 }))).toBeUndefined();
    expect(parseRunEvent(JSON.stringify({ type: 'node-started', executionId: 'n', runId: 'r', seq: 0, ts: 1 }))).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(4);
    warn.mockRestore();
  });
});
