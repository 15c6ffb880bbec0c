import { loadKubeConfig } from '../executors/kubernetes/load-kube-config';
import { ArgoSubmitError, submitArgo } from '../argo/submit-argo';
import { parseCommandArgs } from './args';
import { exportArgoFile } from './export-argo';
import { UsageError, type CommandResult } from './usage-error';

/**
 * `podflow submit argo FILE [--input NAME=VALUE]... [--template] [--kubeconfig F] [--context C] [--namespace N]`:
 * exports FILE as `podflow export argo --generate-name` does (so it can be submitted again) and creates the ConfigMaps
 * and the Workflow through the kubeconfig; prints the name and how to follow it. Exit 1 when refused or the cluster
 * says no, 2 on a usage error.
 */
export async function main(argv: string[]): Promise<CommandResult> {
  const [target, ...rest] = argv;
  if (target !== 'argo') throw new UsageError(`${target ? `unknown target "${target}"` : 'missing TARGET'}: podflow submit argo FILE`);
  const { values, positionals } = parseCommandArgs(rest, {
    input: { type: 'string', multiple: true, default: [] },
    template: { type: 'boolean', default: false },
    kubeconfig: { type: 'string' },
    context: { type: 'string' },
    namespace: { type: 'string' },
  });
  if (positionals.length > 1) throw new UsageError(`expected one FILE, got ${positionals.length}: ${positionals.join(' ')}`);
  const result = await exportArgoFile(positionals[0], { input: values.input, template: values.template, 'generate-name': !values.template });
  if (!result.ok) return { exitCode: 1 };
  let kc;
  try {
    kc = loadKubeConfig({ kubeconfigPath: values.kubeconfig, context: values.context });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  try {
    const submitted = await submitArgo(kc, result.exported, values.namespace);
    for (const cm of submitted.configMaps) process.stderr.write(`configmap/${cm.name} ${cm.created ? 'created' : 'unchanged'}\n`);
    process.stdout.write(`${submitted.kind.toLowerCase()}.argoproj.io/${submitted.name} created in namespace ${submitted.namespace}\nfollow it: ${submitted.follow}\n`);
    return { exitCode: 0 };
  } catch (e) {
    if (e instanceof ArgoSubmitError) {
      process.stderr.write(`podflow submit: ${e.message}\n`);
      return { exitCode: 1 };
    }
    process.stderr.write(`podflow submit: cannot reach the cluster: ${(e as Error).message}\n`);
    return { exitCode: 1 };
  }
}
