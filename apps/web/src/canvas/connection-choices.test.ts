import { describe, expect, it } from 'vitest';
import { mapPod } from '../__fixtures__/docs';
import { connectionChoices } from './connection-choices';

const labels = (doc = mapPod(), id: string, port: string) => connectionChoices(doc, id).find((p) => p.name === port)!.targets.map((t) => t.label);

describe('connectionChoices', () => {
  it('lists each port of a node with the ends it may connect to, by type', () => {
    const ports = connectionChoices(mapPod(), 'square');
    expect(ports.map((p) => [p.side, p.name, p.typeText])).toEqual([
      ['in', 'x', 'int'],
      ['out', 'o0', 'int'],
    ]);
    // square's int input takes no list and no str: nothing on the canvas fits it.
    expect(labels(undefined, 'square', 'x')).toEqual([]);
    // Its int output fits nothing either: map_pod_task's int_val is mapped (list[int]) and the output o0 is a str.
    expect(labels(undefined, 'square', 'o0')).toEqual([]);
  });

  it('offers a map node’s list output to the list input downstream, and never a cycle', () => {
    expect(labels(undefined, 'map_pod_task', 'o0')).toContain('coalesce · list_of_strings');
    // coalesce feeds map_pod_task's input? It would make a cycle (and the types differ): not offered.
    expect(labels(undefined, 'coalesce', 'o0')).not.toContain('map_pod_task · int_val');
  });

  it('offers a workflow input to the inputs of its type', () => {
    const ports = connectionChoices(mapPod(), 'input:list_of_ints');
    expect(ports).toHaveLength(1);
    expect(ports[0]!.targets.map((t) => t.label)).toContain('map_pod_task · int_val');
    expect(ports[0]!.targets.map((t) => t.label)).not.toContain('square · x');
  });

  it('has nothing for an id that names nothing', () => {
    expect(connectionChoices(mapPod(), 'missing')).toEqual([]);
  });
});
