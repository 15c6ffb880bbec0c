import { describe, expect, it } from 'vitest';
import { attemptResultFromPrimary, markerPayloadOf } from './result-envelope';

const end = (over: Partial<Parameters<typeof attemptResultFromPrimary>[0]>) => attemptResultFromPrimary({ container: 'primary', exitCode: 0, ...over });

describe('reading the primary result', () => {
  it('takes the termination message, or the marker line when the message says outputsInLog', () => {
    expect(end({ terminationMessage: '{"ok":true,"outputs":{"o0":1}}' })).toEqual({ ok: true, outputs: { o0: 1 } });
    expect(end({ terminationMessage: '{"ok":true,"outputsInLog":true}', markerPayload: '{"ok":true,"outputs":{"o0":"big"}}' })).toEqual({ ok: true, outputs: { o0: 'big' } });
    expect(end({ markerPayload: '{"ok":true,"dynamic":{"nodes":[],"outputs":{}}}' })).toEqual({ ok: true, dynamic: { nodes: [], outputs: {} } });
  });

  it('a failure envelope gives its one-line reason and the exit code', () => {
    expect(end({ exitCode: 1, terminationMessage: '{"ok":false,"error":"ValueError: x"}' })).toEqual({ ok: false, kind: 'error', reason: 'ValueError: x', exitCode: 1 });
  });

  it('without an envelope the exit says what happened', () => {
    expect(end({ exitCode: 7 })).toEqual({ ok: false, kind: 'error', reason: 'container "primary" exited with code 7', exitCode: 7 });
    expect(end({ exitCode: 137, signal: 'SIGKILL' })).toMatchObject({ reason: 'container "primary" was killed by SIGKILL (exit code 137)' });
    expect(end({ terminationMessage: 'garbage' })).toMatchObject({ ok: false, kind: 'error', reason: expect.stringMatching(/without writing a result/) });
    expect(end({ terminationMessage: '{"ok":true,"outputsInLog":true}' })).toMatchObject({ ok: false, reason: expect.stringMatching(/no ::podflow-outputs:: line arrived/) });
  });

  it('recognises marker lines', () => {
    expect(markerPayloadOf('::podflow-outputs::{"ok":true}')).toBe('{"ok":true}');
    expect(markerPayloadOf('hello ::podflow-outputs::')).toBeUndefined();
  });
});
