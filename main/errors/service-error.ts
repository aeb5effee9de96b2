import type { ApiErrorData, ErrorCode } from '../../shared/contract/envelope';

/**
 * The error a service throws when the operator can do something about it.
 * The API layer turns it into the error envelope as is; any other exception
 * becomes `internal` with its message kept in the log only.
 */
export class ServiceError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  constructor(code: ErrorCode, message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServiceError';
    this.code = code;
    this.hint = hint;
  }

  toData(): ApiErrorData {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof ServiceError;
}
