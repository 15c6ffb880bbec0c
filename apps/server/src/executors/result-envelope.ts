import { OUTPUTS_MARKER, isPlainObject, type DynamicSpec, type Json } from '@podflow/core';
import { attemptFailure, type AttemptResult } from './executor';

/**
 * How the primary container's result is read, the same for every executor: the envelope the entrypoint wrote to the
 * termination message (PODFLOW_OUTPUTS_FILE), or — when that says `outputsInLog` or could not be written — the
 * payload of the final `::podflow-outputs::` stdout line (see packages/runtime/README.md).
 */
export interface PrimaryEnd {
  container: string;
  /** Exit code when the process exited; null when a signal ended it. */
  exitCode: number | null;
  signal?: string | null;
  /** The termination message as written (undefined when no file / empty). */
  terminationMessage?: string;
  /** The JSON after the last marker line on stdout, if any. */
  markerPayload?: string;
}

/** The envelope JSON carried by a stdout line, or undefined when the line is an ordinary log line. */
export function markerPayloadOf(line: string): string | undefined {
  return line.startsWith(OUTPUTS_MARKER) ? line.slice(OUTPUTS_MARKER.length) : undefined;
}

type Envelope =
  | { ok: true; outputs: Record<string, Json> }
  | { ok: true; dynamic: DynamicSpec }
  | { ok: true; outputsInLog: true }
  | { ok: false; error: string };

function parseEnvelope(text: string | undefined): Envelope | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(value)) return undefined;
  if (value.ok === false) return { ok: false, error: typeof value.error === 'string' && value.error ? value.error : 'the task failed' };
  if (value.ok !== true) return undefined;
  if (value.outputsInLog === true) return { ok: true, outputsInLog: true };
  if (isPlainObject(value.outputs)) return { ok: true, outputs: value.outputs as Record<string, Json> };
  const dynamic = value.dynamic;
  if (isPlainObject(dynamic) && Array.isArray(dynamic.nodes) && isPlainObject(dynamic.outputs)) {
    return { ok: true, dynamic: dynamic as unknown as DynamicSpec };
  }
  return undefined;
}

export function describeExit(container: string, exitCode: number | null, signal?: string | null): string {
  if (signal) return `container "${container}" was killed by ${signal}${exitCode !== null ? ` (exit code ${exitCode})` : ''}`;
  if (exitCode === null) return `container "${container}" ended without an exit code`;
  return `container "${container}" exited with code ${exitCode}`;
}

export function attemptResultFromPrimary(end: PrimaryEnd): AttemptResult {
  const fromFile = parseEnvelope(end.terminationMessage);
  const fromLog = parseEnvelope(end.markerPayload);
  const envelope = fromFile && !('outputsInLog' in fromFile) ? fromFile : (fromLog ?? fromFile);

  if (envelope && !envelope.ok) return attemptFailure('error', envelope.error, end.exitCode);
  if (end.exitCode !== 0) return attemptFailure('error', describeExit(end.container, end.exitCode, end.signal), end.exitCode);
  if (!envelope) {
    return attemptFailure(
      'error',
      `container "${end.container}" exited 0 without writing a result envelope (PODFLOW_OUTPUTS_FILE or a ${OUTPUTS_MARKER} line)`,
      0,
    );
  }
  if ('outputsInLog' in envelope) {
    return attemptFailure('error', `container "${end.container}" announced its outputs on stdout, but no ${OUTPUTS_MARKER} line arrived`, 0);
  }
  return 'dynamic' in envelope ? { ok: true, dynamic: envelope.dynamic } : { ok: true, outputs: envelope.outputs };
}
