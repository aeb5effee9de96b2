import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiRouter, type CallHandlers, type StreamSources } from '../../../main/api/router';
import { silentLogger } from '../../../main/logging/logger';
import { calls, streams } from '../../../shared/contract/index';

const malformedInputs: unknown[] = [42, null, 'text', [], true, { unexpectedField: 1 }];

/** Handlers that record being reached: a malformed message must never get that far. */
function recordingRouter(): { router: ApiRouter; reached: string[] } {
  const reached: string[] = [];
  const handlers = Object.fromEntries(Object.keys(calls).map((name) => [name, () => void reached.push(name)])) as unknown as CallHandlers;
  const sources = Object.fromEntries(
    Object.keys(streams).map((name) => [name, () => { reached.push(name); return () => undefined; }]),
  ) as unknown as StreamSources;
  return { router: new ApiRouter(handlers, sources, silentLogger), reached };
}

describe('the contract', () => {
  it.each(Object.entries(calls))('declares %s with a strict object input', (_name, spec) => {
    expect(spec.input).toBeInstanceOf(z.ZodObject);
    expect(spec.input.safeParse({ unexpectedField: 1 }).success).toBe(false);
  });

  it.each(Object.keys(calls))('refuses malformed input to %s with invalid_input, before any service sees it', async (name) => {
    const { router, reached } = recordingRouter();
    for (const input of malformedInputs) {
      const result = await router.call(name, input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.message).toContain(name);
      }
    }
    expect(reached).toEqual([]);
  });

  it.each(Object.keys(streams))('refuses malformed parameters to the %s stream with invalid_input', (name) => {
    const { router, reached } = recordingRouter();
    for (const params of malformedInputs) {
      const result = router.subscribe(name, params, () => undefined);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
    expect(reached).toEqual([]);
  });

  it('answers an unknown call name with unknown_call', async () => {
    const { router } = recordingRouter();
    const result = await router.call('collators.launchMissiles', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });

  it('never fills defaults into a patch: changing one setting leaves the others as they are', () => {
    expect(calls['settings.update'].input.parse({ patch: { theme: 'dark' } })).toEqual({ patch: { theme: 'dark' } });
    expect(calls['health.updateWebhook'].input.parse({ patch: { url: 'https://chat.example/hook' } })).toEqual({ patch: { url: 'https://chat.example/hook' } });
  });

  it('names every call and stream as domain.verb', () => {
    for (const name of [...Object.keys(calls), ...Object.keys(streams)]) expect(name).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
  });
});

describe('the router', () => {
  it('turns an unexpected exception into a plain internal error without leaking its message', async () => {
    const handlers = Object.fromEntries(Object.keys(calls).map((name) => [name, () => { throw new Error('secret seed words in a stack'); }])) as unknown as CallHandlers;
    const router = new ApiRouter(handlers, {} as StreamSources, silentLogger);
    const result = await router.call('app.ping', { nonce: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('secret');
  });

  it('strips fields a handler returns that the contract does not declare', async () => {
    const handlers = { 'app.ping': () => ({ nonce: 'n', at: 1, privateKey: '0xdeadbeef' }) } as unknown as CallHandlers;
    const router = new ApiRouter(handlers, {} as StreamSources, silentLogger);
    const result = await router.call('app.ping', { nonce: 'n' });
    expect(result).toEqual({ ok: true, data: { nonce: 'n', at: 1 } });
  });
});
