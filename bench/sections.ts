import type { Row } from './main';
import { stat } from './stats';

export interface SectionContext {
  root: string;
  compileCase: (shape: string, nodes: number, repeats: number) => { ms: number[]; baselineMs: number[]; yamlBytes: number; maxRssKiB: number };
}

export interface Section {
  name: string;
  run: (ctx: SectionContext) => Promise<Row[]>;
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

export const SECTIONS: Section[] = [compileSection];
