import type { Container, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { podRequests } from './pod-requests';

// Quantities may be YAML numbers in a document (cpu: 1), which kubernetes-types types as strings.
type Quantities = Record<string, string | number>;
const c = (name: string, requests?: Quantities, limits?: Quantities, restartPolicy?: string): Container => ({
  name,
  ...(requests || limits ? { resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } as Container['resources'] } : {}),
  ...(restartPolicy ? { restartPolicy } : {}),
});
const pod = (containers: Container[], initContainers?: Container[], overhead?: Record<string, string>): Pod => ({
  spec: { containers, ...(initContainers ? { initContainers } : {}), ...(overhead ? { overhead } : {}) },
});

describe('podRequests', () => {
  it('is absent for a pod whose containers ask nothing', () => {
    expect(podRequests(pod([c('primary')]))).toEqual({ cpu: undefined, memory: undefined });
  });

  it("sums the app containers' requests", () => {
    expect(podRequests(pod([c('a', { cpu: '500m', memory: '1Gi' }), c('b', { cpu: 1 }), c('c')]))).toEqual({ cpu: 1.5, memory: 2 ** 30 });
  });

  it('takes a limit for a missing request, as the API server defaults it', () => {
    expect(podRequests(pod([c('a', undefined, { cpu: '.5', memory: '500Mi' })]))).toEqual({ cpu: 0.5, memory: 500 * 2 ** 20 });
    expect(podRequests(pod([c('a', { cpu: '100m' }, { cpu: '2' })])).cpu).toBeCloseTo(0.1);
  });

  it("is the seed map's pod: the init container's limit and the primary's request, the larger of the two", () => {
    const seed = pod([c('primary', { cpu: '.5', memory: '500Mi' }, { cpu: '.5', memory: '500Mi' })], [c('init', undefined, { cpu: '.5', memory: '500Mi' })]);
    expect(podRequests(seed)).toEqual({ cpu: 0.5, memory: 500 * 2 ** 20 });
  });

  it('takes the heaviest init container when it asks more than the app containers together', () => {
    expect(podRequests(pod([c('a', { cpu: 1 })], [c('i1', { cpu: 3 }), c('i2', { cpu: 2 })])).cpu).toBe(3);
    expect(podRequests(pod([c('a')], [c('i1', { memory: '1Mi' })]))).toEqual({ cpu: undefined, memory: 2 ** 20 });
  });

  it('counts native sidecars with the app containers and with the init containers started after them', () => {
    const p = pod([c('a', { cpu: 1 })], [c('before', { cpu: '1.5' }), c('proxy', { cpu: '500m' }, undefined, 'Always'), c('after', { cpu: 2 })]);
    // apps: 1 + 0.5 (sidecar) = 1.5; init "before" 1.5 alone; init "after" 2 + 0.5 = 2.5
    expect(podRequests(p).cpu).toBe(2.5);
  });

  it("adds the pod's overhead", () => {
    expect(podRequests(pod([c('a', { cpu: 1 })], undefined, { cpu: '250m' })).cpu).toBe(1.25);
  });

  it('leaves out quantities that do not parse and negative ones', () => {
    expect(podRequests(pod([c('a', { cpu: 'lots' }), c('b', { cpu: '-1' }), c('d', { cpu: '2' })])).cpu).toBe(2);
  });
});
