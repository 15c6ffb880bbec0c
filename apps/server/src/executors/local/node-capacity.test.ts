import { describe, expect, it } from 'vitest';
import { NodeCapacity } from './node-capacity';

const GiB = 2 ** 30;
const settled = async <T>(p: Promise<T>) => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 0));
  return done;
};

describe('NodeCapacity', () => {
  it('admits pods while their CPU requests fit, and the next once one ends', async () => {
    const node = new NodeCapacity({ cpu: 2, memory: 8 * GiB, pods: 110 });
    const held = await Promise.all([0, 1, 2, 3].map(() => node.acquire({ cpu: 0.5, memory: undefined })));
    const fifth = node.acquire({ cpu: 0.5, memory: undefined });
    expect(await settled(fifth)).toBe(false);
    held[0]!();
    expect(await settled(fifth)).toBe(true);
  });

  it('gives a pod without a CPU request one core', async () => {
    const node = new NodeCapacity({ cpu: 2, memory: 8 * GiB, pods: 110 });
    await node.acquire({ cpu: undefined, memory: undefined });
    await node.acquire({ cpu: undefined, memory: undefined });
    expect(await settled(node.acquire({ cpu: undefined, memory: undefined }))).toBe(false);
  });

  it('fits memory requests too', async () => {
    const node = new NodeCapacity({ cpu: 8, memory: 4 * GiB, pods: 110 });
    const first = await node.acquire({ cpu: 0.1, memory: 3 * GiB });
    const second = node.acquire({ cpu: 0.1, memory: 2 * GiB });
    expect(await settled(second)).toBe(false);
    first!();
    expect(await settled(second)).toBe(true);
  });

  it('runs a pod asking more than the machine has alone, once the others end', async () => {
    const node = new NodeCapacity({ cpu: 2, memory: GiB, pods: 110 });
    const small = await node.acquire({ cpu: 0.5, memory: undefined });
    const huge = node.acquire({ cpu: 64, memory: 64 * GiB });
    expect(await settled(huge)).toBe(false);
    small!();
    const release = await huge;
    expect(await settled(node.acquire({ cpu: 0.1, memory: undefined }))).toBe(false);
    release!();
  });

  it('grants in arrival order: a small pod does not overtake a large one waiting before it', async () => {
    const node = new NodeCapacity({ cpu: 2, memory: GiB, pods: 110 });
    const first = await node.acquire({ cpu: 1.5, memory: undefined });
    const large = node.acquire({ cpu: 1, memory: undefined });
    const small = node.acquire({ cpu: 0.25, memory: undefined });
    expect([await settled(large), await settled(small)]).toEqual([false, false]);
    first!();
    expect([await settled(large), await settled(small)]).toEqual([true, true]);
  });

  it('stops at the pod limit, however little the pods ask', async () => {
    const node = new NodeCapacity({ cpu: 2, memory: GiB, pods: 3 });
    for (let i = 0; i < 3; i++) await node.acquire({ cpu: 0.01, memory: undefined });
    expect(await settled(node.acquire({ cpu: 0.01, memory: undefined }))).toBe(false);
  });

  it('lets a waiter give up, and admits those behind it that now fit', async () => {
    const node = new NodeCapacity({ cpu: 2, memory: GiB, pods: 110 });
    await node.acquire({ cpu: 1.5, memory: undefined });
    const gaveUp = new AbortController();
    const large = node.acquire({ cpu: 1, memory: undefined }, gaveUp.signal);
    const small = node.acquire({ cpu: 0.5, memory: undefined });
    expect(await settled(small)).toBe(false);
    gaveUp.abort();
    expect(await large).toBeUndefined();
    expect(await settled(small)).toBe(true);
    expect(await node.acquire({ cpu: 0.5, memory: undefined }, AbortSignal.abort())).toBeUndefined();
  });

  it('releases once however often release is called', async () => {
    const node = new NodeCapacity({ cpu: 1, memory: GiB, pods: 110 });
    const release = await node.acquire({ cpu: 1, memory: undefined });
    release!();
    release!();
    await node.acquire({ cpu: 1, memory: undefined });
    expect(await settled(node.acquire({ cpu: 1, memory: undefined }))).toBe(false);
  });
});
