import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollatorState, LogBatch } from '../../../shared/contract/collators';
import { collatorHandlers, collatorSources } from '../../../main/api/handlers/collators';
import { ApiRouter, type CallHandlers, type StreamSources } from '../../../main/api/router';
import type { Logger } from '../../../main/logging/logger';
import type { Services } from '../../../main/api/services';
import { createWorkspace, fakeCollatorPath, type Workspace } from './support';

/** Records contract violations the router would only log. */
function recordingLogger(errors: unknown[]): Logger {
  return { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (...args) => errors.push(args) };
}

describe('the collators contract, through the API router', () => {
  let ws: Workspace;
  let router: ApiRouter;
  const contractErrors: unknown[] = [];
  beforeAll(async () => {
    ws = await createWorkspace({ stopTimeoutMs: 5_000 });
    // Only the collators domain is bound: the other domains' handlers are not needed to call these.
    const services = { collators: ws.open() } as unknown as Services;
    router = new ApiRouter(collatorHandlers(services) as CallHandlers, collatorSources(services) as StreamSources, recordingLogger(contractErrors));
  });
  afterAll(async () => {
    await ws.cleanup();
  });

  it('creates, starts, streams and stops a collator with answers that keep to the contract', async () => {
    const created = await router.call('collators.create', { profile: ws.profileInput('api') });
    expect(created.ok).toBe(true);
    const id = created.ok ? (created.data as { id: string }).id : '';

    const states: CollatorState[] = [];
    const batches: LogBatch[] = [];
    const stateSub = router.subscribe('collators.state', { id }, (event) => states.push(event as CollatorState));
    const logReady = new Promise<void>((resolve) => {
      router.subscribe('collators.log', { id }, (event) => {
        batches.push(event as LogBatch);
        if ((event as LogBatch).lines.some((l) => l.text.includes('Idle'))) resolve();
      });
    });
    expect(stateSub.ok).toBe(true);

    expect(await router.call('collators.start', { id })).toMatchObject({ ok: true, data: { status: 'starting' } });
    await logReady;
    expect(await router.call('collators.get', { id })).toMatchObject({ ok: true, data: { commandLine: expect.arrayContaining([fakeCollatorPath, '--']) } });
    expect(await router.call('collators.recentLogs', { id })).toMatchObject({ ok: true });
    expect(await router.call('collators.list', {})).toMatchObject({ ok: true, data: [expect.objectContaining({ profile: expect.objectContaining({ id }) })] });
    expect(await router.call('collators.stop', { id })).toMatchObject({ ok: true, data: { status: 'stopped' } });

    expect(states.map((s) => s.status)).toContain('stopping');
    expect(contractErrors).toEqual([]);
  });

  it('answers bad input and refused operations with stable codes, plain messages and hints', async () => {
    expect(await router.call('collators.start', { id: 'x', extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await router.call('collators.start', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found', hint: expect.any(String) } });
    expect(await router.call('collators.checkBinary', { path: '/bin/ls' })).toMatchObject({ ok: false, error: { code: 'bad_binary', hint: expect.any(String) } });
    const badPort = await router.call('collators.create', { profile: ws.profileInput('bad-port', { ports: { para: { rpc: 70_000 } } }) });
    expect(badPort).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
