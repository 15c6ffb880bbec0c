import type { NodeId } from '../document/ids';
import { MapSettingsSchema, type MapSettings, type WorkflowDoc } from '../document/workflow-schema';
import { nodesOf } from '../document/accessors';
import { done, refuse, type OpResult } from './op-result';
import { schemaRefusal } from './schema-refusal';
import { NODE_FIELD_ORDER, withField, withSpecField } from './with-field';

/** Makes a node a map node with these settings, or (undefined) a plain node again. Refused for a missing node or bad settings. */
export function setMap(doc: WorkflowDoc, id: NodeId, map: MapSettings | undefined): OpResult {
  const nodes = nodesOf(doc);
  const index = nodes.findIndex((n) => n.id === id);
  if (index < 0) return refuse(`there is no node "${id}"`);
  if (map !== undefined) {
    const parsed = MapSettingsSchema.safeParse(map);
    if (!parsed.success) return refuse(schemaRefusal(`map settings of "${id}"`, parsed.error));
  }
  const node = withField(nodes[index]!, 'map', map, NODE_FIELD_ORDER);
  return done(node === nodes[index] ? doc : withSpecField(doc, 'nodes', nodes.with(index, node)));
}
