/**
 * Typed application errors. Services throw AppError(code, message); the one
 * error handler in app.ts maps the code to an HTTP status and the API.md
 * error shape. `message` is user-facing Simplified Chinese.
 */
export const ErrorStatus = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  WEAK_PASSWORD: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  /** The password was right; the account has a second factor: send `totp` (or `recoveryCode`). */
  MFA_REQUIRED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  /** The center requires a second factor of this role: enrol (POST /me/mfa/totp) first. */
  MFA_ENROLMENT_REQUIRED: 403,
  ACCOUNT_LOCKED: 423,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE: 409,
  VERSION_CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ErrorStatus;

export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ErrorStatus[this.code];
  }
}

export const notFound = (what = "记录") => new AppError("NOT_FOUND", `${what}不存在或无权访问`);
export const forbidden = (message = "无权执行此操作") => new AppError("FORBIDDEN", message);
export const invalid = (path: string, message: string) =>
  new AppError("VALIDATION_FAILED", message, [{ path, message }]);
