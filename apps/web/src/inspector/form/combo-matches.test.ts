import { describe, expect, it } from 'vitest';
import { comboMatches } from './combo-matches';

const ids = ['load', 'train_b', 'train', 'pretrain', 'report', 'Train_c'];

describe('comboMatches', () => {
  it('lists the first choices in order when nothing is typed, and counts the rest', () => {
    expect(comboMatches(ids, '', 4)).toEqual({ shown: ['load', 'train_b', 'train', 'pretrain'], more: 2 });
    expect(comboMatches(ids, '   ', 10)).toEqual({ shown: ids, more: 0 });
  });

  it('puts the exact match first, then prefixes, then the rest that contain it, ignoring case', () => {
    expect(comboMatches(ids, 'train', 10).shown).toEqual(['train', 'train_b', 'Train_c', 'pretrain']);
    expect(comboMatches(ids, 'TRAIN_', 10).shown).toEqual(['train_b', 'Train_c']);
  });

  it('caps the list and says how many more matched', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `node_${i}`);
    const { shown, more } = comboMatches(many, 'node_4', 50);
    expect(shown[0]).toBe('node_4');
    expect(shown).toHaveLength(50);
    expect(more).toBe(1111 - 50);
  });

  it('lists nothing when nothing matches', () => {
    expect(comboMatches(ids, 'zzz', 10)).toEqual({ shown: [], more: 0 });
  });
});
