import { serializeWorkflow } from '@podflow/core';
import { downloadText } from '../export/download';
import { defineCommand } from './command';

export const downloadYaml = defineCommand({
  id: 'download-yaml',
  label: 'Download .podflow.yaml',
  keys: ['Mod+Shift+S'],
  group: 'Workflow',
  enabled: ({ state }) => state.doc !== null,
  run: ({ state }) => {
    const doc = state.doc!;
    downloadText(`${doc.metadata.name || 'workflow'}.podflow.yaml`, serializeWorkflow(doc));
  },
});
