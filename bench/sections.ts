import type { Row } from './main';
import { MAP_ITEMS, seedWorkflow, timeRun, trivialMapWorkflow } from './map-bench';
import { runArgoSection } from './argo-bench';
import { runBundleSection } from './bundle-bench';
import { runCliSection } from './cli-bench';
import { runCanvasSection } from './canvas-bench';
import { runCanvasProfileSection } from './canvas-profile';
import { runK8sSection } from './k8s-bench';
import { runFlyteSection } from './flyte-bench';
import { runParseSection } from './parse-bench';
import { runRealNodeSection } from './realnode-bench';
import { flytekitSeedMapMs, pythonOneProcessMs, pythonPerItemProcessesMs } from './python-baselines';
import { runServerSection } from './server-bench';
import { stat } from './stats';

export interface SectionContext {
  root: string;
  compileCase: (shape: string, nodes: number, repeats: number) => { ms: number[]; baselineMs: number[]; yamlBytes: number; maxRssKiB: number };
}

export interface Section {
  name: string;
  run: (ctx: SectionContext) => Promise<Row[]>;
  /** Run only when named on the command line (a diagnostic, not a figure of the full benchmark). */
  onlyWhenAsked?: boolean;
}

const compileSection: Section = {
  name: 'compile',
  async run({ compileCase }) {
    const rows: Row[] = [];
    for (const nodes of [100, 1000, 10000]) {
      for (const shape of ['chain', 'fanout', 'lattice']) {
        const repeats = nodes >= 10000 ? 3 : nodes >= 1000 ? 5 : 9;
        const r = compileCase(shape, nodes, repeats);
        rows.push({
          section: 'compile',
          case: `${shape} ${nodes} nodes: validate + compile + YAML`,
          value: stat(r.ms),
          unit: ' ms',
          baseline: { name: 'serialise the document', value: stat(r.baselineMs), unit: ' ms' },
          note: `peak RSS ${Math.round(r.maxRssKiB / 1024)} MiB; ${(r.yamlBytes / 1024 / 1024).toFixed(1)} MiB of YAML`,
        });
      }
    }
    return rows;
  },
};

const mapSection: Section = {
  name: 'map',
  async run({ root }) {
    const rows: Row[] = [];
    const doc = trivialMapWorkflow(MAP_ITEMS);
    const oneProcess = [pythonOneProcessMs(), pythonOneProcessMs(), pythonOneProcessMs()];
    const perProcess = [pythonPerItemProcessesMs(200) * 5, pythonPerItemProcessesMs(200) * 5];
    // The plain warm map, the seed map (an init container per item) and flytekit's run of the seed module take turns,
    // round after round, so that each ratio between them compares runs made under the same load.
    const seedMap = seedWorkflow(root, 'map-pod-workflow');
    const seedInputs = { list_of_ints: Array.from({ length: MAP_ITEMS }, (_, i) => i) };
    const warm: number[] = [];
    const withInit: number[] = [];
    const seedCpu: { serverMs: number; childrenMs: number | undefined }[] = [];
    const plainCpu: { serverMs: number; childrenMs: number | undefined }[] = [];
    const flyte: { ms: number; label: string }[] = [];
    for (let round = 0; round < 3; round++) {
      const plain = await timeRun(doc, { warmWorker: true });
      if (plain.status !== 'succeeded') throw new Error(`map run ${plain.status}`);
      warm.push(plain.ms);
      plainCpu.push(plain.cpu);
      const seed = await timeRun(seedMap, { warmWorker: true, inputs: seedInputs });
      if (seed.status !== 'succeeded') throw new Error(`seed map ${seed.status}`);
      withInit.push(seed.ms);
      seedCpu.push(seed.cpu);
      flyte.push(flytekitSeedMapMs(root, MAP_ITEMS));
    }
    const cold = await timeRun(doc, { warmWorker: false });
    if (cold.status !== 'succeeded') throw new Error(`map run ${cold.status}`);
    const oneMedian = stat(oneProcess).median;
    for (const [label, ms] of [['warm worker', warm], ['a process per item', [cold.ms]]] as [string, number[]][]) {
      const s = stat(ms);
      rows.push({
        section: 'map',
        case: `${MAP_ITEMS} items, local executor, ${label}`,
        value: s,
        unit: ' ms',
        baseline: { name: `python3 -c per item (200 run, ×5)`, value: stat(perProcess), unit: ' ms' },
        note: `${Math.round((MAP_ITEMS * 1000) / s.median)} items/s; ${((s.median - oneMedian) / MAP_ITEMS).toFixed(2)} ms overhead per item over one Python process calling it ${MAP_ITEMS}× (${oneMedian.toFixed(0)} ms)`,
      });
    }
    const seedStat = stat(withInit);
    const plainMedian = stat(warm).median;
    rows.push({
      section: 'map',
      case: `seed map-pod-workflow over ${MAP_ITEMS} items (init container per item), local executor, warm worker`,
      value: seedStat,
      unit: ' ms',
      baseline: { name: flyte[0]?.label ?? 'flytekit', value: stat(flyte.map((f) => f.ms)), unit: ' ms' },
      note: `${(seedStat.median / MAP_ITEMS).toFixed(2)} ms per item; ${(seedStat.median / plainMedian).toFixed(2)}× the plain warm row; ${(seedStat.median / stat(flyte.map((f) => f.ms)).median).toFixed(1)}× the baseline`,
    });
    // Where the seed map's time goes: CPU per item of the server process (scheduler, executor) and of the warm workers
    // with every container they ran (reaped at close), beside the wall time per item. 2 cores: wall ≥ CPU / 2.
    // The plain map's CPU beside it: a ratio of CPU time hardly depends on the machine's load, unlike one of wall time.
    const perItem = (ms: number) => ms / MAP_ITEMS;
    const cpuPerItem = (cpu: typeof seedCpu) => (cpu.every((c) => c.childrenMs !== undefined) ? stat(cpu.map((c) => perItem(c.serverMs + c.childrenMs!))) : undefined);
    const seedCpuItem = cpuPerItem(seedCpu);
    const plainCpuItem = cpuPerItem(plainCpu);
    if (seedCpuItem && plainCpuItem) {
      const server = stat(seedCpu.map((c) => perItem(c.serverMs)));
      const workers = stat(seedCpu.map((c) => perItem(c.childrenMs!)));
      rows.push({
        section: 'map',
        case: `CPU per item of the seed map over ${MAP_ITEMS} items: server process + warm workers and their containers`,
        value: seedCpuItem,
        unit: ' ms',
        baseline: { name: 'the plain warm map, same rounds', value: plainCpuItem, unit: ' ms' },
        note: `server ${server.median.toFixed(2)} ms + Python workers, init containers and task forks ${workers.median.toFixed(2)} ms per item; wall ${(seedStat.median / MAP_ITEMS).toFixed(2)} ms per item`,
      });
    }
    for (const name of ['pod-workflow', 'multiple-containers-pod-workflow', 'map-pod-workflow', 'dynamic-pod-workflow']) {
      const r = await timeRun(seedWorkflow(root, name), { warmWorker: true });
      if (r.status !== 'succeeded') throw new Error(`${name} ${r.status}`);
      rows.push({
        section: 'map',
        case: `seed ${name} end to end`,
        value: stat([r.ms]),
        unit: ' ms',
        note: name === 'multiple-containers-pod-workflow' ? (r.ms > 4000 ? 'includes one 5 s poll of /data by the primary, as the seed is written' : 'the sidecar wrote /data/message.txt before the primary first looked, so no 5 s poll was needed') : `${r.events} events`,
      });
    }
    return rows;
  },
};

// Sections 3–7: bench/canvas-bench.ts, bundle-bench.ts, cli-bench.ts, server-bench.ts, k8s-bench.ts.
const canvasSection: Section = { name: 'canvas', run: ({ root }) => runCanvasSection(root) };
// Not in a full run: asked for by name (`npm run bench -- canvas-profile`), it traces one pan for its profile.
const canvasProfileSection: Section = { name: 'canvas-profile', run: ({ root }) => runCanvasProfileSection(root), onlyWhenAsked: true };
const bundleSection: Section = { name: 'bundle', run: ({ root }) => runBundleSection(root) };
const cliSection: Section = { name: 'cli', run: ({ root }) => runCliSection(root) };
const serverSection: Section = { name: 'server', run: ({ root }) => runServerSection(root) };
const parseSection: Section = { name: 'parse', run: async () => runParseSection() };
const kubernetesSection: Section = { name: 'kubernetes', run: ({ root }) => runK8sSection(root) };
const realNodeSection: Section = { name: 'realnode', run: ({ root }) => runRealNodeSection(root) };

const argoSection: Section = { name: 'argo', run: ({ root }) => runArgoSection(root) };
const flyteSection: Section = { name: 'flyte', run: ({ root }) => runFlyteSection(root) };

export const SECTIONS: Section[] = [compileSection, argoSection, parseSection, mapSection, canvasSection, canvasProfileSection, bundleSection, cliSection, serverSection, kubernetesSection, realNodeSection, flyteSection];
