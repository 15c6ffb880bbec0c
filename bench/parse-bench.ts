// Section "parse": parseTaskCode (the editor's live Python check) on a 1,000-line module, from scratch and again
// after each one-character edit (what typing does). Baseline, same run: splitting the same text into lines.
import { parseTaskCode } from '@podflow/core';
import { largeTaskModule } from '../packages/core/src/__fixtures__/large-task-module';
import type { Row } from './main';
import { stat } from './stats';

export function runParseSection(): Row[] {
  const scratch: number[] = [];
  const edits: number[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < 5; run++) {
    // A fresh text per run (with a run-specific comment) so that no cache of an earlier run helps.
    let code = `# run ${run}\n${largeTaskModule(1000)}`;
    let t0 = performance.now();
    const problems = parseTaskCode(code, 'perf_main').problems;
    scratch.push(performance.now() - t0);
    if (problems.length > 0) throw new Error(`the 1,000-line module has problems: ${problems[0]!.message}`);
    const at = code.indexOf('total = sum', code.length / 2);
    for (let k = 0; k < 60; k++) {
      code = `${code.slice(0, at + k)}y${code.slice(at + k)}`;
      t0 = performance.now();
      parseTaskCode(code, 'perf_main');
      edits.push(performance.now() - t0);
    }
    t0 = performance.now();
    code.split('\n');
    baseline.push(performance.now() - t0);
  }
  const base = { name: 'split the text into lines', value: stat(baseline), unit: ' ms' };
  return [
    { section: 'parse', case: '1,000-line module, from scratch', value: stat(scratch), unit: ' ms', baseline: base },
    { section: 'parse', case: '1,000-line module, re-parse after a one-character edit', value: stat(edits), unit: ' ms', baseline: base },
  ];
}
