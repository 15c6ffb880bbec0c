/**
 * `podflow` — the command line. Each command lives in `cli/<command>.ts` and is loaded only when used, so that
 * `podflow validate` does not pay for the server's dependencies.
 */
import { UsageError, type CommandResult } from './cli/usage-error';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ main: (argv: string[]) => Promise<CommandResult> }> }> = {
  validate: { summary: 'validate FILE [--json]            check a workflow; exit 1 on errors', load: () => import('./cli/validate') },
  compile: { summary: 'compile FILE [--node ID] [--format yaml|json]   print the Kubernetes objects', load: () => import('./cli/compile') },
  run: { summary: 'run FILE [--executor local|kubernetes [--context C] [--namespace N]] [--input NAME=JSON]... [--json] [--logs]', load: () => import('./cli/run') },
  export: { summary: 'export flyte FILE                 print the workflow as a flytekit module', load: () => import('./cli/export') },
  import: { summary: 'import flyte MODULE.py [--workflow NAME] [--out DIR] [--python PATH]   write one .podflow.yaml per @workflow', load: () => import('./cli/import') },
  serve: { summary: 'serve [--host H] [--port P] [--data-dir DIR] [--allow-host NAME]...   the editor and API', load: () => import('./cli/serve') },
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
