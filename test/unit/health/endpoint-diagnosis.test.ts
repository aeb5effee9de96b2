import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import getPort from 'get-port';
import { afterEach, describe, expect, it } from 'vitest';
import { diagnoseUnreachable } from '../../../main/health/probes/endpoint-diagnosis';

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

/** A real TCP listener on loopback; `onSocket` decides what it says (or not). */
async function listen(onSocket: (socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    sockets.push(socket);
    onSocket(socket);
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

describe('why an RPC address cannot be reached, found by dialling it', () => {
  it('names a refused connection with the address', async () => {
    const port = await getPort();
    expect(await diagnoseUnreachable(`ws://127.0.0.1:${port}`, 2_000)).toBe(`connection refused by 127.0.0.1:${port}: nothing listens on that port (the node is stopped, or its RPC is on another port)`);
  });

  it('says nothing when the socket opens: the cause is above it', async () => {
    const port = await listen(() => undefined);
    expect(await diagnoseUnreachable(`http://127.0.0.1:${port}`, 2_000)).toBeNull();
  });

  it('names a failed TLS handshake on a wss:// address that does not speak TLS', async () => {
    const port = await listen((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    expect(await diagnoseUnreachable(`wss://127.0.0.1:${port}`, 2_000)).toMatch(new RegExp(`^TLS handshake with 127\\.0\\.0\\.1:${port} failed: `));
  });

  it('names a timeout when the other end never answers the handshake', async () => {
    const port = await listen(() => undefined);
    expect(await diagnoseUnreachable(`wss://127.0.0.1:${port}`, 300)).toBe(`no answer from 127.0.0.1:${port} within 300 ms (timeout): a firewall may drop the packets, or the host is down`);
  });
});
