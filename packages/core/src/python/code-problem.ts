/**
 * A problem in a task's Python code, at a 1-based line and column (columns count UTF-16 code units, as editors do).
 * `code` is a stable identifier that tools and tests match on (`python-syntax`, `function-missing`, `param-untyped`,
 * `param-varargs`, `type-unsupported`, `return-untyped`, `function-redefined`); the message is for people.
 */
export interface CodeProblem {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  line: number;
  col: number;
}
