import { describe, expect, it } from 'vitest';
import { goalsTable, judgeGoals, GOALS } from './goals';
import type { Row } from './main';
import { stat } from './stats';

const r = (section: string, name: string, median: number, unit: string, baseline?: number, note?: string): Row => ({
  section,
  case: name,
  value: stat([median]),
  unit,
  ...(baseline !== undefined ? { baseline: { name: 'base', value: stat([baseline]), unit } } : {}),
  ...(note !== undefined ? { note } : {}),
});

/** Rows as the sections name them today. */
const ROWS: Row[] = [
  r('map', '1000 items, local executor, warm worker', 3000, ' ms', 20000, '333 items/s; 2.50 ms overhead per item over one Python process calling it 1000× (500 ms)'),
  r('map', 'seed map-pod-workflow over 1000 items (init container per item), local executor, warm worker', 6000, ' ms', 1300),
  r('canvas', 'lattice 1000 nodes: open → drawn', 900, ' ms', 800),
  r('canvas', 'lattice 5000 nodes: open → drawn', 3000, ' ms', 2000),
  r('canvas', 'lattice 5000 nodes: pan 3 s, p95 frame gap', 20, ' ms', 17),
  r('canvas', 'lattice 5000 nodes: pan 3 s, frames > 50 ms', 3, '', 0),
  r('compile', 'chain 10000 nodes: validate + compile + YAML', 600, ' ms', 450),
  r('cli', '`podflow --help`', 90, ' ms', 60),
  r('cli', '`podflow validate` of seed map-pod-workflow', 180, ' ms', 60),
  r('cli', '`podflow compile` of seed map-pod-workflow', 250, ' ms', 60),
  r('server', 'GET /api/workflows/:id p50, 50 clients', 6, ' ms', 5),
  r('server', 'POST /api/runs p50, 50 clients', 30, ' ms', 5),
  r('server', 'POST /api/runs: server CPU per run started', 0.8, ' ms', 0.1),
];

describe('the issue #19 goals, judged from the rows of one run', () => {
  it('judges every goal from its row and its same-run baseline', () => {
    const verdicts = Object.fromEntries(judgeGoals(ROWS).map((g) => [g.what, g.verdict]));
    expect(verdicts).toEqual({
      'seed map-pod-workflow over 1,000 items (init container per item), local': 'missed', // 4.6× flytekit
      '… the init-container path beside the plain path': 'missed', // 2×
      '… the plain path, overhead per item': 'met', // 2.5 ms
      'canvas, 1,000-node lattice: open → drawn': 'met', // 1.125×
      'canvas, 5,000: open → drawn': 'missed', // 1.5×
      'canvas, 5,000: pan p95 frame gap': 'met',
      'canvas, 5,000: frames > 50 ms in 3 s of panning': 'missed',
      'validate + compile + YAML, 10,000-node chain': 'met', // 1.33×
      '`podflow --help`': 'met',
      '`podflow validate` of a seed example': 'met',
      '`podflow compile` of a seed example': 'missed',
      'Kubernetes, 200-item map at concurrency 20': 'not measured',
      '`POST /api/runs` p50, 50 clients': 'met',
    });
  });

  it('says why a goal was not measured: a section not run, or a section that could not measure', () => {
    const rows = [...ROWS, r('kubernetes', 'map of 200, concurrency 20', 0, '', undefined, 'not measured: no kube-apiserver binary')];
    const k8s = judgeGoals(rows).find((g) => g.what.startsWith('Kubernetes'))!;
    expect(k8s).toMatchObject({ verdict: 'not measured', note: 'kubernetes: not measured: no kube-apiserver binary' });
    expect(judgeGoals([]).every((g) => g.verdict === 'not measured' && /did not run/.test(g.note))).toBe(true);
  });

  it('shows the POST row beside the GET /api/workflows/:id row of the same run, as the issue does', () => {
    const post = judgeGoals(ROWS).find((g) => g.what.startsWith('`POST'))!;
    expect(post.baseline).toBe('GET /api/workflows/:id p50, 50 clients: 6.0 ms');
    expect(post.measured).toBe('30.0 ms (5.00× the baseline)');
    expect(post.note).toBe('server CPU per start 0.80 ms, per GET 0.10 ms');
    expect(goalsTable(judgeGoals(ROWS)).split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| what'))).toHaveLength(GOALS.length);
  });
});
