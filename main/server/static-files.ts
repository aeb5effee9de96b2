import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { Logger } from '../logging/logger';
import { resolveRendererFile, type RendererFile } from '../static/renderer-files';

export interface StaticHeaders {
  /** On every answer. */
  all: Record<string, string>;
  /** Only on index.html (the page itself), e.g. the renewed session cookie. */
  page?: Record<string, string>;
}

/** Serves the built renderer (see `resolveRendererFile` for what may be answered). */
export async function serveStatic(root: string, pathname: string, response: ServerResponse, headers: StaticHeaders, log: Logger): Promise<void> {
  const file = await resolveRendererFile(root, pathname);
  if (!file) {
    response.writeHead(404, { ...headers.all, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('The console has not been built: run `npm run build` first.');
    return;
  }
  sendRendererFile(file, response, headers, log);
}

/** Streams a resolved file; a read that fails answers 500 (or cuts the answer) and the server goes on. */
export function sendRendererFile(file: RendererFile, response: ServerResponse, headers: StaticHeaders, log: Logger): void {
  const stream = createReadStream(file.path);
  // A file that vanishes or cannot be read between the check and the read must cost one answer, not the server.
  stream.once('error', (error) => {
    log.warn(`server: could not read ${file.path}`, error.message);
    if (!response.headersSent) {
      response.writeHead(500, { ...headers.all, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('The console could not read this file.');
    } else {
      response.destroy(error);
    }
  });
  stream.once('open', () => {
    response.writeHead(200, {
      ...headers.all,
      ...(file.isIndex ? headers.page : {}),
      'Content-Type': file.contentType,
      'Cache-Control': file.isIndex ? 'no-store' : 'private, max-age=3600',
    });
    stream.pipe(response);
  });
}
