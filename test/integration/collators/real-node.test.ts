import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { rococo_v2_2_asset_hub } from '@substrate/connect-known-chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Header } from '@polkadot/types/interfaces';
import { chopsticksCollatorPath, createWorkspace, waitForState, type Workspace } from './support';

function nextHead(api: ApiPromise): Promise<Header> {
  return new Promise((resolve, reject) => {
    let unsubscribe: (() => void) | undefined;
    api.rpc.chain
      .subscribeNewHeads((header) => {
        if (header.number.toNumber() === 0) return;
        unsubscribe?.();
        resolve(header);
      })
      .then((u) => {
        unsubscribe = u;
      }, reject);
  });
}

describe('a real Substrate runtime under the supervisor', () => {
  let ws: Workspace;
  let api: ApiPromise | undefined;
  beforeAll(async () => {
    ws = await createWorkspace({ stopTimeoutMs: 30_000 });
  });
  afterAll(async () => {
    await api?.disconnect();
    await ws.cleanup();
  });

  it('runs chopsticks on the Rococo Asset Hub genesis as a profile: RPC ready, blocks followed, restarted', async () => {
    const specPath = path.join(ws.dir, 'rococo-asset-hub.json');
    await writeFile(specPath, rococo_v2_2_asset_hub);
    const collators = ws.open({ probeIntervalMs: 500 });
    const profile = await collators.create(ws.profileInput('asset-hub', { binaryPath: chopsticksCollatorPath, chainSpecPath: specPath, collator: false }));
    expect(profile.binaryVersion).toBe('chopsticks-collator 1.1.0-0c0ffee');

    await collators.supervisor.start(profile.id);
    const ready = await waitForState(collators.supervisor, profile.id, (s) => s.status === 'running', 'chopsticks answering system_health', 150_000);
    const provider = new WsProvider(`ws://127.0.0.1:${profile.ports.para.rpc}`, 250);
    // isReadyOrError: a failed initialisation fails the test at once instead of waiting forever.
    api = await new ApiPromise({ provider, noInitWarn: true }).isReadyOrError;
    expect(api.runtimeVersion.specName.toString()).toBe('statemine');

    const head = nextHead(api);
    await provider.send('dev_newBlock', [{ count: 1 }]);
    expect((await head).number.toNumber()).toBe(1);

    const restarted = await collators.supervisor.restart(profile.id);
    expect(restarted.pid).not.toBe(ready.pid);
    await waitForState(collators.supervisor, profile.id, (s) => s.status === 'running', 'chopsticks answering again after restart', 150_000);
    await api.isReady;
    await new Promise<void>((resolve) => (api?.isConnected ? resolve() : api?.once('connected', () => resolve())));
    const afterRestart = nextHead(api);
    await provider.send('dev_newBlock', [{ count: 1 }]);
    expect((await afterRestart).number.toNumber()).toBeGreaterThanOrEqual(1);
    expect(collators.supervisor.recentLogs(profile.id, 200).some((l) => l.text.includes('RPC listening'))).toBe(true);

    await api.disconnect();
    api = undefined;
    const stopped = await collators.supervisor.stop(profile.id);
    expect(stopped).toMatchObject({ status: 'stopped', lastExit: { crashed: false } });
  }, 400_000);
});
