import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postWebhook, type WebhookPayload } from '../../main/alerts/webhook';

const payload: WebhookPayload = {
  source: 'parachain-console',
  test: true,
  alert: { id: 'a1', atMs: 0, subject: { kind: 'collator', id: 'test' }, subjectName: 'Test', rule: 'best-stalled', from: 'ok', to: 'warn', message: 'test', acknowledged: false },
};
const noWait = { timeoutMs: 10_000, delay: async () => undefined };

interface Receiver {
  port: number;
  requests: Array<{ url: string; authorization: string | undefined; body: string }>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A real HTTP receiver on loopback that answers every request with `answer`. */
async function receiver(answer: (request: IncomingMessage) => { status: number; headers?: Record<string, string> }): Promise<Receiver> {
  const requests: Receiver['requests'] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      requests.push({ url: request.url ?? '', authorization: request.headers.authorization, body });
      const { status, headers } = answer(request);
      response.writeHead(status, headers);
      response.end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, requests };
}

describe('the alert webhook', () => {
  it('sends credentials written in the address as basic auth, and never echoes the address in an error', async () => {
    const hook = await receiver(() => ({ status: 204 }));
    const delivered = await postWebhook({ url: `http://ops:pager-secret-pw@127.0.0.1:${hook.port}/hooks/T0K3N-path`, maxAttempts: 1, firstRetryDelayMs: 1 }, payload, noWait);
    expect(delivered).toMatchObject({ delivered: true });
    expect(hook.requests[0]?.authorization).toBe(`Basic ${Buffer.from('ops:pager-secret-pw').toString('base64')}`);
    expect(hook.requests[0]?.url).toBe('/hooks/T0K3N-path');

    // Nothing listens on port 9 here: the connection is refused, and the error says so without the address.
    const failed = await postWebhook({ url: 'http://ops:pager-secret-pw@127.0.0.1:9/hooks/T0K3N-path?key=query-secret', maxAttempts: 2, firstRetryDelayMs: 1 }, payload, noWait);
    expect(failed.delivered).toBe(false);
    expect(failed.error).toBeTruthy();
    for (const secret of ['pager-secret-pw', 'T0K3N-path', 'query-secret', 'ops:']) expect(failed.error).not.toContain(secret);
  });

  it('does not follow a redirect, to plain http or to a service inside the network, nor re-post the body on a 307', async () => {
    const internal = await receiver(() => ({ status: 200 }));
    for (const status of [301, 302, 303, 307, 308]) {
      const hook = await receiver(() => ({ status, headers: { location: `http://127.0.0.1:${internal.port}/admin/delete-everything` } }));
      const result = await postWebhook({ url: `http://127.0.0.1:${hook.port}/hook`, maxAttempts: 3, firstRetryDelayMs: 1 }, payload, noWait);
      expect(result).toMatchObject({ delivered: false, attempts: 1, status });
      expect(result.error).toContain('redirect');
      expect(hook.requests).toHaveLength(1);
    }
    expect(internal.requests).toEqual([]);
  });
});
