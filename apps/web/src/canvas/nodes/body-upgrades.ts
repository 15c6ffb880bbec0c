import { createContext, useContext, useEffect, useState } from 'react';

/**
 * Nodes that come on screen while the view moves (a pan, a zoom, the minimap) are drawn first with a stand-in body:
 * the compact body's look and size, its ports as plain elements where the real ones will be (React Flow measures
 * them), and nothing else — no <Handle> with its store subscription and listeners, no run-status subscription. That
 * is what a pan mounts every few frames, a batch at a time; a stand-in costs a fraction of a real body, and nothing
 * per frame once drawn.
 *
 * Once the view has been still for `quietMs`, stand-ins are upgraded to their real body (at the zoom's level of
 * detail) `batch` at a time, one batch per idle callback, oldest first; while the view moves again, upgrading waits.
 */
export interface BodyUpgradeOptions {
  /** How long the view must have been still before stand-ins are upgraded. */
  quietMs: number;
  /** Stand-ins upgraded per batch. */
  batch: number;
  now: () => number;
  /** Runs `task` once, after `delayMs` and when the page is idle. */
  schedule: (task: () => void, delayMs: number) => void;
  /** Told the ids of each batch once it is upgraded (the canvas has React Flow measure their ports again). */
  upgraded?: (ids: string[]) => void;
}

export class BodyUpgrades {
  private lastMove = -Infinity;
  private readonly waiting = new Map<object, { id: string; upgrade: () => void }>();
  private scheduled = false;

  constructor(private readonly options: BodyUpgradeOptions) {}

  /** The view moved (called for every change of React Flow's transform). */
  viewMoved(): void {
    this.lastMove = this.options.now();
  }

  /** Whether a node drawn now gets a stand-in: the view moved less than `quietMs` ago. */
  isMoving(): boolean {
    return this.options.now() - this.lastMove < this.options.quietMs;
  }

  /** How many stand-ins wait for their upgrade. */
  get pending(): number {
    return this.waiting.size;
  }

  /** Queues a stand-in's upgrade; the answer takes it off the queue (its node left the screen first). */
  enqueue(id: string, upgrade: () => void): () => void {
    const token = {};
    this.waiting.set(token, { id, upgrade });
    this.wake();
    return () => {
      this.waiting.delete(token);
    };
  }

  private wake(): void {
    if (this.scheduled || this.waiting.size === 0) return;
    this.scheduled = true;
    const still = this.options.now() - this.lastMove;
    this.options.schedule(() => this.run(), Math.max(0, this.options.quietMs - still));
  }

  /** One batch if the view has been still long enough; then waits again for the rest. */
  private run(): void {
    this.scheduled = false;
    if (!this.isMoving()) {
      const ids: string[] = [];
      for (const [token, { id, upgrade }] of this.waiting) {
        if (ids.length >= this.options.batch) break;
        this.waiting.delete(token);
        ids.push(id);
        upgrade();
      }
      if (ids.length) this.options.upgraded?.(ids);
    }
    this.wake();
  }
}

type IdleWindow = { requestIdleCallback?: (cb: () => void, options?: { timeout: number }) => number };

/** setTimeout for the delay, then the browser's idle callback (a timeout keeps a busy page from starving it). */
export function idleSchedule(task: () => void, delayMs: number): void {
  const idle = () => {
    const ric = (window as IdleWindow).requestIdleCallback;
    if (ric) ric(task, { timeout: 200 });
    else window.setTimeout(task, 0);
  };
  if (delayMs > 0) window.setTimeout(idle, delayMs);
  else idle();
}

/** Given by the editor's canvas; canvases without it (read-only, diff) draw real bodies at once. */
export const BodyUpgradeContext = createContext<BodyUpgrades | null>(null);

/**
 * Whether this node body is drawn as a stand-in now: true when it mounts while the view moves (and `wanted`: its
 * real body is not as cheap already), until its upgrade (then it re-renders with its real body, once).
 */
export function useStandIn(id: string, wanted: boolean): boolean {
  const upgrades = useContext(BodyUpgradeContext);
  const [standIn, setStandIn] = useState(() => wanted && (upgrades?.isMoving() ?? false));
  useEffect(() => (standIn && upgrades ? upgrades.enqueue(id, () => setStandIn(false)) : undefined), [standIn, upgrades, id]);
  return standIn;
}
