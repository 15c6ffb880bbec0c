import type { CommandResult } from './usage-error';
import { UsageError } from './usage-error';

/** `podflow export FORMAT FILE …`: a whole workflow for an engine that runs without Podflow (DESIGN.md §5). */
const FORMATS: Record<string, () => Promise<{ main: (argv: string[]) => Promise<CommandResult> }>> = {
  argo: () => import('./export-argo'),
  flyte: () => import('./export-flyte'),
};

export async function main(argv: string[]): Promise<CommandResult> {
  const [format, ...rest] = argv;
  const load = format ? FORMATS[format] : undefined;
  if (!load) throw new UsageError(`${format ? `unknown format "${format}"` : 'missing FORMAT'}: podflow export ${Object.keys(FORMATS).join('|')} FILE`);
  return (await load()).main(rest);
}
