import type { z } from 'zod';
import { formatPath, type PathSegment } from '../document/path';

/** A refusal reason from a schema check of something an op was given: `what.field: message`. */
export function schemaRefusal(what: string, error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return `${what} is not valid`;
  const path = formatPath(issue.path as PathSegment[]);
  return `${what}${path ? ` ${path}` : ''}: ${issue.message.replace(/^Invalid input: /, '')}`;
}
