import { randomBytes } from 'node:crypto';
import { findNode, formatDiagnostic, inputsOf, isMapItem, mapItemOf, nodeInputPorts, resolveNodeInputs, singleNodeDoc, type Json, type RunEventBody, type WorkflowDoc } from '@podflow/core';
import type { Executor } from '../executors/executor';
import { createExecutor, ExecutorUnavailableError } from '../executors/create-executor';
import { MemoryOutputCache } from '../scheduler/output-cache';
import { RunSetupError, startRun, type RunResult } from '../scheduler/start-run';
import { defaultDataDir, prepareDataDir } from '../server/prepare-data-dir';
import { parseCommandArgs } from './args';
import { loadWorkflowFile } from './load-workflow-file';
import { checkRunWithPython } from '../validation/python-syntax';
import { parseInputValues } from './parse-input-values';
import { UsageError, type CommandResult } from './usage-error';

/**
 * `podflow run FILE [--executor local|kubernetes] [--kubeconfig F] [--context C] [--namespace N] [--unreachable-seconds S] [--stuck-grace-seconds S]
 *   [--kube-api-qps Q] [--kube-api-burst B] [--input NAME=JSON]... [--node N] [--json] [--logs] [--data-dir DIR]`
 * (DESIGN.md §5, §8): runs a workflow standalone (no server, no database). With `--node N` only that node runs, and
 * each `--input` names one of its input ports (ports not given take what their binding gives: a constant or a workflow
 * input's default). Progress goes to stderr (a live view on a
 * terminal, plain lines otherwise), with every container's log lines when `--logs` is given; `--json` prints
 * `{"runId","status","outputs","error"?}` on stdout. Exit 0 succeeded, 1 failed or cancelled, 2 invalid workflow or
 * usage, 130 after Ctrl-C (the run is cancelled and its processes stopped first). `--kube-api-qps`/`--kube-api-burst`
 * set the client-side limit of Kubernetes API calls, as client-go's flags of those names do (a qps of 0 means no
 * limit). Neither given: no limit when the API server has API Priority and Fairness (it limits clients itself), else 50
 * and 100.
 */
export async function main(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseCommandArgs(argv, {
    executor: { type: 'string', default: 'local' },
    input: { type: 'string', multiple: true, default: [] },
    json: { type: 'boolean', default: false },
    logs: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    kubeconfig: { type: 'string' },
    context: { type: 'string' },
    namespace: { type: 'string' },
    'unreachable-seconds': { type: 'string' },
    'stuck-grace-seconds': { type: 'string' },
    node: { type: 'string' },
    'kube-api-qps': { type: 'string' },
    'kube-api-burst': { type: 'string' },
  });
  if (positionals.length > 1) throw new UsageError(`expected one FILE, got ${positionals.length}: ${positionals.join(' ')}`);
  if (values.executor !== 'local' && values.executor !== 'kubernetes') throw new UsageError(`--executor must be local or kubernetes, not "${values.executor}"`);
  const qps = numberFlag('--kube-api-qps', values['kube-api-qps'], (n) => n >= 0, 'a number of calls a second ≥ 0 (0: no limit)');
  const burst = numberFlag('--kube-api-burst', values['kube-api-burst'], (n) => Number.isInteger(n) && n >= 1, 'a whole number of calls ≥ 1');
  if ((qps !== undefined || burst !== undefined) && values.executor !== 'kubernetes') throw new UsageError('--kube-api-qps and --kube-api-burst apply to --executor kubernetes only');

  const loaded = await loadWorkflowFile(positionals[0]);
  if (!loaded.ok) return fail(loaded.message);
  let doc = loaded.doc;
  let inputs: Record<string, Json>;
  if (values.node !== undefined) {
    // One node alone: its ports take the --input values; the rest of the workflow is neither run nor checked.
    const ports = nodeInputPorts(doc, values.node);
    if (!findNode(doc, values.node) || !ports) throw new UsageError(`--node ${values.node}: the workflow has no node "${values.node}"; its nodes are: ${(doc.spec.nodes ?? []).map((n) => n.id).join(', ') || '(none)'}`);
    const given = parseInputValues(values.input, new Map(ports.map((p) => [p.name, p.typeText])), `node ${values.node}`);
    const resolved = resolveNodeInputs(doc, values.node, { given });
    if (!resolved.ok) throw new UsageError(resolved.problems.map((p) => p.message.replace(/type the value in/, `give it with --input ${p.field.replace(/^only\.inputs\./, '')}=VALUE`)).join('\n'));
    doc = singleNodeDoc(doc, values.node, resolved.inputs);
    inputs = {};
  } else {
    inputs = parseInputs(doc, values.input);
  }
  const { blockers: errors } = await checkRunWithPython(doc);
  const what = values.node !== undefined ? `${positionals[0]} (node ${values.node})` : positionals[0];
  if (errors.length > 0) return fail(`${errors.map(formatDiagnostic).join('\n')}\n${what}: invalid (${errors.length} error${errors.length === 1 ? '' : 's'}); nothing was run`);

  let executor: Executor;
  try {
    executor = await createExecutor(values.executor, {
      dataDir: prepareDataDir(values['data-dir'] ?? defaultDataDir()),
      kubernetes: {
        ...(values.kubeconfig ? { kubeconfigPath: values.kubeconfig } : {}),
        ...(values.context ? { context: values.context } : {}),
        ...(values.namespace ? { namespace: values.namespace } : {}),
        ...(values['unreachable-seconds'] !== undefined ? { unreachableSeconds: positiveSeconds(values['unreachable-seconds'], '--unreachable-seconds') } : {}),
        ...(values['stuck-grace-seconds'] !== undefined ? { stuckGraceSeconds: positiveSeconds(values['stuck-grace-seconds'], '--stuck-grace-seconds') } : {}),
        ...(qps !== undefined ? { qps } : {}),
        ...(burst !== undefined ? { burst } : {}),
      },
      log: (message) => process.stderr.write(`podflow run: kubernetes: ${message}\n`),
    });
  } catch (e) {
    if (e instanceof ExecutorUnavailableError) throw new UsageError(e.message);
    throw e;
  }

  const runId = `run-${randomBytes(4).toString('hex')}`;
  const progress = new Progress(process.stderr, doc, values.logs);
  let handle;
  try {
    // --logs prints lines as they come; without it nobody sees them live, so Kubernetes logs are read once at the end.
    const watched = { now: () => values.logs === true, onChange: () => () => {} };
    handle = startRun({ doc, runId, inputs, executor, emit: (e) => progress.on(e), cache: new MemoryOutputCache(), checked: true, watched });
  } catch (e) {
    await executor.close();
    if (e instanceof RunSetupError) return fail(e.problems.map((p) => `podflow run: ${p}`).join('\n'));
    throw e;
  }

  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) {
      process.stderr.write('\npodflow run: stopping now\n');
      process.exit(130); // the executor's exit hook kills what is left
    }
    interrupted = signal;
    progress.note(`${signal === 'SIGINT' ? 'interrupted' : signal}: cancelling the run and stopping its processes…`);
    handle.cancel(signal === 'SIGINT' ? 'interrupted (Ctrl-C)' : `stopped by ${signal}`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let result: RunResult;
  try {
    result = await handle.done;
  } finally {
    await executor.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    progress.end();
  }

  if (values.json) {
    process.stdout.write(`${JSON.stringify({ runId, status: result.status, outputs: result.outputs, ...(result.error !== undefined ? { error: result.error } : {}) })}\n`);
  } else if (result.status === 'succeeded') {
    process.stdout.write(`${JSON.stringify(result.outputs, null, 2)}\n`);
  }
  progress.summary(runId, result);
  if (interrupted) return { exitCode: interrupted === 'SIGINT' ? 130 : 143 };
  return { exitCode: result.status === 'succeeded' ? 0 : 1 };
}

function fail(message: string): CommandResult {
  process.stderr.write(`${message}\n`);
  return { exitCode: 2 };
}

/** `--input NAME=VALUE` for the workflow's inputs (parse-input-values.ts has the rule). */
export function parseInputs(doc: WorkflowDoc, given: readonly string[]): Record<string, Json> {
  return parseInputValues(given, new Map(inputsOf(doc).map((i) => [i.name, i.type])), 'the workflow');
}

type Line = { status: string; reason?: string; items?: number; done?: number; failed?: number };

/** Progress on stderr: plain lines, or on a terminal a live block of node statuses under the permanent lines. */
class Progress {
  private readonly tty: boolean;
  private readonly started = Date.now();
  private readonly nodes = new Map<string, Line>();
  private readonly stderrTail = new Map<string, string[]>();
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly out: NodeJS.WriteStream,
    doc: WorkflowDoc,
    private readonly logs: boolean,
  ) {
    this.tty = Boolean(out.isTTY) && process.env.TERM !== 'dumb';
    for (const node of doc.spec.nodes ?? []) this.nodes.set(node.id, { status: 'queued' });
  }

  on(e: RunEventBody): void {
    switch (e.type) {
      case 'run-started':
        this.note(`run of ${e.workflow} on the ${e.executor} executor`);
        break;
      case 'log':
        if (this.logs) this.line(`[${e.executionId} ${e.container}${e.stream === 'stderr' ? ' stderr' : ''}] ${e.line}`);
        if (e.stream === 'stderr') this.stderrTail.set(e.executionId, [...(this.stderrTail.get(e.executionId) ?? []).slice(-9), `${e.container}: ${e.line}`]);
        break;
      case 'attempt-started':
        this.stderrTail.delete(e.executionId);
        break;
      case 'node-started':
        this.set(e.executionId, 'running');
        if (!isMapItem(e.executionId)) this.line(`${e.executionId}: started`);
        break;
      case 'map-expanded':
        this.update(e.executionId, { items: e.items, done: 0, failed: 0 });
        this.line(`${e.executionId}: mapped over ${e.items} item${e.items === 1 ? '' : 's'}`);
        break;
      case 'dynamic-expanded':
        this.line(`${e.executionId}: dynamic, ${e.spec.nodes.length} call${e.spec.nodes.length === 1 ? '' : 's'}: ${e.spec.nodes.map((n) => n.id).join(', ') || '(none)'}`);
        break;
      case 'pod-event':
        if (e.warning) this.line(`${e.executionId}: ${e.reason}: ${e.message}`);
        break;
      case 'attempt-failed':
        if (e.kind !== 'cancelled') this.line(`${e.executionId}: attempt ${e.attempt + 1} failed (${e.kind}): ${e.reason}`);
        break;
      case 'node-retrying':
        this.set(e.executionId, 'retrying');
        this.line(`${e.executionId}: retrying (attempt ${e.attempt + 1} of ${e.of})`);
        break;
      case 'node-succeeded':
      case 'node-cached':
        this.set(e.executionId, e.type === 'node-cached' ? 'cached' : 'succeeded');
        this.countItem(e.executionId, 'done');
        if (!isMapItem(e.executionId)) this.line(`${e.executionId}: ${e.type === 'node-cached' ? 'cached' : 'succeeded'}`);
        break;
      case 'node-failed': {
        this.set(e.executionId, 'failed', e.reason);
        this.countItem(e.executionId, 'failed');
        const tail = this.stderrTail.get(e.executionId) ?? [];
        this.line([`${e.executionId}: FAILED (${e.kind}): ${e.reason}`, ...tail.map((l) => `    | ${l}`)].join('\n'));
        break;
      }
      case 'node-skipped':
        this.set(e.executionId, 'skipped', e.reason);
        if (!isMapItem(e.executionId)) this.line(`${e.executionId}: skipped: ${e.reason}`);
        break;
      case 'node-cancelled':
        this.set(e.executionId, 'cancelled');
        if (!isMapItem(e.executionId)) this.line(`${e.executionId}: cancelled`);
        break;
      default:
        break;
    }
  }

  private set(id: string, status: string, reason?: string): void {
    if (this.nodes.has(id)) this.update(id, { status, ...(reason !== undefined ? { reason } : {}) });
  }

  private update(id: string, patch: Partial<Line>): void {
    const line = this.nodes.get(id);
    if (line) Object.assign(line, patch);
    this.schedule();
  }

  private countItem(id: string, field: 'done' | 'failed'): void {
    const item = mapItemOf(id);
    const parent = item ? this.nodes.get(item.parent) : undefined;
    if (item && parent) this.update(item.parent, { [field]: (parent[field] ?? 0) + 1 });
  }

  /** A permanent line (plain mode: one line per event). */
  line(text: string): void {
    const stamp = `${((Date.now() - this.started) / 1000).toFixed(1).padStart(6)}s `;
    this.clear();
    this.out.write(`${text.split('\n').map((l, i) => (i === 0 ? stamp + l : ' '.repeat(stamp.length) + l)).join('\n')}\n`);
    this.draw();
  }

  note(text: string): void {
    this.line(`podflow: ${text}`);
  }

  private schedule(): void {
    if (!this.tty || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.clear();
      this.draw();
    }, 100);
  }

  private clear(): void {
    if (this.tty && this.drawn > 0) this.out.write(`\x1b[${this.drawn}F\x1b[J`);
    this.drawn = 0;
  }

  private draw(): void {
    if (!this.tty) return;
    const icon: Record<string, string> = { queued: '·', running: '▶', retrying: '↻', succeeded: '✓', cached: '✓', failed: '✗', skipped: '-', cancelled: '⊘' };
    const show = ([id, l]: [string, Line]) => {
      const items = l.items !== undefined ? ` ${l.done ?? 0}/${l.items} done${l.failed ? `, ${l.failed} failed` : ''}` : '';
      return `  ${icon[l.status] ?? '?'} ${id} ${l.status}${items}`;
    };
    let lines = [...this.nodes].map(show);
    if (lines.length > MAX_LIVE_LINES) {
      // A large workflow: the nodes at work, then a count of every status.
      const counts = new Map<string, number>();
      for (const l of this.nodes.values()) counts.set(l.status, (counts.get(l.status) ?? 0) + 1);
      const active = [...this.nodes].filter(([, l]) => l.status === 'running' || l.status === 'retrying');
      lines = [...active.slice(0, MAX_LIVE_LINES - 1).map(show), `  ${this.nodes.size} nodes: ${[...counts].map(([k, v]) => `${v} ${k}`).join(', ')}`];
    }
    this.out.write(`${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }

  /** Draws the final statuses once more and leaves them on the screen. */
  end(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.clear();
    this.draw();
    this.drawn = 0;
  }

  summary(runId: string, result: RunResult): void {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    this.out.write(`podflow: run ${runId} ${result.status} in ${seconds}s${result.error && result.status !== 'succeeded' ? `: ${result.error}` : ''}\n`);
  }
}

const MAX_LIVE_LINES = 12;
function positiveSeconds(raw: string, flag: string): number {
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`${flag} must be a positive number of seconds, not "${raw}"`);
  return seconds;
}

function numberFlag(flag: string, text: string | undefined, ok: (n: number) => boolean, what: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !ok(n)) throw new UsageError(`${flag} must be ${what}, not "${text}"`);
  return n;
}
