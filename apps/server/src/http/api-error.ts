/**
 * An error the API answers as `{"error": {code, message, field?, issues?}}` (docs/api.md), plus any extra top-level
 * members (a 409 on a stale draft carries the current `draft`).
 */
export interface ApiErrorDetails {
  field?: string;
  issues?: unknown[];
  /** Extra top-level members of the answer, beside `error`. */
  extra?: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetails = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): Record<string, unknown> {
    const error: Record<string, unknown> = { code: this.code, message: this.message };
    if (this.details.field !== undefined) error.field = this.details.field;
    if (this.details.issues !== undefined) error.issues = this.details.issues;
    return { error, ...this.details.extra };
  }
}

export const notFound = (what: string, field?: string): ApiError =>
  new ApiError(404, 'not-found', `${what} does not exist`, field === undefined ? {} : { field });

export const badRequest = (field: string, message: string, issues?: unknown[]): ApiError =>
  new ApiError(400, 'invalid-request', `${field}: ${message}`, issues === undefined ? { field } : { field, issues });
