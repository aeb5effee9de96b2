import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/**
 * Serves the built renderer. Unknown paths get index.html so the app's own
 * routes work on reload; nothing outside `root` can be reached.
 */
export async function serveStatic(root: string, pathname: string, response: ServerResponse, headers: Record<string, string>): Promise<void> {
  const file = await resolveFile(root, pathname);
  if (!file) {
    response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('The console has not been built: run `npm run build` first.');
    return;
  }
  const isIndex = file.endsWith('index.html');
  response.writeHead(200, {
    ...headers,
    'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': isIndex ? 'no-store' : 'private, max-age=3600',
  });
  createReadStream(file).pipe(response);
}

async function resolveFile(root: string, pathname: string): Promise<string | undefined> {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  const candidate = join(root, relative);
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  if (await isFile(candidate)) return candidate;
  const index = join(root, 'index.html');
  return (await isFile(index)) ? index : undefined;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
