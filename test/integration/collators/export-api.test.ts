import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collatorHandlers, collatorSources } from '../../../main/api/handlers/collators';
import { ApiRouter, type CallHandlers, type StreamSources } from '../../../main/api/router';
import type { Logger } from '../../../main/logging/logger';
import type { Services } from '../../../main/api/services';
import { createWorkspace, fakeCollatorPath, type Workspace } from './support';

function recordingLogger(errors: unknown[]): Logger {
  return { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (...args) => errors.push(args) };
}

describe('exporting a saved profile through the API router', () => {
  let ws: Workspace;
  let router: ApiRouter;
  let id = '';
  const contractErrors: unknown[] = [];
  beforeAll(async () => {
    ws = await createWorkspace({ stopTimeoutMs: 5_000 });
    const services = { collators: ws.open() } as unknown as Services;
    router = new ApiRouter(collatorHandlers(services) as CallHandlers, collatorSources(services) as StreamSources, recordingLogger(contractErrors));
    const created = await router.call('collators.create', { profile: ws.profileInput('export me', { extraArgs: ['--log', 'info,parachain=debug'] }) });
    id = created.ok ? (created.data as { id: string }).id : '';
  });
  afterAll(async () => {
    await ws.cleanup();
  });

  it('answers a systemd unit and Kubernetes manifests that keep to the contract', async () => {
    const unit = await router.call('collators.exportSystemd', { id, systemdVersion: 255 });
    expect(unit).toMatchObject({ ok: true, data: { fileName: 'collator-export-me.service', user: 'collator-export-me', setupCommands: expect.any(Array) } });
    expect(unit.ok ? (unit.data as { text: string }).text : '').toContain(`ExecStart="${fakeCollatorPath}" "--name" "export me"`);

    const k8s = await router.call('collators.exportKubernetes', { id, namespace: 'collators', image: 'registry.example/para:1.0' });
    expect(k8s).toMatchObject({ ok: true, data: { fileName: 'collator-export-me.yaml', notes: expect.any(Array) } });
    expect(k8s.ok ? Object.keys(k8s.data as object).sort() : []).toEqual(['fileName', 'notes', 'setupCommands', 'text']);
    expect(contractErrors).toEqual([]);
  });

  it('refuses what the target would refuse, before anything runs', async () => {
    expect(await router.call('collators.exportSystemd', { id, user: 'Root User' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await router.call('collators.exportKubernetes', { id, namespace: 'Not_A_Namespace' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await router.call('collators.exportKubernetes', { id, storageSize: '1 TB' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await router.call('collators.exportSystemd', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
