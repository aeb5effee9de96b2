import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * How long a browser session lasts after its last page load. Each page load
 * renews it, so a dashboard in daily use never expires; one forgotten in a
 * browser profile stops opening the console after a week.
 */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;

export function newAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
export function tokenMatches(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The session cookie's name carries the port. Browsers scope cookies by host
 * only, never by port: with one fixed name, two consoles on one machine
 * would overwrite each other's session, and nothing would tell which
 * console a cookie was meant for.
 */
export function sessionCookieName(port: number): string {
  return `pc_session_${port}`;
}

/**
 * A session cookie: when it was issued, and a MAC of that under the access
 * token. Never the token itself: a browser sends the cookie to every service
 * on 127.0.0.1 the operator opens, whatever its port, and what such a
 * service could catch must expire and must not be the token (which is also
 * what the printed link and the token file hold).
 */
export function newSessionCookie(token: string, nowMs: number, port: number): string {
  const issuedAt = Math.floor(nowMs / 1000);
  const value = `${issuedAt}.${sessionMac(token, issuedAt, port)}`;
  return `${sessionCookieName(port)}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_MAX_AGE_SECONDS}`;
}

/** Whether a cookie value was issued by this console (same token and port) less than the maximum age ago. */
export function sessionCookieValid(token: string, value: string | undefined, nowMs: number, port: number): boolean {
  if (!value) return false;
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return false;
  const issuedAt = Number(match[1]);
  const ageSeconds = Math.floor(nowMs / 1000) - issuedAt;
  // A minute of clock step backwards is tolerated; a cookie from the future beyond that is not ours.
  if (ageSeconds > SESSION_MAX_AGE_SECONDS || ageSeconds < -60) return false;
  return tokenMatches(sessionMac(token, issuedAt, port), match[2]);
}

/** The value of one cookie in a Cookie header. */
export function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at !== -1 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

function sessionMac(token: string, issuedAt: number, port: number): string {
  return createHmac('sha256', token).update(`parachain-console session v1:${port}:${issuedAt}`).digest('base64url');
}
