import { constants } from 'node:os';
import type { LogStream } from '@podflow/core';

/** How a container's main process ended. */
export interface ContainerExit {
  /** The exit code; 128 + N when signal N ended it (as Kubernetes reports it). */
  exitCode: number;
  signal: NodeJS.Signals | null;
  /** The container never ran its command (not found, a mount that failed…): the reason. */
  startError?: string;
  /** The executor lost the container (its warm worker died): the reason. */
  lostReason?: string;
}

/** One container of a local pod while it runs: a host process (group) or a task forked by a warm worker. */
export interface RunningContainer {
  readonly name: string;
  /** Settles once the main process has ended, the rest of its process group is gone and its output is read. */
  readonly exited: Promise<ContainerExit>;
  /** Signals every process of the container. */
  kill(signal: 'SIGTERM' | 'SIGKILL'): void;
}

export type LineSink = (stream: LogStream, line: string, ts: number) => void;


export function signalByNumber(n: number): NodeJS.Signals | null {
  for (const [name, value] of Object.entries(constants.signals)) if (value === n) return name as NodeJS.Signals;
  return null;
}
