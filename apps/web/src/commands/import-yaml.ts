import { importWorkflowFile, pickWorkflowFile } from '../workflows/import-workflow';
import { defineCommand } from './command';

export const importYaml = defineCommand({
  id: 'import-yaml',
  label: 'Import .podflow.yaml…',
  keys: ['Mod+O'],
  group: 'Workflow',
  run: async () => {
    const file = await pickWorkflowFile();
    if (file) await importWorkflowFile(file);
  },
});
