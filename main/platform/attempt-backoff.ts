import { ServiceError } from '../errors/service-error';

export interface AttemptBackoffOptions {
  /** Wrong guesses allowed before any wait: a typo or two costs nothing. */
  freeAttempts?: number;
  firstDelayMs?: number;
  maxDelayMs?: number;
  now?: () => number;
}

/**
 * Slows down passphrase guessing through the console itself (the UI, the
 * WebSocket, a script holding the token): after a few wrong passphrases each
 * further attempt waits twice as long as the one before, up to a ceiling.
 * The scrypt cost slows offline guessing; this slows online guessing, which
 * would otherwise run at the speed of the machine.
 */
export class AttemptBackoff {
  private failures = 0;
  private retryAt = 0;
  private readonly freeAttempts: number;
  private readonly firstDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly now: () => number;

  constructor(options: AttemptBackoffOptions = {}) {
    this.freeAttempts = options.freeAttempts ?? 3;
    this.firstDelayMs = options.firstDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Throws `too_many_attempts` while the wait after the last wrong passphrase runs. */
  check(): void {
    const waitMs = this.retryAt - this.now();
    if (waitMs <= 0) return;
    const seconds = Math.ceil(waitMs / 1000);
    throw new ServiceError(
      'too_many_attempts',
      `Too many wrong passphrases: the vault accepts the next attempt in ${seconds} s.`,
      'Wait, then type the passphrase carefully (keyboard layout, Caps Lock). Each further wrong one doubles the wait.',
    );
  }

  failed(): void {
    this.failures += 1;
    const beyond = this.failures - this.freeAttempts;
    if (beyond <= 0) return;
    this.retryAt = this.now() + Math.min(this.firstDelayMs * 2 ** (beyond - 1), this.maxDelayMs);
  }

  succeeded(): void {
    this.failures = 0;
    this.retryAt = 0;
  }
}
