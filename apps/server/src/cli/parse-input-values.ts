import { parsePyType, type Json } from '@podflow/core';
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
    const type = parsePyType(typeText);
    const base = type.ok && type.type.kind === 'optional' ? type.type.of : type.ok ? type.type : undefined;
    let value: Json | undefined;
    try {
      value = JSON.parse(text) as Json;
    } catch {
      value = undefined;
    }
    if (base?.kind === 'str') {
      if (typeof value !== 'string' && !(value === null && type.ok && type.type.kind === 'optional')) value = text;
    } else if (value === undefined) {
      throw new UsageError(`--input ${name}: ${JSON.stringify(text)} is not valid JSON (the input is ${typeText}; for example ${example(name, typeText)})`);
    }
    inputs[name] = value as Json;
  }
  return inputs;
}

function example(name: string, type: string): string {
  const value = /^(list|List)\b/.test(type) ? "'[1, 2, 3]'" : /^(dict|Dict)\b/.test(type) ? `'{"a": 1}'` : type === 'bool' ? 'true' : type === 'float' ? '1.5' : '42';
  return `--input ${name}=${value}`;
}
