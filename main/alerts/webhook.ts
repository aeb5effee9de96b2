import type { Alert, WebhookResult, WebhookSettings } from '../../shared/contract/health';

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
 *
 * The address is a secret (its path or credentials let anyone post to the
 * team's channel), so no error text that leaves here carries any of it.
 * Redirects are not followed: a receiver (or whoever took over its name)
 * could send the alert, body and credentials included, to plain http or to
 * a service inside the operator's network; a 307 would even re-post the body.
 */
export async function postWebhook(
  settings: Pick<WebhookSettings, 'url' | 'maxAttempts' | 'firstRetryDelayMs'>,
  payload: WebhookPayload,
  options: { timeoutMs: number; delay: Delay },
): Promise<WebhookResult> {
  const target = webhookTarget(settings.url);
  if ('error' in target) return { delivered: false, attempts: 0, status: null, error: target.error };
  let status: number | null = null;
  let error: string | null = null;
  for (let attempt = 1; attempt <= settings.maxAttempts; attempt += 1) {
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'parachain-console', ...target.headers },
        body: JSON.stringify(payload),
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      status = response.status;
      await response.body?.cancel();
      if (response.ok) return { delivered: true, attempts: attempt, status, error: null };
      if (status >= 300 && status < 400) {
        error = `the receiver answered HTTP ${status}, a redirect, which the console does not follow; set the webhook to the final address`;
        return { delivered: false, attempts: attempt, status, error };
      }
      error = `the receiver answered HTTP ${status}`;
      if (status < 500 && status !== 429) return { delivered: false, attempts: attempt, status, error };
    } catch (cause) {
      status = null;
      error = withoutAddress(causeText(cause), settings.url);
    }
    if (attempt < settings.maxAttempts) await options.delay(settings.firstRetryDelayMs * 2 ** (attempt - 1));
  }
  return { delivered: false, attempts: settings.maxAttempts, status, error };
}

type WebhookTarget = { url: string; headers: Record<string, string> } | { error: string };

/**
 * `https://user:password@host/...` is how some receivers take basic auth;
 * fetch refuses credentials in a URL (and names the whole URL when it does),
 * so they travel in an Authorization header instead.
 */
function webhookTarget(address: string): WebhookTarget {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { error: 'the webhook address is not a valid URL; set it again in Settings' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { error: `the webhook address must start with https:// (it uses ${url.protocol})` };
  }
  const headers: Record<string, string> = {};
  if (url.username !== '' || url.password !== '') {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.authorization = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  return { url: url.href, headers };
}

function causeText(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  return cause.cause instanceof Error ? cause.cause.message : cause.message;
}

/** Removes the address and every part of it that can carry a secret (credentials, path, query) from an error text. */
export function withoutAddress(text: string, address: string): string {
  const secrets = new Set<string>([address]);
  try {
    const url = new URL(address);
    secrets.add(url.href);
    for (const part of [url.username, url.password, decodeURIComponent(url.username), decodeURIComponent(url.password), url.pathname.length > 1 ? url.pathname : '', url.search, url.hash]) {
      if (part.length >= 3) secrets.add(part);
    }
  } catch {
    // Not a URL: the whole text given is the only thing to hide.
  }
  let cleaned = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) cleaned = cleaned.split(secret).join('[webhook address]');
  return cleaned;
}
