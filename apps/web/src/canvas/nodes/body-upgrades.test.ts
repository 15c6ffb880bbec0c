import { describe, expect, it } from 'vitest';
import { BodyUpgrades } from './body-upgrades';

/** A BodyUpgrades on a fake clock whose scheduled tasks run when the test says. */
function setup(quietMs = 150, batch = 3) {
  let now = 0;
  const tasks: { at: number; task: () => void }[] = [];
  const batches: string[][] = [];
  const upgrades = new BodyUpgrades({
    quietMs,
    batch,
    now: () => now,
    schedule: (task, delayMs) => tasks.push({ at: now + Math.max(delayMs, 1), task }), // an idle callback comes a moment later
    upgraded: (ids) => batches.push(ids),
  });
  /** Moves the clock to `t`, running every task due by then (and those they schedule), in order. */
  const advance = (t: number) => {
    for (;;) {
      tasks.sort((a, b) => a.at - b.at);
      const next = tasks[0];
      if (!next || next.at > t) break;
      tasks.shift();
      now = Math.max(now, next.at);
      next.task();
    }
    now = t;
  };
  const upgradedIds: string[] = [];
  const enqueue = (id: string) => upgrades.enqueue(id, () => upgradedIds.push(id));
  return { upgrades, advance, batches, upgradedIds, enqueue, tasks, setNow: (t: number) => (now = t) };
}

describe('BodyUpgrades', () => {
  it('says the view moves until it has been still for quietMs', () => {
    const { upgrades, setNow } = setup(150);
    expect(upgrades.isMoving()).toBe(false); // never moved: a node drawn at open gets its real body
    setNow(1000);
    upgrades.viewMoved();
    setNow(1100);
    expect(upgrades.isMoving()).toBe(true);
    setNow(1149);
    expect(upgrades.isMoving()).toBe(true);
    setNow(1150);
    expect(upgrades.isMoving()).toBe(false);
  });

  it('upgrades nothing while the view moves, then everything in batches, oldest first', () => {
    const { upgrades, advance, batches, upgradedIds, enqueue, setNow } = setup(150, 3);
    setNow(0);
    upgrades.viewMoved();
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) enqueue(id);
    expect(upgrades.pending).toBe(7);
    // The view keeps moving every 16 ms for half a second: no upgrade.
    for (let t = 16; t <= 500; t += 16) {
      advance(t);
      upgrades.viewMoved();
    }
    expect(upgradedIds).toEqual([]);
    // Still from 496 on: upgraded 150 ms later, three per idle callback, in the order they were drawn.
    advance(2000);
    expect(batches).toEqual([['a', 'b', 'c'], ['d', 'e', 'f'], ['g']]);
    expect(upgrades.pending).toBe(0);
  });

  it('stops between batches when the view moves again, and resumes once it is still', () => {
    const { upgrades, advance, batches, enqueue, tasks, setNow } = setup(100, 2);
    setNow(0);
    upgrades.viewMoved();
    for (const id of ['a', 'b', 'c', 'd', 'e']) enqueue(id);
    // The first batch runs at 100; the next is queued for the next idle moment: the view moves before it.
    advance(100);
    expect(batches).toEqual([['a', 'b']]);
    upgrades.viewMoved();
    advance(150);
    expect(batches).toEqual([['a', 'b']]);
    expect(tasks.length).toBe(1); // one task waiting, not one per check
    advance(400);
    expect(batches).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('drops a stand-in whose node left the screen before its upgrade', () => {
    const { upgrades, advance, upgradedIds, enqueue, setNow } = setup(100, 10);
    setNow(0);
    upgrades.viewMoved();
    enqueue('a');
    const cancelB = enqueue('b');
    enqueue('c');
    cancelB();
    expect(upgrades.pending).toBe(2);
    advance(500);
    expect(upgradedIds).toEqual(['a', 'c']);
  });

  it('schedules no task while nothing waits', () => {
    const { upgrades, advance, tasks, enqueue, setNow } = setup(100, 10);
    setNow(0);
    upgrades.viewMoved();
    expect(tasks).toEqual([]);
    enqueue('a');
    expect(tasks.length).toBe(1);
    advance(1000);
    expect(tasks).toEqual([]);
  });
});
