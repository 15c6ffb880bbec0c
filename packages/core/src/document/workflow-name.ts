/**
 * The rule for a name a person types (a workflow's `metadata.name`, a rename, a copy's name): it ends up in file
 * names, log lines, Kubernetes labels and HTTP headers, so it may not carry control characters or path separators.
 * Every way a name comes in (create, draft save, rename, duplicate) checks this one rule.
 */
export const MAX_NAME_LENGTH = 253;

/** Why `name` cannot be kept, or undefined when it can. (Emptiness is the caller's rule: a draft may be unnamed.) */
export function nameProblem(name: string): string | undefined {
  if (name.length > MAX_NAME_LENGTH) return `at most ${MAX_NAME_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'no control characters (newlines, tabs, NUL and the like)';
  if (/[/\\]/.test(name)) return 'no slashes or backslashes';
  return undefined;
}
