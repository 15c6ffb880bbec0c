import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { SEED_EXAMPLES, seedDoc } from '../__fixtures__/seed-examples';
import { compileWorkflow } from './compile';

// Golden files of every compiled object of the seed's tasks (checked by hand against the seed and Flyte's pod
// semantics: reference/flyte-pod-semantics.md §1–2, and DESIGN.md §3 where Podflow differs). The runtime ConfigMap's content hash is masked, so that an edit
// of the Python entrypoint does not churn every golden file; its content is tested in packages/runtime.
describe('golden: compiled objects of the seed examples', () => {
  for (const name of SEED_EXAMPLES) {
    it(name, async () => {
      const compiled = compileWorkflow(seedDoc(name));
      const objects = [...compiled.flatMap((c) => c.configMaps.filter((cm) => !cm.metadata?.name?.startsWith('podflow-runtime-'))), ...compiled.map((c) => c.pod)];
      const text = objects.map((o) => `---\n${stringify(o, { lineWidth: 0, blockQuote: 'literal' })}`).join('').replace(/podflow-runtime-[0-9a-f]{12}/g, 'podflow-runtime-HASH');
      await expect(text).toMatchFileSnapshot(`__golden__/${name}.yaml`);
    });
  }
});
