import { parsePyType } from '../python/py-type';
import type { Json } from '../util/json';

/**
 * A value typed by a person (`--input NAME=VALUE`, the Export dialog's input fields) for an input of type `typeText`:
 * JSON; for a `str` input, a text that is not JSON (or is JSON of another type) is the string itself, so `world` and
 * `"world"` mean the same (DESIGN.md §8). The one rule for the CLI and the editor.
 */
export function parseInputText(text: string, typeText: string): { ok: true; value: Json } | { ok: false; message: string } {
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
    return { ok: true, value };
  }
  if (value === undefined) return { ok: false, message: `${JSON.stringify(text)} is not valid JSON (the input is ${typeText})` };
  return { ok: true, value };
}
