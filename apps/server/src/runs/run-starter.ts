import type { RunHandle, StartRunOptions } from '../scheduler/start-run';

export type { OutputCache } from '../scheduler/output-cache';
export type { RunHandle, RunResult as RunOutcome, StartRunOptions as StartRunRequest } from '../scheduler/start-run';

/**
 * What the run service needs from the scheduler: the scheduler's own `startRun`, taken as a parameter so that the
 * service can be tested with a scripted one.
 */
export type StartRun = (request: StartRunOptions) => RunHandle;
