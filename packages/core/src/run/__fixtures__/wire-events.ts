import type { z } from 'zod';
import { RunEventBodySchema, RunEventSchema, type RunEvent, type RunEventBody } from '../run-events';

/**
 * Run events in tests are written as they travel (execution ids as plain text) and read through core's own schemas,
 * as the server's store and the editor read them: the ids come out checked and branded, with no cast.
 */
export type WireEventBody = z.input<typeof RunEventBodySchema>;
export type WireEvent = z.input<typeof RunEventSchema>;

export const eventBody = (body: WireEventBody): RunEventBody => RunEventBodySchema.parse(body);
export const runEvent = (event: WireEvent): RunEvent => RunEventSchema.parse(event) as RunEvent;

/** Numbers event bodies as the server does: seq `start`, `start + 1`… and a ts per event. */
export function numberedEvents(bodies: readonly WireEventBody[], runId = 'run_1', start = 1): RunEvent[] {
  return bodies.map((b, i) => runEvent({ ...b, runId, seq: start + i, ts: 1000 + (start + i) * 10 }));
}
