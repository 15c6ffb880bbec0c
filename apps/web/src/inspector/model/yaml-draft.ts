/**
 * Whether the text of a YAML editor may replace a value of the document: only a clean mapping (no syntax error,
 * no duplicate key) that the schema accepts. Anything else is refused with positions, and the document keeps its
 * last good value. Sub-editors may allow empty text, which removes the field.
 */
import { readYamlMapping, rangeOfPath, type TextRange } from './pod-yaml';
import { parsePath } from './paths';

export interface DraftProblem extends TextRange {
  message: string;
  kind: 'syntax' | 'schema';
}

export interface DraftRules {
  allowEmpty?: boolean;
  validate?: (value: Record<string, unknown>) => readonly { path: string; message: string }[];
  what?: string;
}

export type DraftResult = { ok: true; value: Record<string, unknown> | undefined } | { ok: false; problems: DraftProblem[] };

export function readDraft(text: string, rules: DraftRules = {}): DraftResult {
  if (rules.allowEmpty && text.trim() === '') return { ok: true, value: undefined };
  const read = readYamlMapping(text, rules.what);
  if (!read.ok) return { ok: false, problems: read.problems.map((p) => ({ ...p, kind: 'syntax' as const })) };
  const schema = rules.validate?.(read.value) ?? [];
  if (schema.length === 0) return { ok: true, value: read.value };
  return {
    ok: false,
    problems: schema.map((p) => ({
      message: p.path ? `${p.path}: ${p.message}` : p.message,
      kind: 'schema' as const,
      ...(rangeOfPath(text, parsePath(p.path)) ?? { startLine: 1, startCol: 1, endLine: 1, endCol: 2 }),
    })),
  };
}
