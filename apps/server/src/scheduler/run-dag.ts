import type { FailureKind, Json } from '@podflow/core';

/** How one node (an execution, a map, a dynamic sub-DAG) ended. */
export type NodeOutcome =
  | { status: 'succeeded'; outputs: Record<string, Json> }
  | { status: 'failed'; kind: FailureKind; reason: string }
  | { status: 'cancelled' }
  | { status: 'skipped'; reason: string };

export interface DagNode {
  id: string;
  /** Ids of the nodes whose outputs this node reads. */
  deps: readonly string[];
}

export interface DagOptions {
  /** failFast: the first failure stops running nodes (they end cancelled) and skips the rest; continue: only what
   *  depends on a failure is skipped. */
  failFast: boolean;
  signal: AbortSignal;
  /** Runs one node once its dependencies succeeded; the node reports its own events and honours its signal. */
  run(id: string, signal: AbortSignal): Promise<NodeOutcome>;
  /** A node that will never run (its upstream failed, failFast, or the DAG was cancelled). */
  skip(id: string, reason: string): void;
}

/**
 * Walks a DAG (the workflow's nodes, or a dynamic task's calls): a node starts as soon as every node it depends on
 * has succeeded; everything ready runs at once (the executor bounds real concurrency). Resolves with every node's
 * outcome once nothing runs any more.
 */
export function runDag(nodes: readonly DagNode[], options: DagOptions): Promise<Map<string, NodeOutcome>> {
  const outcomes = new Map<string, NodeOutcome>();
  const known = new Set(nodes.map((n) => n.id));
  const pending = new Map(nodes.map((n) => [n.id, { ...n, deps: n.deps.filter((d) => known.has(d)) }]));
  const running = new Map<string, AbortController>();
  let halted: string | undefined;

  return new Promise((resolve) => {
    const finish = (id: string, outcome: NodeOutcome) => {
      running.delete(id);
      outcomes.set(id, outcome);
      if (outcome.status === 'failed' && options.failFast && !halted) {
        halted = `node ${id} failed`;
        for (const controller of running.values()) controller.abort();
      }
      step();
    };

    const step = () => {
      if (options.signal.aborted && !halted) {
        halted = 'the run was cancelled';
        for (const controller of running.values()) controller.abort();
      }
      let progressed = true;
      while (progressed) {
        progressed = false;
        for (const node of [...pending.values()]) {
          const blocked = node.deps.map((d) => [d, outcomes.get(d)] as const).find(([, o]) => o && o.status !== 'succeeded');
          const reason = halted
            ? `${halted}${options.signal.aborted ? '' : ' (failFast)'}`
            : blocked
              ? `upstream node ${blocked[0]} ${blocked[1]?.status === 'failed' ? 'failed' : `was ${blocked[1]?.status}`}`
              : undefined;
          if (reason !== undefined) {
            pending.delete(node.id);
            outcomes.set(node.id, { status: 'skipped', reason });
            options.skip(node.id, reason);
            progressed = true;
          } else if (node.deps.every((d) => outcomes.get(d)?.status === 'succeeded')) {
            pending.delete(node.id);
            const controller = new AbortController();
            running.set(node.id, controller);
            options.run(node.id, controller.signal).then(
              (outcome) => finish(node.id, outcome),
              (e: unknown) => finish(node.id, { status: 'failed', kind: 'system', reason: `internal error: ${(e as Error).message}` }),
            );
          }
        }
      }
      if (pending.size === 0 && running.size === 0) {
        options.signal.removeEventListener('abort', step);
        resolve(outcomes);
      }
    };

    options.signal.addEventListener('abort', step, { once: true });
    step();
  });
}
