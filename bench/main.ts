// `npm run bench`: measures and prints; writes bench/results/latest.json and a dated copy. Every figure is a median
// over several runs with its spread, beside a baseline measured in the same run. Sections: `npm run bench -- compile`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCompileCase } from './compile-bench';
import { goalsTable, judgeGoals } from './goals';
import { fmt, spread, stat, type Stat } from './stats';
import { SECTIONS, type Section } from './sections';

// The repository: this runs as bench/.build/bench.mjs (scripts/bench.mjs bundles it there).
const root = fileURLToPath(new URL('../..', import.meta.url));

// A child process measuring one compile case (so that maxRSS is that case's peak).
if (process.argv[2] === '--compile-case') {
  const [shape, nodes, repeats] = process.argv.slice(3);
  const result = runCompileCase(shape as never, Number(nodes), Number(repeats));
  process.stdout.write(JSON.stringify({ ...result, maxRssKiB: process.resourceUsage().maxRSS }));
  process.exit(0);
}

export interface Row {
  section: string;
  case: string;
  value: Stat;
  unit: string;
  baseline?: { name: string; value: Stat; unit: string };
  note?: string;
}

const rows: Row[] = [];
const only = new Set(process.argv.slice(2));

async function main() {
  const started = Date.now();
  for (const section of SECTIONS as Section[]) {
    if (only.size > 0 ? !only.has(section.name) : section.onlyWhenAsked) continue;
    process.stderr.write(`bench: ${section.name}…\n`);
    try {
      rows.push(...(await section.run({ root, compileCase })));
    } catch (e) {
      rows.push({ section: section.name, case: 'error', value: stat([0]), unit: '', note: `not measured: ${(e as Error).message.split('\n')[0]}` });
    }
  }
  print();
  const goals = judgeGoals(rows);
  process.stdout.write(goalsTable(goals));
  const os = await import('node:os');
  const out = { date: new Date().toISOString(), machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg() }, seconds: (Date.now() - started) / 1000, rows, goals };
  mkdirSync(`${root}bench/results`, { recursive: true });
  writeFileSync(`${root}bench/results/latest.json`, JSON.stringify(out, null, 2));
  writeFileSync(`${root}bench/results/${out.date.slice(0, 10)}.json`, JSON.stringify(out, null, 2));
}

function compileCase(shape: string, nodes: number, repeats: number) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', process.argv[1]!, '--compile-case', shape, String(nodes), String(repeats)], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(r.stderr || `compile case ${shape} ${nodes} failed`);
  return JSON.parse(r.stdout) as { ms: number[]; baselineMs: number[]; yamlBytes: number; maxRssKiB: number };
}

function print() {
  const lines = ['| section | case | median (min–max) | baseline, same run | ratio | note |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    const base = r.baseline ? `${r.baseline.name}: ${spread(r.baseline.value, r.baseline.unit)}` : '';
    const ratio = r.baseline && r.baseline.value.median > 0 ? `${fmt(r.value.median / r.baseline.value.median, 2)}×` : '';
    lines.push(`| ${r.section} | ${r.case} | ${spread(r.value, r.unit)} | ${base} | ${ratio} | ${r.note ?? ''} |`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${(e as Error).stack}\n`);
  process.exit(1);
});
