// The goals of issue #19 ("Fast at every scale"), judged from the rows of this run: each goal finds its row (and its
// baseline, measured in the same run) by section and case, and says met, missed or not measured (and why). The rows
// stay their sections' own (canvas, kubernetes and map belong to other engineers); only the matching lives here.
import type { Row } from './main';
import { fmt } from './stats';

export interface GoalResult {
  /** The table row. */
  what: string;
  goal: string;
  /** What this run measured, as printed ('' when not measured). */
  measured: string;
  baseline: string;
  verdict: 'met' | 'missed' | 'not measured';
  note: string;
}

type Find = (rows: readonly Row[]) => Row | undefined;
const row = (section: string, pattern: RegExp): Find => (rows) => rows.find((r) => r.section === section && pattern.test(r.case) && !/^not measured/.test(r.note ?? ''));
const sectionRan = (rows: readonly Row[], section: string) => rows.some((r) => r.section === section);
const whyNot = (rows: readonly Row[], section: string): string => {
  if (!sectionRan(rows, section)) return `the ${section} section did not run (npm run bench -- ${section})`;
  const failed = rows.find((r) => r.section === section && /^not measured/.test(r.note ?? ''));
  return failed ? `${section}: ${failed.note}` : `${section}: no such row in this run`;
};

interface Goal {
  what: string;
  goal: string;
  section: string;
  /** The measured value and its same-run baseline, or a reason it was not measured. */
  judge: (rows: readonly Row[]) => { value: number; shown: string; baseline: string; met: boolean; note?: string } | string;
}

const ms = (n: number) => `${fmt(n)} ms`;
const baselineOf = (r: Row) => (r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value.median)}${r.baseline.unit}` : '');

/** A row whose median must be at most `limit` times its own baseline's median. */
function ratioGoal(what: string, section: string, pattern: RegExp, limit: number, goal = `≤ ${limit}× the baseline`): Goal {
  return {
    what,
    goal,
    section,
    judge: (rows) => {
      const r = row(section, pattern)(rows);
      if (!r) return whyNot(rows, section);
      if (!r.baseline || r.baseline.value.median <= 0) return `${section}: the row has no baseline`;
      const ratio = r.value.median / r.baseline.value.median;
      return { value: ratio, shown: `${fmt(r.value.median)}${r.unit} = ${fmt(ratio, 2)}×`, baseline: baselineOf(r), met: ratio <= limit };
    },
  };
}

/** A row whose median must be at most (or, `atLeast`, at least) `limit` in its own unit. */
function absoluteGoal(what: string, section: string, pattern: RegExp, limit: number, unit: string, atLeast = false, baselineRow?: Find): Goal {
  return {
    what,
    goal: `${atLeast ? '≥' : '≤'} ${limit}${unit}`,
    section,
    judge: (rows) => {
      const r = row(section, pattern)(rows);
      if (!r) return whyNot(rows, section);
      const base = baselineRow ? baselineRow(rows) : undefined;
      const baseline = base ? `${base.case}: ${fmt(base.value.median)}${base.unit}` : baselineOf(r);
      const baseMedian = base ? base.value.median : r.baseline?.value.median;
      const ratio = baseMedian ? ` (${fmt(r.value.median / baseMedian, 2)}× the baseline)` : '';
      const v = r.value.median;
      return { value: v, shown: `${fmt(v)}${r.unit}${ratio}`, baseline, met: atLeast ? v >= limit : v <= limit };
    },
  };
}

/** A number a section wrote into a row's note (the map section says its per-item overhead only there). */
function fromNote(r: Row, pattern: RegExp): number | undefined {
  const m = pattern.exec(r.note ?? '');
  return m ? Number(m[1]) : undefined;
}

const SEED_MAP = /^seed map-pod-workflow over \d+ items \(init container per item\)/;
const PLAIN_MAP = /^\d+ items, local executor, warm worker$/;

export const GOALS: Goal[] = [
  ratioGoal('seed map-pod-workflow over 1,000 items (init container per item), local', 'map', SEED_MAP, 4, "≤ 4× flytekit's in-process run"),
  {
    what: '… the init-container path beside the plain path',
    goal: '≤ 1.5× the plain path',
    section: 'map',
    judge: (rows) => {
      const seed = row('map', SEED_MAP)(rows);
      const plain = row('map', PLAIN_MAP)(rows);
      if (!seed || !plain) return whyNot(rows, 'map');
      const ratio = seed.value.median / plain.value.median;
      return { value: ratio, shown: `${ms(seed.value.median)} = ${fmt(ratio, 2)}×`, baseline: `${plain.case}: ${ms(plain.value.median)}`, met: ratio <= 1.5 };
    },
  },
  {
    what: '… the plain path, overhead per item',
    goal: '≤ 3 ms per item',
    section: 'map',
    judge: (rows) => {
      const plain = row('map', PLAIN_MAP)(rows);
      if (!plain) return whyNot(rows, 'map');
      const overhead = fromNote(plain, /([\d.]+) ms overhead per item/);
      if (overhead === undefined) return 'map: the warm-worker row no longer says its overhead per item';
      return { value: overhead, shown: `${fmt(overhead, 2)} ms per item`, baseline: 'one Python process calling the task 1,000× (the row\'s note)', met: overhead <= 3 };
    },
  },
  ratioGoal('canvas, 1,000-node lattice: open → drawn', 'canvas', /^lattice 1000 nodes: open → drawn$/, 1.25),
  ratioGoal('canvas, 5,000: open → drawn', 'canvas', /^lattice 5000 nodes: open → drawn$/, 1.25),
  absoluteGoal('canvas, 5,000: pan p95 frame gap', 'canvas', /^lattice 5000 nodes: pan 3 s, p95 frame gap$/, 21, ' ms'),
  absoluteGoal('canvas, 5,000: frames > 50 ms in 3 s of panning', 'canvas', /^lattice 5000 nodes: pan 3 s, frames > 50 ms$/, 2, ''),
  ratioGoal('validate + compile + YAML, 10,000-node chain', 'compile', /^chain 10000 nodes: validate \+ compile \+ YAML$/, 1.5, '≤ 1.5× writing the document'),
  absoluteGoal('`podflow --help`', 'cli', /^`podflow --help`$/, 200, ' ms'),
  absoluteGoal('`podflow validate` of a seed example', 'cli', /^`podflow validate` of seed /, 200, ' ms'),
  absoluteGoal('`podflow compile` of a seed example', 'cli', /^`podflow compile` of seed /, 200, ' ms'),
  absoluteGoal('Kubernetes, 200-item map at concurrency 20', 'kubernetes', /^map of 200, concurrency 20: pods created\/s \(watch\)$/, 30, ' pods/s', true),
  withNote(absoluteGoal('`POST /api/runs` p50, 50 clients', 'server', /^POST \/api\/runs p50, 50 clients$/, 40, ' ms', false, row('server', /^GET \/api\/workflows\/:id p50, 50 clients$/)), (rows) => {
    const cpu = row('server', /^POST \/api\/runs: server CPU per run started$/)(rows);
    return cpu?.baseline ? `server CPU per start ${fmt(cpu.value.median, 2)} ms, per GET ${fmt(cpu.baseline.value.median, 2)} ms` : undefined;
  }),
];

/** A goal whose verdict carries a note from another row of the run. */
function withNote(goal: Goal, note: (rows: readonly Row[]) => string | undefined): Goal {
  return {
    ...goal,
    judge: (rows) => {
      const j = goal.judge(rows);
      const n = typeof j === 'string' ? undefined : note(rows);
      return typeof j === 'string' || n === undefined ? j : { ...j, note: n };
    },
  };
}

export function judgeGoals(rows: readonly Row[]): GoalResult[] {
  return GOALS.map((g) => {
    const j = g.judge(rows);
    if (typeof j === 'string') return { what: g.what, goal: g.goal, measured: '', baseline: '', verdict: 'not measured', note: j };
    return { what: g.what, goal: g.goal, measured: j.shown, baseline: j.baseline, verdict: j.met ? 'met' : 'missed', note: j.note ?? '' };
  });
}

export function goalsTable(results: readonly GoalResult[]): string {
  const lines = [
    '',
    'Issue #19 goals, from this run (absolute goals were set on a quiet 2-core machine: read them beside the same-run baseline):',
    '| what | goal | this run | baseline, same run | verdict | note |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of results) lines.push(`| ${r.what} | ${r.goal} | ${r.measured} | ${r.baseline} | ${r.verdict === 'met' ? 'met' : r.verdict === 'missed' ? '**missed**' : 'not measured'} | ${r.note} |`);
  return `${lines.join('\n')}\n`;
}
