import { parseInputText, type Json } from '@podflow/core';
import { UsageError } from './usage-error';

/**
 * `--input NAME=VALUE` against declared names and types (a workflow's inputs, or a node's input ports): VALUE is
 * JSON; for a `str` input a VALUE that is not JSON (or JSON of another type) is the string itself, so
 * `--input name=world` and `--input name='"world"'` mean the same.
 */
export function parseInputValues(given: readonly string[], declared: ReadonlyMap<string, string>, owner: string): Record<string, Json> {
  const inputs: Record<string, Json> = {};
  for (const arg of given) {
    const eq = arg.indexOf('=');
    if (eq <= 0) throw new UsageError(`--input expects NAME=VALUE, got "${arg}"`);
    const name = arg.slice(0, eq);
    const text = arg.slice(eq + 1);
    const typeText = declared.get(name);
    if (typeText === undefined) throw new UsageError(`--input ${name}: ${owner} has no input "${name}"; its inputs are: ${[...declared.keys()].join(', ') || '(none)'}`);
    if (Object.hasOwn(inputs, name)) throw new UsageError(`--input ${name} is given twice`);
    const parsed = parseInputText(text, typeText);
    if (!parsed.ok) throw new UsageError(`--input ${name}: ${parsed.message}; for example ${example(name, typeText)}`);
    inputs[name] = parsed.value;
  }
  return inputs;
}

function example(name: string, type: string): string {
  const value = /^(list|List)\b/.test(type) ? "'[1, 2, 3]'" : /^(dict|Dict)\b/.test(type) ? `'{"a": 1}'` : type === 'bool' ? 'true' : type === 'float' ? '1.5' : '42';
  return `--input ${name}=${value}`;
}
