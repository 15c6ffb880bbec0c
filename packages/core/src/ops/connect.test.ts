import { describe, expect, it } from 'vitest';
import { nodeId } from '../document/ids';
import { expectOk, expectRefused } from '../__fixtures__/expect-ok';
import { diamond } from '../__fixtures__/small-docs';
import { connect } from './connect';
import { disconnect } from './disconnect';
import { setInputValue } from './set-input-value';

const id = nodeId;

describe('connect', () => {
  it('replaces the existing binding of an input, keeping its place', () => {
    const doc = expectOk(connect(diamond, { from: { node: id('a'), output: 'o0' }, to: { node: id('d'), input: 'a' } }));
    expect(doc.spec.nodes![3]!.inputs).toEqual({ a: { node: 'a', output: 'o0' }, b: { node: 'c', output: 'o0' } });
    expect(Object.keys(doc.spec.nodes![3]!.inputs!)).toEqual(['a', 'b']);
    expect(doc.spec.nodes![0]).toBe(diamond.spec.nodes![0]);
  });

  it('binds a workflow input', () => {
    const doc = expectOk(connect(diamond, { from: { input: 'seed' }, to: { node: id('b'), input: 'b' } }));
    expect(doc.spec.nodes![1]!.inputs).toEqual({ a: { node: 'a', output: 'o0' }, b: { input: 'seed' } });
  });

  it('refuses self-loops, cycles and missing ends', () => {
    expect(expectRefused(connect(diamond, { from: { node: id('b'), output: 'o0' }, to: { node: id('b'), input: 'b' } }))).toMatch(/its own output/);
    expect(expectRefused(connect(diamond, { from: { node: id('d'), output: 'o0' }, to: { node: id('a'), input: 'x' } })))
      .toBe('connecting "d" to "a" would create a cycle: "a" already feeds "d"');
    expect(expectRefused(connect(diamond, { from: { node: id('zz'), output: 'o0' }, to: { node: id('a'), input: 'x' } }))).toMatch(/no node "zz"/);
    expect(expectRefused(connect(diamond, { from: { node: id('a'), output: 'o0' }, to: { node: id('zz'), input: 'x' } }))).toMatch(/no node "zz"/);
    expect(expectRefused(connect(diamond, { from: { input: 'nope' }, to: { node: id('a'), input: 'x' } }))).toMatch(/no workflow input "nope"/);
  });

  it('treats input names like __proto__ as plain keys', () => {
    const doc = expectOk(connect(diamond, { from: { input: 'seed' }, to: { node: id('b'), input: '__proto__' } }));
    const inputs = doc.spec.nodes![1]!.inputs!;
    expect(Object.keys(inputs)).toEqual(['a', '__proto__']);
    expect(Object.getPrototypeOf(inputs)).toBe(Object.prototype);
    expect(Object.keys(disconnect(doc, { node: id('b'), input: '__proto__' }).spec.nodes![1]!.inputs!)).toEqual(['a']);
  });
});

describe('disconnect', () => {
  it('removes one binding', () => {
    const doc = disconnect(diamond, { node: id('d'), input: 'a' });
    expect(doc.spec.nodes![3]!.inputs).toEqual({ b: { node: 'c', output: 'o0' } });
  });

  it('returns the document itself when there is nothing to remove', () => {
    expect(disconnect(diamond, { node: id('d'), input: 'zz' })).toBe(diamond);
    expect(disconnect(diamond, { node: id('zz'), input: 'a' })).toBe(diamond);
    expect(disconnect(diamond, { node: id('a'), input: 'toString' })).toBe(diamond);
  });
});

describe('setInputValue', () => {
  it('binds a constant, replacing an edge', () => {
    const doc = expectOk(setInputValue(diamond, { node: id('d'), input: 'b', value: { k: [1, 'two', null] } }));
    expect(doc.spec.nodes![3]!.inputs!.b).toEqual({ value: { k: [1, 'two', null] } });
  });

  it('refuses a missing node and numbers JSON cannot carry', () => {
    expect(expectRefused(setInputValue(diamond, { node: id('zz'), input: 'b', value: 1 }))).toMatch(/no node/);
    expect(expectRefused(setInputValue(diamond, { node: id('d'), input: 'b', value: { xs: [1, Number.NaN] } }))).toMatch(/xs\[1\]/);
  });
});
