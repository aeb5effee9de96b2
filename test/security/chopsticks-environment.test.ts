import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rococo_v2_2_asset_hub } from '@substrate/connect-known-chains';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChopsticksProcess } from '../../main/chain/rehearsal/chopsticks-process';
import { safeChildEnv } from '../../main/process/safe-child-env';
import { childrenOf, environmentOf } from './support/console-process';

const PASSPHRASE = 'a passphrase the fork must never see';
let dir: string;
const saved = { passphrase: process.env.PARACHAIN_CONSOLE_PASSPHRASE, nodeOptions: process.env.NODE_OPTIONS };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pc-fork-env-'));
});

afterAll(async () => {
  restore('PARACHAIN_CONSOLE_PASSPHRASE', saved.passphrase);
  restore('NODE_OPTIONS', saved.nodeOptions);
  await rm(dir, { recursive: true, force: true });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

describe('the environment of child processes', () => {
  it('drops code-loading variables and every PARACHAIN_CONSOLE_ variable, whatever their case', () => {
    const env = safeChildEnv({ PATH: '/bin', PARACHAIN_CONSOLE_PASSPHRASE: 'x', parachain_console_token: 'y', NODE_OPTIONS: '--require evil.js', RUST_LOG: 'info' }, { LOG_LEVEL: 'info' });
    expect(env).toEqual({ PATH: '/bin', RUST_LOG: 'info', LOG_LEVEL: 'info' });
  });

  it.runIf(process.platform === 'linux')('gives the chopsticks rehearsal fork neither the passphrase nor NODE_OPTIONS', async () => {
    // As a console whose environment carried them would hold them.
    process.env.PARACHAIN_CONSOLE_PASSPHRASE = PASSPHRASE;
    process.env.NODE_OPTIONS = '--no-deprecation';
    const specPath = path.join(dir, 'rococo-asset-hub.json');
    await writeFile(specPath, rococo_v2_2_asset_hub);
    const starting = ChopsticksProcess.start({ source: { kind: 'genesis', specPath }, port: await getPort({ host: '127.0.0.1' }), dir, readyTimeoutMs: 120_000, stopTimeoutMs: 5_000 });
    const settled = starting.then((fork) => fork, (error: unknown) => error);

    // The fork compiles its runtime for a while before it listens: look at it while it does.
    let pid: number | undefined;
    for (let i = 0; i < 200 && pid === undefined; i += 1) {
      pid = childrenOf(process.pid, 'chopsticks')[0];
      if (pid === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    restore('PARACHAIN_CONSOLE_PASSPHRASE', saved.passphrase);
    restore('NODE_OPTIONS', saved.nodeOptions);
    try {
      expect(pid).toBeDefined();
      const env = environmentOf(pid ?? 0);
      expect(env).not.toBeNull();
      expect(env?.PARACHAIN_CONSOLE_PASSPHRASE).toBeUndefined();
      expect(Object.values(env ?? {}).some((value) => value.includes(PASSPHRASE))).toBe(false);
      expect(env?.NODE_OPTIONS).toBeUndefined();
      expect(env?.LOG_LEVEL).toBe('info');
    } finally {
      const outcome = await Promise.race([settled, new Promise((resolve) => setTimeout(() => resolve('still starting'), 10))]);
      if (outcome instanceof ChopsticksProcess) await outcome.stop();
      else if (pid !== undefined) {
        // Started by this test and not ready yet: end it by its own pid; start() then rejects.
        process.kill(pid, 'SIGKILL');
        const late = await settled;
        if (late instanceof ChopsticksProcess) await late.stop();
      }
    }
  }, 180_000);
});
