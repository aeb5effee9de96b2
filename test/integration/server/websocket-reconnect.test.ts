import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { silentLogger } from '../../../main/logging/logger';
import { startHeadlessServer, type RunningServer } from '../../../main/server/headless-server';
import { ApiClient } from '../../../renderer/src/api/client';
import type { TransportStatus } from '../../../renderer/src/api/transport';
import { createWebSocketTransport } from '../../../renderer/src/api/ws-transport';
import type { Notice } from '../../../shared/contract/app';
import { startConsoleServices, type ConsoleUnderTest } from '../../support/console-services';

/**
 * The renderer's own client and WebSocket transport (run in Node, with the
 * `ws` client standing for the browser's WebSocket, which it matches) against
 * the real headless server, stopped and started again on the same port.
 */
let console_: ConsoleUnderTest;
let server: RunningServer | undefined;
const TOKEN = 'reconnect-test-token-0123456789abcdef';

beforeEach(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  console_ = await startConsoleServices();
  mkdirSync(join(console_.dataDir, 'renderer'));
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  await console_.dispose();
});

function serve(port = 0): Promise<RunningServer> {
  return startHeadlessServer({ router: console_.router, rendererDir: join(console_.dataDir, 'renderer'), log: silentLogger, port, token: TOKEN });
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(condition()).toBe(true);
}

describe('the WebSocket carrier across a console restart', () => {
  it('reports connecting, open, closed while the console is away, then open again, and the client subscribes again', async () => {
    server = await serve();
    const port = server.port;
    const client = new ApiClient(createWebSocketTransport(`ws://127.0.0.1:${port}/api?token=${TOKEN}`));
    const statuses: TransportStatus[] = [client.status()];
    client.onStatus((status) => statuses.push(status));
    const seen: Notice[] = [];
    client.subscribe('app.notice', {}, (notice) => seen.push(notice));
    await until(() => client.status() === 'open');

    console_.services.notices.post({ level: 'info', title: 'before the restart', message: '' });
    await until(() => seen.length === 1);

    await server.close();
    await until(() => client.status() === 'closed');
    // A call made while the console is away waits for it and goes out once the carrier is open again.
    const madeWhileAway = client.call('app.ping', { nonce: 'while away' });

    server = await serve(port);
    await until(() => client.status() === 'open');
    expect(statuses).toEqual(['connecting', 'open', 'closed', 'open']);
    // The new server knows nothing of the page: its subscription is live again only because the client sent it again.
    console_.services.notices.post({ level: 'info', title: 'after the restart', message: '' });
    await until(() => seen.length === 2);
    expect(seen.map((notice) => notice.title)).toEqual(['before the restart', 'after the restart']);
    await expect(madeWhileAway).resolves.toMatchObject({ nonce: 'while away' });
    await expect(client.call('app.ping', { nonce: 'back' })).resolves.toMatchObject({ nonce: 'back' });
    expect(server.connectionCount()).toBe(1);
  });
});
