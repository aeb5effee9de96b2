import { z } from 'zod';

/**
 * Stable error codes the UI may branch on. Add a code here when a service
 * needs the UI to react differently; otherwise reuse `failed`.
 */
export const errorCodes = [
  'invalid_input',
  'unknown_call',
  'unknown_stream',
  'not_found',
  'already_exists',
  'conflict',
  'locked',
  'wrong_passphrase',
  'unavailable',
  'not_supported',
  'port_in_use',
  'bad_binary',
  'bad_file',
  'chain_error',
  'tx_failed',
  'insufficient_balance',
  'timeout',
  'disconnected',
  'failed',
  'internal',
  /** A bound the console keeps on what one client may hold (open subscriptions). */
  'limit_reached',
  /** Too many wrong passphrases: the next attempt is accepted after a wait. */
  'too_many_attempts',
] as const;

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const apiErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  hint: z.string().optional(),
  /** Field-level problems for invalid_input, as `path: message` lines. */
  issues: z.array(z.string()).optional(),
});
export type ApiErrorData = z.infer<typeof apiErrorSchema>;

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiErrorData };

export const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: apiErrorSchema }),
]);

/** Thrown by the renderer client when a call comes back with `ok: false`. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly issues?: string[];
  constructor(data: ApiErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.code = data.code;
    this.hint = data.hint;
    this.issues = data.issues;
  }
}
