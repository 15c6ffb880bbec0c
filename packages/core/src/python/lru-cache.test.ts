import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('evicts the least recently used entry', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('keeps the order right when the most recent entry is asked for again and again', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect([cache.get('b'), cache.get('b'), cache.get('a'), cache.get('a')]).toEqual([2, 2, 1, 1]);
    cache.set('c', 3); // b is the least recent now
    expect([cache.get('b'), cache.get('a'), cache.get('c')]).toEqual([undefined, 1, 3]);
    cache.set('a', 10); // a value replaced is what the next read returns
    expect(cache.get('a')).toBe(10);
  });

  it('forgets even the most recent entry when nothing can be kept', () => {
    const cache = new LruCache<string, number>(0);
    cache.set('a', 1);
    expect([cache.get('a'), cache.size]).toEqual([undefined, 0]);
  });
});
