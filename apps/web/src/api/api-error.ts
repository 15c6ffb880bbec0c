/** An error answered by the Podflow API (`{"error": {code, message, field?, issues?}}`), or a failure to reach it. */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached at all. */
    readonly status: number,
    readonly code: string,
    message: string,
    /** The parsed body, for answers that carry data with the error (a 409 carries the current draft). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The server is down or the network failed: work is kept locally and re-sent later. */
  get offline(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
