// Errors that handlers throw; the router turns them into Sentry-shaped responses.

export const NOT_FOUND_DETAIL = 'The requested resource does not exist';
export const PERMISSION_DENIED_DETAIL = 'You do not have permission to perform this action.';

/** An HTTP error with Sentry's `{"detail": …}` body (or a raw body when given). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extraHeaders: Record<string, string> = {},
    /** Raw response body instead of `{"detail": …}` (e.g. Sentry's empty 404s). */
    readonly rawBody?: { body: string; contentType: string }
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

export function notFound(): ApiError {
  return new ApiError(404, NOT_FOUND_DETAIL);
}

export function forbidden(): ApiError {
  return new ApiError(403, PERMISSION_DENIED_DETAIL);
}

export function badRequest(detail: string): ApiError {
  return new ApiError(400, detail);
}
