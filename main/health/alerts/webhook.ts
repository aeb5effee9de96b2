import type { Alert, WebhookResult, WebhookSettings } from '../../../shared/contract/health';

export interface WebhookPayload {
  source: 'parachain-console';
  test: boolean;
  alert: Alert;
}

/** Waits between attempts; tests pass one that resolves at once. */
export type Delay = (ms: number) => Promise<void>;

export const realDelay: Delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Posts an alert as JSON to the team's chat or pager. Retries on network
 * errors, 429 and 5xx with doubling delays; a 4xx other than 429 is the
 * receiver refusing the message, so it is not retried.
 */
export async function postWebhook(
  settings: Pick<WebhookSettings, 'url' | 'maxAttempts' | 'firstRetryDelayMs'>,
  payload: WebhookPayload,
  options: { timeoutMs: number; delay: Delay },
): Promise<WebhookResult> {
  let status: number | null = null;
  let error: string | null = null;
  for (let attempt = 1; attempt <= settings.maxAttempts; attempt += 1) {
    try {
      const response = await fetch(settings.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'parachain-console' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      status = response.status;
      await response.body?.cancel();
      if (response.ok) return { delivered: true, attempts: attempt, status, error: null };
      error = `the receiver answered HTTP ${status}`;
      if (status < 500 && status !== 429) return { delivered: false, attempts: attempt, status, error };
    } catch (cause) {
      status = null;
      error = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
    }
    if (attempt < settings.maxAttempts) await options.delay(settings.firstRetryDelayMs * 2 ** (attempt - 1));
  }
  return { delivered: false, attempts: settings.maxAttempts, status, error };
}
