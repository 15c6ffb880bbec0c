import { inputsOf, nodesOf, outputsOf } from '@podflow/core';
import { defineCommand } from './command';

export const selectAll = defineCommand({
  id: 'select-all',
  label: 'Select all',
  keys: ['Mod+A'],
  group: 'Edit',
  scope: 'canvas',
  enabled: ({ state }) => state.doc !== null,
  run: ({ state }) => {
    const doc = state.doc!;
    state.select([
      ...inputsOf(doc).map((i) => `input:${i.name}`),
      ...nodesOf(doc).map((n) => n.id as string),
      ...outputsOf(doc).map((o) => `output:${o.name}`),
    ]);
  },
});
