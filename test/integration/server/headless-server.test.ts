import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { silentLogger } from '../../../main/logging/logger';
import { startHeadlessServer, type RunningServer } from '../../../main/server/headless-server';
import type { ServerFrame } from '../../../shared/contract/wire';
import { startConsoleServices, type ConsoleUnderTest } from '../../support/console-services';

let console_: ConsoleUnderTest;
let server: RunningServer;
/** The session cookie the server sets when the token link is opened (`name=value`). */
let cookie: string;

beforeAll(async () => {
  console_ = await startConsoleServices();
  const rendererDir = join(console_.dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Parachain Console</title>');
  server = await startHeadlessServer({ router: console_.router, rendererDir, log: silentLogger, port: 0 });
  cookie = String((await get(`/?token=${server.token}`)).headers['set-cookie']).split(';')[0] ?? '';
});

afterAll(async () => {
  await server.close();
  await console_.dispose();
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
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
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextFrame(ws: WebSocket): Promise<ServerFrame> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()) as ServerFrame)));
}

describe('the headless server', () => {
  it('listens on 127.0.0.1 only and prints a ready-to-open address with its token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a page request without the token, or with a wrong one', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get('/', { Cookie: `pc_session_${server.port}=1.wrong` })).status).toBe(401);
    expect((await get('/')).body).toContain('?token=');
  });

  it('trades the token in the address for a cookie, then serves the page under a strict CSP', async () => {
    const first = await get(`/?token=${server.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(String(first.headers['set-cookie'])).toContain('HttpOnly');
    const page = await get('/', { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Parachain Console');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect((await get(`/?token=${server.token}`, { Host: `evil.example:${server.port}` })).status).toBe(421);
  });

  it('never serves a file outside the built renderer', async () => {
    const res = await get('/..%2f..%2f..%2fsettings.json', { Cookie: cookie });
    expect(res.body).not.toContain('schemaVersion');
  });

  it('refuses a WebSocket without the token, with a wrong token, or from a foreign page', async () => {
    await expect(openSocket('')).rejects.toThrow(/401/);
    await expect(openSocket('?token=nope')).rejects.toThrow(/401/);
    await expect(openSocket(`?token=${server.token}`, { Origin: 'https://evil.example' })).rejects.toThrow(/401/);
  });

  it('carries a contract call over WebSocket', async () => {
    const ws = await openSocket(`?token=${server.token}`);
    ws.send(JSON.stringify({ kind: 'call', id: 1, name: 'app.ping', input: { nonce: 'hello' } }));
    const frame = await nextFrame(ws);
    expect(frame).toMatchObject({ kind: 'result', id: 1, result: { ok: true, data: { nonce: 'hello' } } });
    ws.close();
  });

  it('answers malformed frames with typed errors and keeps serving', async () => {
    const ws = await openSocket('', { Cookie: cookie });
    ws.send('{not json');
    expect(await nextFrame(ws)).toMatchObject({ kind: 'frame-error', error: { code: 'invalid_input' } });
    ws.send(JSON.stringify({ kind: 'explode', id: 7 }));
    expect(await nextFrame(ws)).toMatchObject({ kind: 'frame-error', id: 7, error: { code: 'invalid_input' } });
    ws.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]), { binary: true });
    expect(await nextFrame(ws)).toMatchObject({ kind: 'frame-error' });
    ws.send(JSON.stringify({ kind: 'call', id: 8, name: 'settings.update', input: { patch: { theme: 'purple' } } }));
    expect(await nextFrame(ws)).toMatchObject({ kind: 'result', id: 8, result: { ok: false, error: { code: 'invalid_input' } } });
    ws.send(JSON.stringify({ kind: 'call', id: 9, name: 'app.ping', input: { nonce: 'still here' } }));
    expect(await nextFrame(ws)).toMatchObject({ kind: 'result', id: 9, result: { ok: true } });
    ws.close();
  });

  it('streams events to a subscriber and stops when it unsubscribes', async () => {
    const ws = await openSocket(`?token=${server.token}`);
    ws.send(JSON.stringify({ kind: 'subscribe', id: 3, name: 'app.notice', params: {} }));
    await new Promise((resolve) => setImmediate(resolve));
    const frame = nextFrame(ws);
    // A frame sent after subscribing is handled after it: wait for the ping to be sure the subscription is in place.
    ws.send(JSON.stringify({ kind: 'call', id: 4, name: 'app.ping', input: { nonce: 'sync' } }));
    await frame;
    const event = nextFrame(ws);
    console_.services.notices.post({ level: 'info', title: 'Hello', message: 'A notice for the operator.' });
    expect(await event).toMatchObject({ kind: 'event', id: 3, data: { title: 'Hello' } });
    ws.close();
  });
});
