import { createServer, request, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ApiConnection, MAX_CALLS_IN_FLIGHT, MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../../main/api/connection';
import { silentLogger } from '../../main/logging/logger';
import { SESSION_MAX_AGE_SECONDS, newSessionCookie, sessionCookieName } from '../../main/server/access-token';
import { startHeadlessServer, type RunningServer } from '../../main/server/headless-server';
import { sendRendererFile } from '../../main/server/static-files';
import { resolveRendererFile } from '../../main/static/renderer-files';
import { calls } from '../../shared/contract/index';
import type { ServerFrame } from '../../shared/contract/wire';
import { startConsoleServices, type ConsoleUnderTest } from '../support/console-services';

/**
 * An attacker on the same machine, or a web page in the operator's browser,
 * against the headless server and the contract behind it: no token, wrong
 * tokens, forged cookies, foreign Host and Origin headers, every spelling of
 * `..`, symbolic links out of the build, oversized frames, floods, too many
 * subscriptions, and names the contract does not have.
 */
let console_: ConsoleUnderTest;
let server: RunningServer;
let outside: string;
let cookie: string;
const OUTSIDE_SECRET = 'outside-the-build-secret-7731';

beforeAll(async () => {
  console_ = await startConsoleServices();
  const rendererDir = join(console_.dataDir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Parachain Console</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  outside = mkdtempSync(join(tmpdir(), 'pc-outside-'));
  writeFileSync(join(outside, 'secret.txt'), OUTSIDE_SECRET);
  // Links planted in the build folder, to a file and to a folder outside it.
  symlinkSync(join(outside, 'secret.txt'), join(rendererDir, 'assets', 'linked.js'));
  symlinkSync(outside, join(rendererDir, 'linked-dir'));
  server = await startHeadlessServer({ router: console_.router, rendererDir, log: silentLogger, port: 0 });
  cookie = String((await get(`/?token=${server.token}`)).headers['set-cookie']).split(';')[0] ?? '';
});

afterAll(async () => {
  await server.close();
  await console_.dispose();
  rmSync(outside, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(path: string, headers: Record<string, string> = {}, port = server.port): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { headers, maxPayload: 64 * 1024 * 1024 });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Collects frames until `count` have arrived. */
function frames(ws: WebSocket, count: number): Promise<ServerFrame[]> {
  return new Promise((resolve) => {
    const got: ServerFrame[] = [];
    const onMessage = (data: WebSocket.RawData): void => {
      got.push(JSON.parse(data.toString()) as ServerFrame);
      if (got.length >= count) {
        ws.off('message', onMessage);
        resolve(got);
      }
    };
    ws.on('message', onMessage);
  });
}

async function ping(ws: WebSocket, id: number): Promise<boolean> {
  const answer = frames(ws, 1);
  ws.send(JSON.stringify({ kind: 'call', id, name: 'app.ping', input: { nonce: 'alive' } }));
  const [frame] = await answer;
  return frame?.kind === 'result' && frame.id === id && frame.result.ok;
}

describe('tokens and sessions', () => {
  it('refuses pages and sockets without the token, with a wrong one, a truncated one or a longer one', async () => {
    for (const token of ['', 'wrong', server.token.slice(0, -1), `${server.token}x`, server.token.toUpperCase()]) {
      expect((await get(`/?token=${encodeURIComponent(token)}`)).status).toBe(401);
      await expect(openSocket(`?token=${encodeURIComponent(token)}`)).rejects.toThrow(/401/);
    }
    expect((await get('/')).status).toBe(401);
  });

  it('sets a session cookie that is not the token, names the port, expires, and is HttpOnly and SameSite=Strict', async () => {
    const setCookie = String((await get(`/?token=${server.token}`)).headers['set-cookie']);
    expect(setCookie.startsWith(`${sessionCookieName(server.port)}=`)).toBe(true);
    expect(setCookie).not.toContain(server.token);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain(`Max-Age=${SESSION_MAX_AGE_SECONDS}`);
    expect((await get('/', { Cookie: cookie })).status).toBe(200);
  });

  it('refuses the token itself as a cookie, a forged or expired session, and a session of another port', async () => {
    const name = sessionCookieName(server.port);
    const now = Date.now();
    const expired = newSessionCookie(server.token, now - (SESSION_MAX_AGE_SECONDS + 60) * 1000, server.port).split(';')[0] ?? '';
    const otherPort = newSessionCookie(server.token, now, server.port + 1).split(';')[0]?.replace(sessionCookieName(server.port + 1), name) ?? '';
    const forged = newSessionCookie('not-the-token-of-this-console-0000', now, server.port).split(';')[0] ?? '';
    for (const candidate of [`${name}=${server.token}`, `pc_token=${server.token}`, expired, otherPort, forged, `${name}=${Math.floor(now / 1000)}.${'A'.repeat(43)}`]) {
      expect((await get('/', { Cookie: candidate })).status, candidate).toBe(401);
      await expect(openSocket('', { Cookie: candidate })).rejects.toThrow(/401/);
    }
  });
});

describe('Host and Origin', () => {
  it('refuses a request addressed to any other name, as a DNS-rebinding page would send', async () => {
    for (const host of [`evil.example:${server.port}`, `127.0.0.1.evil.example:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`, `localhost.:${server.port}`]) {
      expect((await get(`/?token=${server.token}`, { Host: host })).status, host).toBe(421);
      await expect(openSocket(`?token=${server.token}`, { Host: host })).rejects.toThrow(/401/);
    }
  });

  it('refuses a WebSocket opened by a page of any other origin, another port on 127.0.0.1 included', async () => {
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${server.port + 1}`, `https://127.0.0.1:${server.port}`, 'file://']) {
      await expect(openSocket(`?token=${server.token}`, { Origin: origin }), origin).rejects.toThrow(/401/);
    }
    const own = await openSocket('', { Cookie: cookie, Origin: `http://127.0.0.1:${server.port}` });
    expect(await ping(own, 1)).toBe(true);
    own.close();
  });
});

describe('the static files', () => {
  it('never answers a file outside the build, whatever the spelling of ..', async () => {
    const tries = [
      '/../../../../etc/passwd',
      '/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/..%5c..%5c..%5cetc%5cpasswd',
      '/%252e%252e%252fetc%252fpasswd',
      '/assets/..%2f..%2f..%2fsettings.json',
      '//etc/passwd',
      '/%00../../etc/passwd',
      '/%E0%A4%A',
    ];
    for (const path of tries) {
      const answer = await get(path, { Cookie: cookie });
      expect(answer.body, path).not.toContain('root:');
      expect(answer.body, path).not.toContain('schemaVersion');
    }
  });

  it('does not follow a symbolic link out of the build folder', async () => {
    for (const path of ['/assets/linked.js', '/linked-dir/secret.txt']) {
      const answer = await get(path, { Cookie: cookie });
      expect(answer.body, path).not.toContain(OUTSIDE_SECRET);
    }
    expect(await resolveRendererFile(join(console_.dataDir, 'renderer'), '/assets/linked.js')).toMatchObject({ isIndex: true });
    expect((await get('/assets/app.js', { Cookie: cookie })).body).toContain('console.log');
  });

  it('answers 500 and keeps serving when a file cannot be read after it was found', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pc-vanishing-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(join(root, 'gone.js'), 'x');
    const http: Server = createServer((req, res) => {
      void resolveRendererFile(root, req.url ?? '/').then((file) => {
        if (!file) return res.end();
        // The file vanishes between the lookup and the read (a rebuild, a cleanup).
        unlinkSync(file.path);
        sendRendererFile(file, res, { all: {} }, silentLogger);
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const port = (http.address() as AddressInfo).port;
    try {
      expect((await get('/gone.js', {}, port)).status).toBe(500);
      writeFileSync(join(root, 'again.js'), 'y');
      expect((await get('/again.js', {}, port)).status).toBe(500);
    } finally {
      await new Promise((resolve) => http.close(resolve));
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the contract over the WebSocket', () => {
  it('closes a connection that sends a frame over the size limit, and the server keeps serving others', async () => {
    const ws = await openSocket('', { Cookie: cookie });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(16 * 1024 * 1024 + 1));
    expect(await closed).toBe(1009);
    const other = await openSocket('', { Cookie: cookie });
    expect(await ping(other, 1)).toBe(true);
    other.close();
  });

  it('answers a flood of garbage frame by frame and stays usable', async () => {
    const ws = await openSocket('', { Cookie: cookie });
    const count = 2_000;
    const answers = frames(ws, count);
    const garbage = ['{', '[]', 'null', '{"kind":"call"}', '{"kind":"call","id":-1,"name":"app.ping","input":{}}', JSON.stringify({ kind: 'call', id: 1, name: 'x'.repeat(101), input: {} })];
    for (let i = 0; i < count; i += 1) ws.send(garbage[i % garbage.length] ?? '{');
    const got = await answers;
    expect(got.every((frame) => frame.kind === 'frame-error')).toBe(true);
    expect(await ping(ws, 42)).toBe(true);
    ws.close();
  });

  it(`caps the subscriptions of one connection at ${MAX_SUBSCRIPTIONS_PER_CONNECTION}, and frees a place on unsubscribe`, async () => {
    const ws = await openSocket('', { Cookie: cookie });
    const extra = 100;
    const refusals = new Promise<ServerFrame[]>((resolve) => {
      const got: ServerFrame[] = [];
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as ServerFrame;
        if (frame.kind === 'stream-error') got.push(frame);
        if (got.length === extra) resolve(got);
      });
    });
    for (let id = 1; id <= MAX_SUBSCRIPTIONS_PER_CONNECTION + extra; id += 1) ws.send(JSON.stringify({ kind: 'subscribe', id, name: 'health.changed', params: {} }));
    const refused = await refusals;
    expect(refused.every((frame) => frame.kind === 'stream-error' && frame.error.code === 'limit_reached')).toBe(true);
    expect(refused.map((frame) => (frame.kind === 'stream-error' ? frame.id : 0))[0]).toBe(MAX_SUBSCRIPTIONS_PER_CONNECTION + 1);

    ws.send(JSON.stringify({ kind: 'unsubscribe', id: 1 }));
    const next = frames(ws, 1);
    ws.send(JSON.stringify({ kind: 'subscribe', id: 100_000, name: 'health.changed', params: {} }));
    ws.send(JSON.stringify({ kind: 'subscribe', id: 100_001, name: 'health.changed', params: {} }));
    // Only the second is refused: the first took the place the unsubscribe freed.
    expect(await next).toEqual([expect.objectContaining({ kind: 'stream-error', id: 100_001, error: expect.objectContaining({ code: 'limit_reached' }) })]);
    ws.close();
  });

  it(`lets one connection wait on at most ${MAX_CALLS_IN_FLIGHT} calls at once, and serves it again once answers come`, async () => {
    // A console of its own: the flood guesses its passphrase.
    const target = await startConsoleServices();
    try {
      await target.services.vault.unlock('the real passphrase of this vault');
      target.services.vault.lock();
      const answers = new Map<number, ServerFrame>();
      const waiting = new Map<number, (frame: ServerFrame) => void>();
      const connection = new ApiConnection(target.router, (frame) => {
        if (frame.kind !== 'result') return;
        answers.set(frame.id, frame);
        waiting.get(frame.id)?.(frame);
      });
      const answerTo = (id: number): Promise<ServerFrame> => new Promise((resolve) => waiting.set(id, resolve));
      const total = MAX_CALLS_IN_FLIGHT + 44;
      const last = answerTo(total);
      // Each guess costs a scrypt derivation: sent without waiting, as a flood would.
      for (let id = 1; id <= total; id += 1) connection.receive({ kind: 'call', id, name: 'keys.unlock', input: { passphrase: `guess number ${id}` } });
      await last;
      await Promise.all(Array.from({ length: MAX_CALLS_IN_FLIGHT }, (_, i) => (answers.has(i + 1) ? undefined : answerTo(i + 1))));
      const refused = [...answers.values()].filter((frame) => frame.kind === 'result' && !frame.result.ok && frame.result.error.code === 'limit_reached');
      expect(refused).toHaveLength(total - MAX_CALLS_IN_FLIGHT);
      // Every running call has answered: the same connection is served again.
      const again = answerTo(total + 1);
      connection.receive({ kind: 'call', id: total + 1, name: 'app.ping', input: { nonce: 'again' } });
      expect(await again).toMatchObject({ kind: 'result', result: { ok: true } });
    } finally {
      await target.dispose();
    }
  }, 120_000);

  it('answers names the contract does not have, inherited object keys included, without running anything', async () => {
    const ws = await openSocket('', { Cookie: cookie });
    const names = ['nope.nothing', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'collators.start ', 'COLLATORS.START', 'keys..list'];
    const answers = frames(ws, names.length * 2);
    names.forEach((name, i) => {
      ws.send(JSON.stringify({ kind: 'call', id: i, name, input: {} }));
      ws.send(JSON.stringify({ kind: 'subscribe', id: 1_000 + i, name, params: {} }));
    });
    const got = await answers;
    const results = got.filter((frame) => frame.kind === 'result');
    const streamErrors = got.filter((frame) => frame.kind === 'stream-error');
    expect(results.every((frame) => frame.kind === 'result' && !frame.result.ok && frame.result.error.code === 'unknown_call')).toBe(true);
    expect(streamErrors.every((frame) => frame.kind === 'stream-error' && frame.error.code === 'unknown_stream')).toBe(true);
    expect(results).toHaveLength(names.length);
    ws.close();
  });

  it('refuses input no call declares, in every call of the contract, before any service runs', async () => {
    const hostile = { injected: '$(touch /tmp/pwned)', __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } };
    const accepted: string[] = [];
    for (const name of Object.keys(calls)) {
      const answer = await console_.router.call(name, JSON.parse(JSON.stringify(hostile)) as unknown);
      if (answer.ok || answer.error.code !== 'invalid_input') accepted.push(name);
    }
    expect(accepted).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
