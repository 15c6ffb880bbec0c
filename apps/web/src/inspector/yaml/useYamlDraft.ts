import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { toYaml } from '../model/pod-yaml';
import { readDraft, type DraftProblem } from '../model/yaml-draft';
import { clearPending, markPending } from '../../persistence/pending-edits';
import { clearYamlDraft, readYamlDraft, writeYamlDraft, type YamlDraft } from '../../persistence/yaml-drafts';

export type { DraftProblem } from '../model/yaml-draft';

export type DraftStatus = 'synced' | 'pending' | 'invalid';

/** The tone (styles/tones.css) a draft's status is shown in. */
export const SYNC_TONE: Record<DraftStatus, string> = { synced: 'tone-success', pending: 'tone-neutral', invalid: 'tone-error' };

export interface YamlDraftOptions {
  /** The value in the document (undefined when absent). */
  value: unknown;
  /** What an absent value reads as (`{containers: []}` for a pod spec); without it, absent is empty text. */
  absentValue?: Record<string, unknown>;
  /** Sub-editors: empty text removes the field. */
  allowEmpty?: boolean;
  /** Schema problems of a candidate value, by path inside it; any problem keeps the value out of the document. */
  validate?: (value: Record<string, unknown>) => readonly { path: string; message: string }[];
  onApply: (value: Record<string, unknown> | undefined) => void;
  what?: string;
  delayMs?: number;
  /** Keep text that could not be applied across a reload, under this workflow and editor name, and offer it back. */
  keep?: { workflowId: string; editor: string };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The text of a YAML editor bound to a value of the document. Typing updates the text at once; after a pause the
 * text is read back and applied only when it is a clean mapping with no schema problems — otherwise the document
 * keeps its last good value and the problems say why. A change of the value from elsewhere (the form, undo)
 * replaces the text, unless the text already says the same.
 */
export function useYamlDraft(opts: YamlDraftOptions) {
  const shown = opts.value ?? opts.absentValue;
  const [text, setTextState] = useState(() => (shown === undefined ? '' : toYaml(shown)));
  const [status, setStatus] = useState<DraftStatus>('synced');
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const textRef = useRef(text);
  const optsRef = useRef(opts);
  optsRef.current = opts;
  const pendingKey = `yaml:${useId()}`;
  const yamlOf = (v: unknown) => (v === undefined ? '' : toYaml(v));

  // Text kept from an earlier visit that was never applied, offered back (unless it says what the document says).
  const [offered, setOffered] = useState<YamlDraft | undefined>(() => {
    if (!opts.keep) return undefined;
    const kept = readYamlDraft(opts.keep.workflowId, opts.keep.editor);
    if (kept && kept.text === text) {
      clearYamlDraft(opts.keep.workflowId, opts.keep.editor);
      return undefined;
    }
    return kept;
  });

  /** What the text means, or a list of reasons it cannot be applied. */
  const evaluate = useCallback((t: string) => readDraft(t, optsRef.current), []);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    clearPending(pendingKey);
    const o = optsRef.current;
    const result = evaluate(textRef.current);
    if (!result.ok) {
      setProblems(result.problems);
      setStatus('invalid');
      if (o.keep) writeYamlDraft(o.keep.workflowId, o.keep.editor, { text: textRef.current, base: yamlOf(o.value ?? o.absentValue), savedAt: Date.now() });
      return;
    }
    setProblems([]);
    setStatus('synced');
    if (o.keep) clearYamlDraft(o.keep.workflowId, o.keep.editor);
    const current = o.value ?? (result.value === undefined ? undefined : o.absentValue);
    if (!same(result.value, current)) o.onApply(result.value);
  }, [evaluate, pendingKey]);

  const setText = useCallback(
    (t: string) => {
      textRef.current = t;
      setTextState(t);
      setStatus('pending');
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, optsRef.current.delayMs ?? 350);
      markPending(pendingKey, flush);
    },
    [flush, pendingKey],
  );

  // A change from elsewhere replaces the text (unless it already says the same, or the person is mid-edit).
  useEffect(() => {
    if (timer.current !== undefined) return;
    const result = evaluate(textRef.current);
    const current = opts.value ?? opts.absentValue;
    if (result.ok && same(result.value ?? opts.absentValue, current)) return;
    if (!result.ok && status === 'invalid') return; // keep the person's broken draft until they fix or revert it
    const next = current === undefined ? '' : toYaml(current);
    textRef.current = next;
    setTextState(next);
    setProblems([]);
    setStatus('synced');
  }, [opts.value]);

  // Apply a pending good edit when the editor goes away (tab switch right after typing).
  useEffect(() => () => {
    if (timer.current !== undefined) flush();
  }, [flush]);

  const revert = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    clearPending(pendingKey);
    const keep = optsRef.current.keep;
    if (keep) clearYamlDraft(keep.workflowId, keep.editor);
    const current = optsRef.current.value ?? optsRef.current.absentValue;
    const next = current === undefined ? '' : toYaml(current);
    textRef.current = next;
    setTextState(next);
    setProblems([]);
    setStatus('synced');
  }, [pendingKey]);

  /** Puts the kept text back in the editor (applied at once when it is now valid). */
  const restoreOffered = useCallback(() => {
    if (!offered) return;
    setOffered(undefined);
    textRef.current = offered.text;
    setTextState(offered.text);
    flush();
  }, [offered, flush]);

  const discardOffered = useCallback(() => {
    const keep = optsRef.current.keep;
    if (keep) clearYamlDraft(keep.workflowId, keep.editor);
    setOffered(undefined);
  }, []);

  return {
    text,
    setText,
    status,
    problems,
    revert,
    flush,
    /** Unapplied text kept from before a reload, with whether the document changed since it was typed. */
    offered: offered ? { ...offered, stale: offered.base !== yamlOf(opts.value ?? opts.absentValue) } : undefined,
    restoreOffered,
    discardOffered,
  };
}
