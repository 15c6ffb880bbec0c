import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  let now = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    now = 0;
  });
  afterEach(() => vi.useRealTimers());
  const clock = () => now;
  const advance = async (ms: number) => {
    now += ms;
    await vi.advanceTimersByTimeAsync(ms);
  };

  it('grants the burst at once, then qps a second, in arrival order', async () => {
    const bucket = new TokenBucket(10, 3, clock);
    const granted: number[] = [];
    for (let i = 0; i < 6; i++) void bucket.take().then(() => granted.push(i));
    await advance(0);
    expect(granted).toEqual([0, 1, 2]);
    await advance(100);
    expect(granted).toEqual([0, 1, 2, 3]);
    await advance(200);
    expect(granted).toEqual([0, 1, 2, 3, 4, 5]);
    expect(bucket.waiting).toBe(0);
  });

  it('never saves more than the burst', async () => {
    const bucket = new TokenBucket(10, 2, clock);
    await advance(10_000);
    const granted: number[] = [];
    for (let i = 0; i < 4; i++) void bucket.take().then(() => granted.push(i));
    await advance(0);
    expect(granted).toEqual([0, 1]);
  });

  it('a waiter that gives up leaves the queue', async () => {
    const bucket = new TokenBucket(1, 1, clock);
    await bucket.take();
    const controller = new AbortController();
    const abandoned = bucket.take(controller.signal);
    const next = bucket.take();
    controller.abort(new Error('gave up'));
    await expect(abandoned).rejects.toThrow('gave up');
    let done = false;
    void next.then(() => (done = true));
    await advance(1000);
    expect(done).toBe(true);
  });

  it('qps 0 means no limit', async () => {
    const bucket = new TokenBucket(0, 1, clock);
    await Promise.all(Array.from({ length: 100 }, () => bucket.take()));
  });

  it('lift() grants every queued waiter at once and limits nothing afterwards', async () => {
    const bucket = new TokenBucket(1, 2, clock);
    const granted: number[] = [];
    for (let i = 0; i < 5; i++) void bucket.take().then(() => granted.push(i));
    await advance(0);
    expect(granted).toEqual([0, 1]);
    expect(bucket.limited).toBe(true);
    bucket.lift();
    await advance(0);
    expect(granted).toEqual([0, 1, 2, 3, 4]);
    expect(bucket.limited).toBe(false);
    await Promise.all(Array.from({ length: 100 }, () => bucket.take()));
    expect(bucket.waiting).toBe(0);
  });
});
