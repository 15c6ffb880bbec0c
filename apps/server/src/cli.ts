/**
 * `podflow` — the command line. Each command lives in `cli/<command>.ts` and is loaded only when used, so that
 * `podflow validate` does not pay for the server's dependencies.
 */
import { UsageError, type CommandResult } from './cli/usage-error';

/** `python`: the command checks task code with Python's own parser, so python3 is started before the command loads. */
const COMMANDS: Record<string, { summary: string; python?: true; load: () => Promise<{ main: (argv: string[]) => Promise<CommandResult> }> }> = {
  validate: { summary: 'validate FILE [--json]            check a workflow; exit 1 on errors', python: true, load: () => import('./cli/validate') },
  compile: { summary: 'compile FILE [--node ID] [--format yaml|json]   print the Kubernetes objects', load: () => import('./cli/compile') },
  export: { summary: 'export argo|flyte FILE [--input NAME=VALUE]... [--generate-name] [--template] [--format yaml|json]   a workflow for Argo Workflows, or a flytekit module', load: () => import('./cli/export') },
  submit: { summary: 'submit argo FILE [--input NAME=VALUE]... [--context C] [--namespace N] [--kubeconfig F]   create it on a cluster', load: () => import('./cli/submit') },
  run: { summary: 'run FILE [--executor local|kubernetes [--context C] [--namespace N] [--unreachable-seconds S] [--stuck-grace-seconds S] [--kube-api-qps Q] [--kube-api-burst B]] [--input NAME=JSON]... [--node N] [--json] [--logs]', python: true, load: () => import('./cli/run') },
  preflight: { summary: 'preflight FILE [--context C] [--namespace N] [--kubeconfig F] [--json]   check against the live cluster; exit 1 refused, 3 unreachable', python: true, load: () => import('./cli/preflight') },
  import: { summary: 'import flyte MODULE.py [--workflow NAME] [--out DIR] [--python PATH]   write one .podflow.yaml per @workflow', load: () => import('./cli/import') },
  serve: { summary: 'serve [--host H] [--port P] [--data-dir DIR] [--allow-host NAME]... [--local-executor on|off]   the editor and API', load: () => import('./cli/serve') },
};

function usage(): string {
  return ['usage: podflow <command> [options]', '', ...Object.values(COMMANDS).map((c) => `  podflow ${c.summary}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`podflow: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  try {
    if (command.python && rest.length > 0) void import('./validation/python-checker').then((m) => m.pythonChecker.warm());
    const { main: run } = await command.load();
    return (await run(rest)).exitCode;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`podflow ${name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`podflow: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 70;
  },
);
