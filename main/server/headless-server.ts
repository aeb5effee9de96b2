import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ApiConnection } from '../api/connection';
import type { ApiRouter } from '../api/router';
import type { Logger } from '../logging/logger';
import { cookieValue, newAccessToken, newSessionCookie, sessionCookieName, sessionCookieValid, tokenMatches } from './access-token';
import { SECURITY_HEADERS } from '../static/content-security';
import { hostIsLoopback, originAllowed } from './request-guard';
import { serveStatic } from './static-files';

export const API_PATH = '/api';
/** Large enough for a validation-code upload, small enough that one client cannot exhaust memory. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;

export interface HeadlessServerOptions {
  router: ApiRouter;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  log: Logger;
  /** 0 picks a free port. */
  port?: number;
  /** Given by tests; otherwise a fresh random token per start. */
  token?: string;
}

export interface RunningServer {
  readonly port: number;
  readonly token: string;
  /** The ready-to-open address, token included. */
  readonly url: string;
  readonly connectionCount: () => number;
  close(): Promise<void>;
}

/**
 * Serves the console to a browser on this machine only: the renderer over
 * HTTP and the contract over WebSocket, on 127.0.0.1, and only to a client
 * that presents the token printed at start.
 */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<RunningServer> {
  const token = options.token ?? newAccessToken();
  const { router, log, rendererDir } = options;
  let port = 0;

  const http = createServer((request, response) => {
    handleHttp(request, response).catch((error: unknown) => {
      log.error('server: request failed', error);
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('The console could not answer this request.');
    });
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!hostIsLoopback(request, port)) return refuse(response, 421, 'This console only answers on 127.0.0.1.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Only GET is served here.');
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (!authorised(request, url)) {
      return refuse(response, 401, 'This console needs its access link. Open the address printed by `npm run serve` (it ends in ?token=...).');
    }
    if (url.searchParams.has('token')) {
      // Trade the token in the address for a cookie, so it leaves the address bar and history.
      url.searchParams.delete('token');
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        'Set-Cookie': newSessionCookie(token, Date.now(), port),
        Location: url.pathname + url.search,
      });
      response.end();
      return;
    }
    // Each page load renews the session, so only a session left unused for its whole Max-Age expires.
    await serveStatic(rendererDir, url.pathname, response, { all: SECURITY_HEADERS, page: { 'Set-Cookie': newSessionCookie(token, Date.now(), port) } }, log);
  }

  /** The token itself in the address (the printed link, or a script), or a session cookie this console issued. */
  function authorised(request: IncomingMessage, url: URL): boolean {
    const fromAddress = url.searchParams.get('token');
    if (fromAddress !== null) return tokenMatches(token, fromAddress);
    return sessionCookieValid(token, cookieValue(request.headers.cookie, sessionCookieName(port)), Date.now(), port);
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const connections = new Set<WebSocket>();

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const allowed =
      url.pathname === API_PATH &&
      hostIsLoopback(request, port) &&
      originAllowed(request, port) &&
      authorised(request, url);
    if (!allowed) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveConnection(ws));
  });

  function serveConnection(ws: WebSocket): void {
    connections.add(ws);
    const connection = new ApiConnection(router, (frame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        connection.receive(undefined);
        return;
      }
      connection.receiveText(data.toString());
    });
    ws.on('error', (error) => log.warn('server: websocket error', error.message));
    ws.on('close', () => {
      connection.close();
      connections.delete(ws);
    });
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  port = (http.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    connectionCount: () => connections.size,
    async close() {
      for (const ws of connections) ws.terminate();
      sockets.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(message);
}
