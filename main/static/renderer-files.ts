import { realpath, stat } from 'node:fs/promises';
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

export interface RendererFile {
  /** The file's real path, inside the build folder. */
  path: string;
  contentType: string;
  /** index.html: the app's own routes fall back to it, and it is never cached. */
  isIndex: boolean;
}

/**
 * Which file of the built renderer answers a request path, for both shells
 * (the headless server over HTTP, the desktop window over the app's own
 * scheme). Unknown paths get index.html so the app's routes work on reload.
 * Nothing outside `root` is ever answered: not by `..` in any encoding, and
 * not through a symbolic link inside the build that points out of it (the
 * real path of the file must be inside the real path of the root).
 */
export async function resolveRendererFile(root: string, pathname: string): Promise<RendererFile | undefined> {
  const realRoot = await realPathOf(root);
  if (!realRoot) return undefined;
  const relative = decodedRelativePath(pathname);
  if (relative !== undefined) {
    const found = await containedFile(realRoot, join(realRoot, relative));
    if (found) return describe(found, realRoot);
  }
  const index = await containedFile(realRoot, join(realRoot, 'index.html'));
  return index ? describe(index, realRoot) : undefined;
}

export function contentTypeOf(path: string): string {
  return contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** The request path as a path relative to the root, or undefined when it cannot name a file there. */
function decodedRelativePath(pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined; // a malformed escape names no file
  }
  if (decoded.includes('\0')) return undefined;
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  if (relative === '..' || relative.startsWith(`..${sep}`) || relative.startsWith('../')) return undefined;
  return relative;
}

/** The real path of `candidate` when it is a regular file whose real path is inside `realRoot`. */
async function containedFile(realRoot: string, candidate: string): Promise<string | undefined> {
  const real = await realPathOf(candidate);
  if (!real || (real !== realRoot && !real.startsWith(realRoot + sep))) return undefined;
  try {
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

async function realPathOf(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch {
    return undefined;
  }
}

function describe(path: string, realRoot: string): RendererFile {
  return { path, contentType: contentTypeOf(path), isIndex: path === join(realRoot, 'index.html') };
}
