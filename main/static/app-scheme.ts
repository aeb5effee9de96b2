import { readFile } from 'node:fs/promises';
import { SECURITY_HEADERS } from './content-security';
import { resolveRendererFile } from './renderer-files';

/**
 * The desktop window loads the UI from `app://console/`, a scheme of the
 * app's own, not from file://. Release builds turn off the fuse that gives
 * file:// pages more than a browser would (grantFileProtocolExtraPrivileges),
 * and a browser will not load module scripts from file:// (its origin is
 * opaque, so every script is cross-origin): the window would open blank.
 * A standard, secure scheme has a real origin, so the bundle's module
 * scripts are same-origin and the CSP's 'self' means the build folder.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

export interface AppSchemeAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

/**
 * What the app scheme answers for one request: a file of the built
 * renderer, chosen by the same rules as the headless server (nothing outside
 * the build, no symlink out of it), under the same security headers. Only
 * GET of our own host is answered.
 */
export async function answerAppRequest(rendererDir: string, method: string, requestUrl: string): Promise<AppSchemeAnswer> {
  const url = parseAppUrl(requestUrl);
  if (!url) return plain(404, 'Not part of this app.');
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Only GET is served here.');
  const file = await resolveRendererFile(rendererDir, url.pathname);
  if (!file) return plain(404, 'The console has not been built: run `npm run build` first.');
  let body: Buffer;
  try {
    body = await readFile(file.path);
  } catch {
    return plain(500, 'The console could not read this file.');
  }
  return { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Cache-Control': 'no-store' }, body: method === 'HEAD' ? '' : body };
}

/** Whether a URL is one of the app's own pages (any path of app://console). */
export function isAppUrl(url: string): boolean {
  return parseAppUrl(url) !== undefined;
}

/**
 * Node's URL gives schemes it does not know an opaque origin ("null"), so
 * the scheme and host are compared here instead of `origin`.
 */
function parseAppUrl(text: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const ours = url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '' && url.port === '';
  return ours ? url : undefined;
}

function plain(status: number, text: string): AppSchemeAnswer {
  return { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }, body: text };
}
