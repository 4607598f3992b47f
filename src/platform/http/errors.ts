import type { MessageParams } from '../../views/i18n/index.ts';

/** One catalogue of error codes: each has an HTTP status and a problem type (its message is `problem.<type>`). */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 422, type: 'validation-failed' },
  UNAUTHENTICATED: { status: 401, type: 'unauthenticated' },
  INVALID_CREDENTIALS: { status: 401, type: 'invalid-credentials' },
  FORBIDDEN: { status: 403, type: 'forbidden' },
  NOT_FOUND: { status: 404, type: 'not-found' },
  CONFLICT: { status: 409, type: 'conflict' },
  EMAIL_TAKEN: { status: 409, type: 'email-taken' },
  INVALID_TOKEN: { status: 400, type: 'invalid-token' },
  CSRF_FAILED: { status: 403, type: 'csrf-failed' },
  TOO_MANY_REQUESTS: { status: 429, type: 'too-many-requests' },
  PAYLOAD_TOO_LARGE: { status: 413, type: 'payload-too-large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, type: 'unsupported-media-type' },
  INTERNAL: { status: 500, type: 'internal' },
  SERVER_BUSY: { status: 503, type: 'server-busy' },
  REQUEST_ABORTED: { status: 400, type: 'request-aborted' },
  // The database cannot be reached right now (restarting, failing over): retry shortly.
  DATABASE_UNAVAILABLE: { status: 503, type: 'service-unavailable' },
  // The last active admin cannot be demoted or disabled: the team would have no admin left.
  LAST_ADMIN: { status: 409, type: 'last-admin' },
  // MFA_REQUIRED and the grace period are over: the session may only enrol a second factor.
  MFA_ENROLMENT_REQUIRED: { status: 403, type: 'mfa-enrolment-required' },
  // Recovery cases and their documents.
  RECOVERY_INCOMPLETE: { status: 409, type: 'recovery-incomplete' },
  RECOVERY_STATE_CONFLICT: { status: 409, type: 'recovery-state-conflict' },
  APPROVAL_BLOCKED: { status: 409, type: 'approval-blocked' },
  INVALID_CODE: { status: 400, type: 'invalid-code' },
  DOCUMENT_ENCRYPTED: { status: 422, type: 'document-encrypted' },
  DOCUMENT_UNREADABLE: { status: 422, type: 'document-unreadable' },
  DOCUMENT_INFECTED: { status: 422, type: 'document-infected' },
  SCANNER_UNAVAILABLE: { status: 503, type: 'scanner-unavailable' },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

/** A field-level problem: `code` names the message `fieldError.<code>`. */
export type FieldError = { field: string; code: string; params?: MessageParams };

/** The one error type: a code from the catalogue, safe to show; never carries a secret. */
export class AppError extends Error {
  readonly status: number;
  readonly type: string;
  constructor(
    readonly code: ErrorCode,
    readonly options: {
      errors?: FieldError[];
      params?: MessageParams;
      headers?: Record<string, string>;
      /** Extra members of the problem document (e.g. the missing requirements). */
      extensions?: Record<string, unknown>;
    } = {},
  ) {
    super(code);
    this.status = errorCatalogue[code].status;
    this.type = errorCatalogue[code].type;
  }
}

export function validationError(errors: FieldError[]): AppError {
  return new AppError('VALIDATION_FAILED', { errors });
}

/** 503 for work this process refuses to queue (argon2 beyond its cap): try again in a moment. */
export function serverBusy(retryAfterSeconds = 1): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError('SERVER_BUSY', { params: { seconds }, headers: { 'retry-after': String(seconds) } });
}

export function tooManyRequests(retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError('TOO_MANY_REQUESTS', {
    params: { seconds },
    headers: { 'retry-after': String(seconds) },
  });
}
