import type { IncomingMessage } from 'node:http';

/**
 * Accepts only requests addressed to the loopback name we listen on. A page
 * on another site that rebinds its DNS name to 127.0.0.1 sends its own Host
 * header and is refused here, before the token is even looked at.
 */
export function hostIsLoopback(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}

/** Browsers always send Origin on WebSocket upgrades; it must be our own page. */
export function originAllowed(request: IncomingMessage, port: number): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true; // not a browser: the token alone decides
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}` || origin === `http://[::1]:${port}`;
}
