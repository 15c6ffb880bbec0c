import { OUTPUTS_MARKER } from '@podflow/core';
import { describeExecutorContract, type ExecutorContractOptions } from '../contract/executor-contract';
import type { AttemptRequest } from '../executor';
import { createKubernetesExecutor } from './index';
import { freshNamespace, testKubeConfig } from './testing/k8s-test-env';
import { envelope, running, ScriptedExecutor, terminated, waiting, type PodScript } from './testing/scripted-executor';

/**
 * The executor contract suite against the real API server. kwok runs no code, so each of the suite's tasks is
 * scripted here by its name: what the real entrypoint would have written (termination message, log lines, exit code)
 * and, where kwok's stages cannot, the status a kubelet would report.
 */
function contractScript(request: AttemptRequest): PodScript {
  const inputs = request.compiled.inputs as Record<string, number>;
  switch (request.compiled.task) {
    case 'double':
      return { message: envelope({ ok: true, outputs: { o0: inputs.x! * 2 } }), logs: { primary: [`doubling ${inputs.x}`] } };
    case 'quit':
      // os._exit(7): no envelope; FallbackToLogsOnError makes the log tail the termination message.
      return { outcome: 'fail', exitCode: 7, message: 'bye', logs: { primary: ['bye'] } };
    case 'boom':
      return {
        outcome: 'fail',
        exitCode: 1,
        message: envelope({ ok: false, error: 'ValueError: boom (task.py line 2)' }),
        logs: {
          primary: [
            { line: 'Traceback (most recent call last):', stream: 'stderr' },
            { line: '  File "/var/run/podflow/task.py", line 2, in boom', stream: 'stderr' },
            { line: '    raise ValueError("boom")', stream: 'stderr' },
            { line: 'ValueError: boom', stream: 'stderr' },
          ],
        },
      };
    case 'long_running':
      return { outcome: 'hang', logs: { primary: ['PIDS 1 2'] } };
    case 'big': {
      const o0 = 'x'.repeat(inputs.n!);
      return {
        message: envelope({ ok: true, outputsInLog: true }),
        logs: { primary: [`making ${inputs.n}`, `${OUTPUTS_MARKER}${envelope({ ok: true, outputs: { o0 } })}`] },
      };
    }
    case 'fan':
      return {
        message: envelope({
          ok: true,
          dynamic: { nodes: [{ id: 'stringify', task: 'stringify', inputs: { val: { value: inputs.n } } }], outputs: { o0: { node: 'stringify', output: 'o0' } } },
        }),
      };
    case 'with_failing_sidecar':
      // Both end; the sidecar with 3, the primary with its result: the pod is Failed, the attempt succeeds.
      return {
        outcome: 'hang',
        logs: { sidecar: [{ line: 'sidecar failing', stream: 'stderr' }] },
        then: {
          when: 'running',
          status: () => ({
            phase: 'Failed',
            containerStatuses: [terminated('primary', 0, { message: envelope({ ok: true, outputs: { o0: 'fine' } }) }), terminated('sidecar', 3)],
          }),
        },
      };
    case 'with_long_sidecar':
      // The primary ends while the sidecar runs on; the pod stays Running until the executor deletes it.
      return {
        outcome: 'hang',
        logs: { sidecar: ['SIDECAR 42'] },
        then: {
          when: 'running',
          status: () => ({ containerStatuses: [terminated('primary', 0, { message: envelope({ ok: true, outputs: { o0: 'done' } }) }), running('sidecar')] }),
        },
      };
    case 'after_init':
      return {
        message: envelope({ ok: true, outputs: { o0: 'ok' } }),
        logs: { init: ['init says hi', { line: 'init warns', stream: 'stderr' }], primary: ['primary here'] },
      };
    case 'init_fails':
      // The init container exits 4: the pod fails before the primary starts.
      return {
        outcome: 'pending',
        then: {
          when: 'scheduled',
          status: () => ({
            phase: 'Failed',
            initContainerStatuses: [terminated('init', 4)],
            containerStatuses: [waiting('primary', 'PodInitializing')],
          }),
        },
      };
    default:
      throw new Error(`no kwok script for the contract task "${request.compiled.task}": add one to contract.k8s.test.ts`);
  }
}

const options: ExecutorContractOptions & { logStreams: 'combined' } = {
  // The pods/log API merges stdout and stderr: the executor reports every line as stdout (see the hook proposal).
  logStreams: 'combined',
  testTimeoutMs: 60_000,
};

describeExecutorContract(
  'kubernetes (kwok)',
  async () => {
    const kc = testKubeConfig();
    const namespace = await freshNamespace(kc, 'pf-contract');
    return new ScriptedExecutor(createKubernetesExecutor({ kubeConfig: kc, namespace }), contractScript);
  },
  options,
);
